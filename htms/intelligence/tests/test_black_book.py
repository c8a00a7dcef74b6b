"""The black book is derived from verdicts alone."""

import pytest

from htms.accounts.models import User
from htms.cases.models import Case, Stage
from htms.conftest import stage_move
from htms.intelligence.black_book import APPEAL_PENDING, NO_APPEAL, convictions
from htms.intelligence.books import black_book_rows
from htms.intelligence.tests.support import accused_of, convict

pytestmark = pytest.mark.django_db


def test_it_is_empty_without_a_verdict(tip_case: Case) -> None:
    assert convictions() == []


def test_a_conviction_puts_the_accused_in_the_black_book_by_itself(
    anne: User, tip_case: Case
) -> None:
    convict(anne, tip_case)
    [row] = convictions()
    assert row.person_id == accused_of(tip_case).pk
    assert row.sentence_months == 84
    assert row.appeal_status == str(NO_APPEAL)


def test_an_acquittal_keeps_the_accused_out(anne: User, tip_case: Case) -> None:
    convict(anne, tip_case, outcome="acquitted")
    assert convictions() == []


def test_it_shows_an_appeal_pending(anne: User, tip_case: Case) -> None:
    convict(anne, tip_case)
    stage_move(anne, tip_case, Stage.APPEAL)
    [row] = convictions()
    assert row.appeal_status == str(APPEAL_PENDING)


def test_it_names_the_case_only_to_those_who_may_see_it(
    anne: User, bob: User, hana: User, tip_case: Case
) -> None:
    convict(anne, tip_case)
    [for_bob] = black_book_rows(bob)
    assert for_bob.ident.name == "Imran Butt"
    assert not for_bob.case_shown
    [for_hana] = black_book_rows(hana)
    assert for_hana.case_shown
