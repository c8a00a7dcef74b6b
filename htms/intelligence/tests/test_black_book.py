"""The black book is derived from verdicts alone."""

import pytest

from htms.accounts.models import User
from htms.cases.models import Case, Stage
from htms.cases.tests.support import (
    APPEAL_DAY,
    HIGH_COURT,
    convicted_then_appealed,
    judge,
    verdict_of,
)
from htms.conftest import stage_move
from htms.intelligence.black_book import APPEAL_PENDING, NO_APPEAL, UPHELD, convictions
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
    assert row.sentence == "7 years"
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


def test_an_acquittal_on_appeal_takes_the_accused_out(anne: User, tip_case: Case) -> None:
    convicted_then_appealed(anne, tip_case)
    assert [row.appeal_status for row in convictions()] == [str(APPEAL_PENDING)]
    acquittal = verdict_of(tip_case, "appeal_acquitted")
    judge(anne, tip_case, acquittal, court=HIGH_COURT, day=APPEAL_DAY)
    assert convictions() == []


def test_an_upheld_conviction_keeps_the_sentence_given_at_trial(anne: User, tip_case: Case) -> None:
    convicted_then_appealed(anne, tip_case)
    judge(anne, tip_case, verdict_of(tip_case, "upheld"), court=HIGH_COURT, day=APPEAL_DAY)
    [row] = convictions()
    assert row.appeal_status == str(UPHELD)
    assert row.sentence.startswith("7 years")
