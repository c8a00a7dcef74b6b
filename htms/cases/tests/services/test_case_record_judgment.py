"""Judgments at trial and on appeal: levels, outcomes, sentences, fines, compensation,
compromise and plea, each rule of ``services/verdicts.py``."""

from dataclasses import replace
from datetime import date
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from htms.accounts.models import User
from htms.audit.models import AuditEvent, AuditObject
from htms.cases.models import Case, Stage, Verdict
from htms.cases.services import verdicts as rules
from htms.cases.services.effective import EFFECTIVE_BEFORE_PREVIOUS, EFFECTIVE_IN_FUTURE
from htms.cases.services.registration import case_register
from htms.cases.tests.support import (
    APPEAL_DAY,
    HIGH_COURT,
    SUPREME_COURT,
    TRIAL_DAY,
    convicted_then_appealed,
    imran,
    judge,
    to_trial,
    verdict_of,
)
from htms.conftest import CHALLAN_COURT, party_named, stage_move, tip_case_input

pytestmark = pytest.mark.django_db


def _refused(actor: User, case: Case, *verdicts: object, **kwargs: object) -> str:
    with pytest.raises(ValidationError) as caught:
        judge(actor, case, *verdicts, **kwargs)  # type: ignore[arg-type]
    return " ".join(m for ms in caught.value.message_dict.values() for m in ms)


def test_it_records_a_trial_conviction_with_a_term_fine_and_compensation(
    anne: User, tip_case: Case
) -> None:
    to_trial(anne, tip_case)
    given = verdict_of(
        tip_case,
        "convicted",
        sentence_months=30,  # carried into years
        fine_amount=200000,
        compensation_amount=1500,
        compensation_currency="usd",
        basis="plea",
    )
    [row] = judge(anne, tip_case, given, day=TRIAL_DAY)
    row.refresh_from_db()
    assert (row.level, row.sentence_kind, row.sentence_years, row.sentence_months) == (
        0,
        "term",
        2,
        6,
    )
    assert (row.fine_amount, row.fine_currency) == (Decimal(200000), "PKR")
    assert (row.compensation_amount, row.compensation_currency) == (Decimal(1500), "USD")
    assert imran(tip_case).accused_status == "convicted"
    event = AuditEvent.objects.filter(object_type=AuditObject.CASE).latest("id")
    assert event.changes["verdicts"][0]["level"] == 0


def test_it_records_life_imprisonment_and_death_without_years(anne: User, tip_case: Case) -> None:
    to_trial(anne, tip_case)
    message = _refused(
        anne,
        tip_case,
        verdict_of(tip_case, "convicted", sentence_kind="life", sentence_years=3),
        day=TRIAL_DAY,
    )
    assert str(rules.LENGTH_ONLY_FOR_TERM) % 1 in message
    message = _refused(
        anne, tip_case, verdict_of(tip_case, "convicted", sentence_kind="term"), day=TRIAL_DAY
    )
    assert str(rules.TERM_NEEDS_LENGTH) % 1 in message
    [row] = judge(
        anne, tip_case, verdict_of(tip_case, "convicted", sentence_kind="death"), day=TRIAL_DAY
    )
    assert (row.sentence_kind, row.sentence_years) == ("death", None)


def test_it_refuses_a_sentence_fine_or_compensation_without_a_conviction(
    anne: User, tip_case: Case
) -> None:
    to_trial(anne, tip_case)
    for given in ({"sentence_years": 1}, {"fine_amount": 10}, {"compensation_amount": 10}):
        message = _refused(
            anne, tip_case, verdict_of(tip_case, "acquitted", **given), day=TRIAL_DAY
        )
        assert str(rules.SENTENCE_ONLY_ON_CONVICTION) % 1 in message
    assert not Verdict.objects.exists()


def test_it_refuses_an_appeal_outcome_at_trial_and_a_trial_outcome_on_appeal(
    anne: User, tip_case: Case
) -> None:
    to_trial(anne, tip_case)
    message = _refused(anne, tip_case, verdict_of(tip_case, "upheld"), day=TRIAL_DAY)
    assert str(rules.BAD_OUTCOME) % (1, "upheld") in message
    judge(anne, tip_case, verdict_of(tip_case, "convicted", sentence_years=7), day=TRIAL_DAY)
    stage_move(anne, tip_case, Stage.APPEAL)
    message = _refused(
        anne, tip_case, verdict_of(tip_case, "acquitted"), court=HIGH_COURT, day=APPEAL_DAY
    )
    assert str(rules.BAD_OUTCOME) % (1, "acquitted") in message


