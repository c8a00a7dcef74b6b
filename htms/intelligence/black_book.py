"""The black book: convicted agents, derived from verdicts and never stored or edited by hand.

A person is in the black book while the latest verdict on some offence against them is a
conviction: a conviction at trial puts them in by itself, an acquittal on appeal takes them out.
``latest_verdicts`` is the only place Verdict is read here, so a change to how appeals are
recorded is adapted in one function.
"""

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from django.utils.translation import gettext_lazy as _

from htms.cases.models import Stage, Verdict, VerdictOutcome

UPHELD = _("Upheld on appeal")
APPEAL_PENDING = _("Appeal pending")
NO_APPEAL = _("No appeal recorded")


@dataclass(frozen=True)
class Conviction:
    person_id: int
    case_id: int
    case_reference: str
    offence: str
    court: str
    date: date
    sentence_months: int | None
    fine_pkr: Decimal | None
    appeal_status: str
    is_synthetic: bool


def latest_verdicts(person_ids: Iterable[int] | None = None) -> list[Verdict]:
    """For each accused and offence, the latest verdict (an appeal's over the trial's), of the
    persons convicted at some level; of ``person_ids`` only, when given."""
    convicted = Verdict.objects.filter(outcome=VerdictOutcome.CONVICTED)
    if person_ids is not None:
        convicted = convicted.filter(accused__person_id__in=set(person_ids))
    verdicts = (
        Verdict.objects.filter(accused__in=convicted.values("accused"))
        .select_related("accused", "case", "offence__statute", "court")
        .order_by("accused_id", "offence_id", "on_appeal", "date", "id")
    )
    latest: dict[tuple[int, int], Verdict] = {}
    for verdict in verdicts:
        latest[(verdict.accused_id, verdict.offence_id)] = verdict
    return list(latest.values())


def _appeal_status(verdict: Verdict) -> str:
    if verdict.on_appeal:
        return str(UPHELD)
    return str(APPEAL_PENDING if verdict.case.stage == Stage.APPEAL else NO_APPEAL)


def convictions(person_ids: Iterable[int] | None = None) -> list[Conviction]:
    """Every standing conviction, newest first."""
    rows = [
        Conviction(
            person_id=v.accused.person_id,
            case_id=v.case_id,
            case_reference=v.case.reference,
            offence=str(v.offence.statute),
            court=str(v.court),
            date=v.date,
            sentence_months=v.sentence_months,
            fine_pkr=v.fine_pkr,
            appeal_status=_appeal_status(v),
            is_synthetic=v.case.is_synthetic,
        )
        for v in latest_verdicts(person_ids)
        if v.outcome == VerdictOutcome.CONVICTED
    ]
    return sorted(rows, key=lambda c: (c.date, c.case_id), reverse=True)
