"""A candidate as pages and the API show it: what an officer needs to decide, nothing more."""

from dataclasses import dataclass
from datetime import date

from htms.common.dates import partial_date_text
from htms.identity.numbers import parse_partial_date
from htms.identity.search import Candidate
from htms.persons.validators import format_cnic


@dataclass(frozen=True)
class CandidateOut:
    person_id: int
    name: str
    name_ur: str
    father_name: str
    birth_date: str  # "1984", "1984-03" or "1984-03-12", as precise as recorded
    cnics: list[str]
    score: float
    reasons: list[str]
    conflicts: list[str]

    @property
    def birth_date_text(self) -> str:
        """The date of birth for a page: localised, at the precision recorded."""
        parsed = parse_partial_date(self.birth_date)
        return partial_date_text(*parsed) if parsed else self.birth_date


def _date_text(day: date | None, precision: str) -> str:
    if day is None:
        return ""
    if precision == "year":
        return f"{day.year:04d}"
    if precision == "month":
        return f"{day.year:04d}-{day.month:02d}"
    return day.isoformat()


def candidate_out(candidate: Candidate) -> CandidateOut:
    facts = candidate.facts
    return CandidateOut(
        person_id=candidate.person.pk,
        name=candidate.person.full_name,
        name_ur=candidate.person.full_name_ur,
        father_name=facts.father_names[0] if facts.father_names else "",
        birth_date=_date_text(facts.birth_date, facts.birth_date_precision),
        cnics=[format_cnic(c) for c in facts.cnics],
        score=candidate.score,
        reasons=list(candidate.reasons),
        conflicts=list(candidate.conflicts),
    )
