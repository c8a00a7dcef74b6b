"""Demo suspects entered again: pairs the review queue must show, made once."""

from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from htms.accounts.models import User
from htms.persons.models import Person
from htms.resolution.models import LinkStatus, MatchLink
from htms.resolution.selectors import review_queue
from htms.synthetic.management.commands.seed_demo import Command as SeedDemo
from htms.synthetic.management.commands.seed_resolution_demo import Command as SeedResolutionDemo

pytestmark = pytest.mark.django_db


def test_it_gives_the_demo_reviewers_pairs_to_review() -> None:
    call_command(SeedDemo(), "--cases", "40", "--seed", "3", stdout=StringIO())
    persons = Person.objects.count()
    out = StringIO()
    call_command(SeedResolutionDemo(), stdout=out)
    made = Person.objects.count() - persons
    assert made >= 4
    assert f"{made} demo suspects entered a second time" in out.getvalue()
    waiting = MatchLink.objects.filter(status=LinkStatus.NEEDS_REVIEW)
    assert waiting.count() >= made
    for username in ("demo-incharge", "demo-monitoring"):
        assert review_queue(user=User.objects.get(username=username)).count() >= made
    call_command(SeedResolutionDemo(), stdout=StringIO())
    assert Person.objects.count() == persons + made


def test_it_needs_the_demo_users() -> None:
    with pytest.raises(CommandError, match="run htms seed_demo first"):
        call_command(SeedResolutionDemo(), stdout=StringIO())
