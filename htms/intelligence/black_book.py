"""The black book: convicted agents, derived from verdicts and never stored or edited by hand.

A person is in the black book while they stand convicted of some offence: a conviction at trial
puts them in by itself, an acquittal on appeal takes them out, a remand for retrial suspends it.
``latest_verdicts`` is the only place Verdict is read here, so a change to how appeals are
recorded is adapted in one function.
"""

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from django.utils.translation import gettext_lazy as _

from htms.cases.models import Stage, Verdict, verdict_stands_convicted
from htms.cases.verdict_text import verdict_sentence_text

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
    sentence: str
    appeal_status: str
    is_synthetic: bool


def latest_verdicts(person_ids: Iterable[int] | None = None) -> list[list[Verdict]]:
    """For each accused and offence with a verdict, its verdicts from the trial up (lowest
    level first); of ``person_ids`` only, when given."""
    verdicts = Verdict.objects.select_related("accused", "case", "offence__statute", "court")
    if person_ids is not None:
        verdicts = verdicts.filter(accused__person_id__in=set(person_ids))
    chains: dict[tuple[int, int], list[Verdict]] = {}
    for verdict in verdicts.order_by("accused_id", "offence_id", "level", "id"):
        chains.setdefault((verdict.accused_id, verdict.offence_id), []).append(verdict)
    return list(chains.values())


def _appeal_status(chain: list[Verdict]) -> str:
    if chain[-1].level > 0:
        return str(UPHELD)
    return str(APPEAL_PENDING if chain[-1].case.stage == Stage.APPEAL else NO_APPEAL)


def _sentenced(chain: list[Verdict]) -> Verdict:
    """The verdict whose sentence stands: the highest that gave one (an upheld appeal keeps the
    sentence below)."""
    return next((v for v in reversed(chain) if v.sentence_kind), chain[-1])


def convictions(person_ids: Iterable[int] | None = None) -> list[Conviction]:
    """Every standing conviction, newest first."""
    rows = [
        Conviction(
            person_id=chain[-1].accused.person_id,
            case_id=chain[-1].case_id,
            case_reference=chain[-1].case.reference,
            offence=str(chain[-1].offence.statute),
            court=str(chain[-1].court),
            date=chain[-1].date,
            sentence=verdict_sentence_text(_sentenced(chain)),
            appeal_status=_appeal_status(chain),
            is_synthetic=chain[-1].case.is_synthetic,
        )
        for chain in latest_verdicts(person_ids)
        if verdict_stands_convicted(v.outcome for v in chain)
    ]
    return sorted(rows, key=lambda c: (c.date, c.case_id), reverse=True)