def test_it_refuses_a_currency_that_is_not_iso(anne: User, tip_case: Case) -> None:
    to_trial(anne, tip_case)
    given = verdict_of(tip_case, "convicted", fine_amount=5, fine_currency="RS.")
    assert str(rules.BAD_CURRENCY) % 1 in _refused(anne, tip_case, given, day=TRIAL_DAY)


def test_it_records_an_appeal_that_acquits_a_convicted_accused(anne: User, tip_case: Case) -> None:
    convicted_then_appealed(anne, tip_case)
    [row] = judge(
        anne, tip_case, verdict_of(tip_case, "appeal_acquitted"), court=HIGH_COURT, day=APPEAL_DAY
    )
    tip_case.refresh_from_db()
    assert (row.level, tip_case.stage) == (1, Stage.JUDGMENT)
    assert imran(tip_case).accused_status == "acquitted"
    assert tip_case.stage_changes.last().to_stage == Stage.JUDGMENT  # type: ignore[union-attr]


def test_it_keeps_the_sentence_of_an_upheld_conviction_and_goes_up_a_second_level(
    anne: User, tip_case: Case
) -> None:
    convicted_then_appealed(anne, tip_case)
    [upheld] = judge(
        anne, tip_case, verdict_of(tip_case, "upheld"), court=HIGH_COURT, day=APPEAL_DAY
    )
    assert (upheld.sentence_years, upheld.fine_amount) == (7, Decimal(500000))
    stage_move(anne, tip_case, Stage.APPEAL)
    second = verdict_of(tip_case, "reduced", sentence_years=5)
    [reduced] = judge(anne, tip_case, second, court=SUPREME_COURT, day=date(2026, 12, 1))
    assert (reduced.level, reduced.sentence_years) == (2, 5)
    assert imran(tip_case).accused_status == "convicted"


def test_it_needs_a_new_sentence_to_reduce_or_enhance(anne: User, tip_case: Case) -> None:
    convicted_then_appealed(anne, tip_case)
    for outcome in ("reduced", "enhanced"):
        message = _refused(
            anne, tip_case, verdict_of(tip_case, outcome), court=HIGH_COURT, day=APPEAL_DAY
        )
        assert str(rules.SENTENCE_REQUIRED) % 1 in message


def test_it_refuses_to_reverse_an_acquittal_as_if_it_were_a_conviction(
    anne: User, tip_case: Case
) -> None:
    to_trial(anne, tip_case)
    judge(anne, tip_case, verdict_of(tip_case, "acquitted"), day=TRIAL_DAY)
    stage_move(anne, tip_case, Stage.APPEAL)
    for outcome in ("appeal_acquitted", "reduced"):
        given = verdict_of(tip_case, outcome, sentence_years=1)
        message = _refused(anne, tip_case, given, court=HIGH_COURT, day=APPEAL_DAY)
        assert str(rules.NEEDS_CONVICTION) % 1 in message
    given = verdict_of(tip_case, "upheld", sentence_years=1)
    message = _refused(anne, tip_case, given, court=HIGH_COURT, day=APPEAL_DAY)
    assert str(rules.SENTENCE_ONLY_ON_CONVICTION) % 1 in message
    [kept] = judge(anne, tip_case, verdict_of(tip_case, "upheld"), court=HIGH_COURT, day=APPEAL_DAY)
    assert kept.sentence_kind == "" and imran(tip_case).accused_status == "acquitted"


def test_an_appeal_needs_a_judgment_below_for_the_same_accused_and_offence(
    anne: User, tip_case: Case
) -> None:
    convicted_then_appealed(anne, tip_case)
    tariq = party_named(tip_case, "Tariq Mehmood")
    given = replace(verdict_of(tip_case, "upheld"), accused_party_id=tariq.pk)
    message = _refused(anne, tip_case, given, court=HIGH_COURT, day=APPEAL_DAY)
    assert str(rules.APPEAL_WITHOUT_JUDGMENT) % 1 in message


def test_an_appeal_goes_to_a_court_above_the_one_that_judged(anne: User, tip_case: Case) -> None:
    convicted_then_appealed(anne, tip_case)
    for court in (CHALLAN_COURT, "CRT-SJ-MLT"):
        message = _refused(
            anne, tip_case, verdict_of(tip_case, "upheld"), court=court, day=APPEAL_DAY
        )
        assert str(rules.APPEAL_COURT_NOT_HIGHER) % 1 in message
    [row] = judge(anne, tip_case, verdict_of(tip_case, "upheld"), court="CRT-FSC", day=APPEAL_DAY)
    assert row.court.level == "federal_shariat"
    stage_move(anne, tip_case, Stage.APPEAL)
    message = _refused(
        anne, tip_case, verdict_of(tip_case, "upheld"), court=HIGH_COURT, day=date(2026, 12, 1)
    )
    assert str(rules.APPEAL_COURT_NOT_HIGHER) % 1 in message


