"""The victims a standard export describes, one record each, without any identity data."""

from dataclasses import dataclass

from django.db.models import Prefetch

from htms.accounts.models import User
from htms.cases.access import case_queryset_for_user
from htms.cases.models import CaseParty, PartyRole, RouteEvent, RouteEventKind
from htms.statistics.figures import PARTY_FIELDS, age_on_offence, registration_year


@dataclass(frozen=True)
class VictimRecord:
    """One victim in one case: what the HTCDS and CTDC exports are made from."""

    year: int
    sex: str
    age: int | None
    nationality: str  # ISO 3166-1 alpha-2; "" if unknown
    trafficking_status: str
    decided_by: str
    exploitation: tuple[str, ...]
    means_of_control: tuple[str, ...]
    case_closed: bool
    exploitation_country: str  # alpha-2 of the case's first exploitation event; "" if none


def _terms(party: CaseParty, relation: str) -> tuple[str, ...]:
    return tuple(sorted(term.code for term in getattr(party, relation).all()))


def _exploitation_countries(case_ids: set[int]) -> dict[int, str]:
    events = RouteEvent.objects.filter(case_id__in=case_ids, kind=RouteEventKind.EXPLOITATION)
    found: dict[int, str] = {}
    for case_id, code in events.order_by("sequence", "date", "id").values_list(
        "case_id", "country__code"
    ):
        found.setdefault(case_id, code)
    return found


def victim_records(*, user: User) -> list[VictimRecord]:
    """Every victim in the cases the user may see (callers check the right to export)."""
    parties = (
        CaseParty.objects.filter(case__in=case_queryset_for_user(user), role=PartyRole.VICTIM)
        .prefetch_related(Prefetch("exploitation_types"), Prefetch("means_of_control"))
        .order_by("id")
    )
    rows = {row["id"]: row for row in parties.values(*PARTY_FIELDS, "case_id", "case__stage")}
    countries = _exploitation_countries({row["case_id"] for row in rows.values()})
    records = []
    for party in parties:
        row = rows[party.pk]
        records.append(
            VictimRecord(
                year=registration_year(row),
                sex=row["person__sex"],
                age=age_on_offence(row),
                nationality=row["person__nationality_verified__code"]
                or row["person__nationality__code"]
                or "",
                trafficking_status=party.trafficking_status,
                decided_by=party.status_decided_by,
                exploitation=_terms(party, "exploitation_types"),
                means_of_control=_terms(party, "means_of_control"),
                case_closed=row["case__stage"] == "closed",
                exploitation_country=countries.get(row["case_id"], ""),
            )
        )
    return records
