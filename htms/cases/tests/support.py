"""Cases the tests of several apps build: the shared TIP case taken to trial and judged (court
outcomes: services, pages, API, statistics), and a case entered from the ledger."""

from dataclasses import replace
from datetime import date

from htms.accounts.models import User
from htms.cases.inputs import VerdictInput
from htms.cases.models import Case, CaseParty, Stage, Verdict
from htms.cases.services.court import case_record_judgment
from htms.cases.services.registration import case_register
from htms.conftest import (
    BACKDATE_REASON,
    CHALLAN_COURT,
    TIP_SECTION,
    party_named,
    stage_move,
    tip_case_input,
)
from htms.reference.models import Court

HIGH_COURT = "CRT-HC-LHR"
SUPREME_COURT = "CRT-SCP"
TRIAL_DAY = date(2026, 11, 10)
APPEAL_DAY = date(2026, 11, 25)
LEDGER_FIR = date(2019, 7, 14)


def court_id(code: str) -> int:
    return Court.objects.get(code=code).pk


def to_trial(actor: User, case: Case) -> None:
    """FIR to trial in the Sessions Court of Lahore; ``actor`` approves the challan."""
    for stage in (Stage.INVESTIGATION, Stage.FINAL_CHALLAN):
        stage_move(actor, case, stage)
    stage_move(actor, case, Stage.TRIAL, court_id=court_id(CHALLAN_COURT))


def imran(case: Case) -> CaseParty:
    """The accused before the court (the other one is at large)."""
    return party_named(case, "Imran Butt")


def verdict_of(case: Case, outcome: str, **given: object) -> VerdictInput:
    """Imran Butt's verdict on the TIP offence."""
    return VerdictInput(
        accused_party_id=imran(case).pk,
        statute_code=TIP_SECTION,
        outcome=outcome,
        **given,  # type: ignore[arg-type]
    )


def judge(
    actor: User, case: Case, *verdicts: VerdictInput, court: str = CHALLAN_COURT, day: date
) -> list[Verdict]:
    case.refresh_from_db()
    return case_record_judgment(
        actor=actor,
        case_id=case.pk,
        expected_version=case.version,
        court_id=court_id(court),
        date=day,
        verdicts=list(verdicts),
        backdate_reason=BACKDATE_REASON,
    )


def convicted_then_appealed(actor: User, case: Case) -> None:
    """Imran Butt convicted at trial to 7 years and a fine; the case then goes on appeal."""
    to_trial(actor, case)
    conviction = verdict_of(case, "convicted", sentence_years=7, fine_amount=500000)
    judge(actor, case, conviction, day=TRIAL_DAY)
    stage_move(actor, case, Stage.APPEAL, effective_on=TRIAL_DAY)


def ledger_case(actor: User, fir_number: str = "88/2019") -> Case:
    data = replace(tip_case_input(), fir_number=fir_number, fir_date=LEDGER_FIR, occurred_on=None)
    return case_register(actor=actor, data=data, historical=True)