def test_an_appeal_is_decided_after_the_judgment_below(anne: User, tip_case: Case) -> None:
    convicted_then_appealed(anne, tip_case)
    message = _refused(
        anne, tip_case, verdict_of(tip_case, "upheld"), court=HIGH_COURT, day=TRIAL_DAY
    )
    assert "the appeal must be decided after the judgment of" in message


def test_an_appeal_follows_the_effective_date_rules(anne: User, tip_case: Case) -> None:
    """Not before the appeal stage took effect, not in the future."""
    convicted_then_appealed(anne, tip_case)
    tip_case.stage_changes.filter(to_stage=Stage.APPEAL).update(effective_on=date(2026, 11, 20))
    message = _refused(
        anne, tip_case, verdict_of(tip_case, "upheld"), court=HIGH_COURT, day=date(2026, 11, 15)
    )
    assert str(EFFECTIVE_BEFORE_PREVIOUS).split("“")[0] in message
    message = _refused(
        anne, tip_case, verdict_of(tip_case, "upheld"), court=HIGH_COURT, day=date(2027, 1, 1)
    )
    assert str(EFFECTIVE_IN_FUTURE) in message


def test_a_remand_sends_the_case_back_to_trial_for_a_retrial(anne: User, tip_case: Case) -> None:
    convicted_then_appealed(anne, tip_case)
    judge(anne, tip_case, verdict_of(tip_case, "remanded"), court=HIGH_COURT, day=APPEAL_DAY)
    tip_case.refresh_from_db()
    assert tip_case.stage == Stage.TRIAL
    assert imran(tip_case).accused_status == "convicted"  # unchanged until the retrial
    [retrial] = judge(anne, tip_case, verdict_of(tip_case, "acquitted"), day=date(2026, 12, 1))
    assert retrial.level == 2 and imran(tip_case).accused_status == "acquitted"


def test_a_trial_verdict_is_given_once(anne: User, tip_case: Case) -> None:
    convicted_then_appealed(anne, tip_case)
    judge(anne, tip_case, verdict_of(tip_case, "upheld"), court=HIGH_COURT, day=APPEAL_DAY)
    stage_move(anne, tip_case, Stage.APPEAL)
    # Forced back to trial by hand: the verdict already given is not given again.
    Case.objects.filter(pk=tip_case.pk).update(stage=Stage.TRIAL)
    message = _refused(anne, tip_case, verdict_of(tip_case, "convicted"), day=date(2026, 12, 1))
    assert str(rules.ALREADY_JUDGED) % 1 in message


def test_a_compromise_needs_a_compoundable_offence_and_an_acquittal(
    anne: User, tip_case: Case
) -> None:
    to_trial(anne, tip_case)
    given = verdict_of(tip_case, "acquitted", basis="compromise")
    assert str(rules.COMPROMISE_NOT_COMPOUNDABLE) % 1 in _refused(
        anne, tip_case, given, day=TRIAL_DAY
    )
    cheating = case_register(actor=anne, data=replace(tip_case_input(), statute_codes=["PPC-420"]))
    to_trial(anne, cheating)
    given = replace(verdict_of(cheating, "convicted", basis="compromise"), statute_code="PPC-420")
    assert str(rules.COMPROMISE_ONLY_ACQUITS) % 1 in _refused(anne, cheating, given, day=TRIAL_DAY)
    [row] = judge(anne, cheating, replace(given, outcome="acquitted"), day=TRIAL_DAY)
    assert row.basis == "compromise"


def test_a_plea_of_guilty_ends_in_a_conviction(anne: User, tip_case: Case) -> None:
    to_trial(anne, tip_case)
    given = verdict_of(tip_case, "acquitted", basis="plea")
    assert str(rules.PLEA_ONLY_CONVICTS) % 1 in _refused(anne, tip_case, given, day=TRIAL_DAY)


def test_it_refuses_the_same_accused_and_offence_twice(anne: User, tip_case: Case) -> None:
    to_trial(anne, tip_case)
    given = verdict_of(tip_case, "acquitted")
    assert str(rules.PAIR_TWICE) % 2 in _refused(anne, tip_case, given, given, day=TRIAL_DAY)
