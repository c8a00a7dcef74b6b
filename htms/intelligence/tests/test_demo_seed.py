"""The demo seed's dossiers: graded facts, one nomination waiting and one approved."""

import pytest
from django.utils import timezone

from htms.accounts.models import User
from htms.cases.models import Case
from htms.intelligence.models import DossierFact, RedBookEntry
from htms.synthetic.agents import demo_agents_seed

pytestmark = pytest.mark.django_db


def test_it_seeds_dossiers_and_both_kinds_of_red_book_entry(
    alice: User, anne: User, mona: User, tip_case: Case
) -> None:
    made = demo_agents_seed(
        io=alice, incharge=anne, monitoring=mona, today=timezone.localdate(), seed=1
    )
    assert made == 2  # the two accused of the shared case
    assert DossierFact.objects.filter(is_synthetic=True).count() == 8
    statuses = sorted(RedBookEntry.objects.values_list("status", flat=True))
    assert statuses == ["approved", "pending"]
