"""Victim-protection figures for the statistics, under the disclosure control of
``htms/statistics``: persons counted once per row, every row of fewer than k persons withheld
together with what would reveal it (each table's rows sum to its total).

- services delivered, by type: persons whose referral was accepted, in service or completed;
- referrals by state: persons by the state of their referrals;
- days from identification (the referral's proposal) to the first service (its start): the
  median, published only over k persons or more;
- shelter occupancy: beds and persons in shelters now, over all shelters;
- returns: persons by kind of return and, for foreign victims, how the return ended.
"""

from dataclasses import dataclass
from statistics import median
from typing import Any

from django.db.models import Case, CharField, Count, F, QuerySet, Value, When
from django.db.models.functions import Concat
from django.utils.translation import gettext_lazy as _

from htms.protection.models import (
    Organisation,
    Referral,
    ReferralState,
    Return,
    ReturnClosure,
    ReturnKind,
    ServiceType,
    ShelterStay,
)
from htms.statistics.disclosure import TOTAL, Key, public_k, suppress

NOT_ENDED = _("not ended yet")
DELIVERED = (ReferralState.ACCEPTED, ReferralState.IN_SERVICE, ReferralState.COMPLETED)


@dataclass
class FigureRow:
    label: str
    count: int | None  # None: withheld


@dataclass
class FigureTable:
    rows: list[FigureRow]
    total: int | None


def _published(counts: dict[str, int], labels: dict[str, str], total: int, k: int) -> FigureTable:
    values: dict[Key, int] = {TOTAL: total}
    values.update(counts)
    equation: dict[Key, int] = {TOTAL: -1}
    equation.update(dict.fromkeys(counts, 1))
    withheld = suppress(values=values, equations=[equation], k=k)
    rows = [FigureRow(labels[c], None if c in withheld else n) for c, n in counts.items()]
    return FigureTable(rows, None if TOTAL in withheld else total)


def _persons_by(
    field: str, referrals: QuerySet[Any], labels: dict[str, str], k: int
) -> FigureTable:
    found = referrals.values(field).annotate(n=Count("person", distinct=True)).order_by()
    counts = {row[field]: row["n"] for row in found if row[field] in labels}
    total = referrals.values("person").distinct().count()
    return _published({c: counts.get(c, 0) for c in labels}, labels, total, k)


def _median_days(k: int) -> float | None:
    started = Referral.objects.filter(service_started_at__isnull=False)
    first: dict[int, float] = {}
    for person_id, proposed, began in started.values_list(
        "person_id", "proposed_at", "service_started_at"
    ):
        if began is None:
            continue
        days = (began - proposed).total_seconds() / 86400
        first[person_id] = min(days, first.get(person_id, days))
    return round(median(first.values()), 1) if len(first) >= k else None


def _return_labels() -> dict[str, str]:
    foreign = ReturnKind.FOREIGN.label
    labels = {"foreign:": f"{foreign}: {NOT_ENDED}"}
    labels |= {f"foreign:{c}": f"{foreign}: {label}" for c, label in ReturnClosure.choices}
    return labels | {"returnee:": str(ReturnKind.RETURNEE.label)}


def _returns(k: int) -> FigureTable:
    """Persons by kind of return and, for a foreign victim, how it ended."""
    returns = Return.objects.annotate(
        person=F("referral__person"),
        group=Case(
            When(kind=ReturnKind.RETURNEE, then=Value("returnee:")),
            default=Concat(F("kind"), Value(":"), F("closure")),
            output_field=CharField(),
        ),
    )
    return _persons_by("group", returns, _return_labels(), k)


@dataclass
class ProtectionFigures:
    k: int
    services: FigureTable
    states: FigureTable
    median_days_to_service: float | None
    beds: int
    in_shelter: int | None
    returns: FigureTable


def protection_figures() -> ProtectionFigures:
    """The figures as published to anyone: national, withheld below ``HTMS_STATISTICS_K``."""
    k = public_k()
    services = {str(code): str(label) for code, label in ServiceType.choices}
    states = {str(code): str(label) for code, label in ReferralState.choices}
    delivered = Referral.objects.filter(state__in=DELIVERED)
    occupied = ShelterStay.objects.filter(discharged_on__isnull=True)
    in_shelter = occupied.values("referral__person").distinct().count()
    total_beds = sum(o.beds or 0 for o in Organisation.objects.filter(active=True) if o.is_shelter)
    return ProtectionFigures(
        k=k,
        services=_persons_by("service", delivered, services, k),
        states=_persons_by("state", Referral.objects.all(), states, k),
        median_days_to_service=_median_days(k),
        beds=total_beds,
        in_shelter=in_shelter if in_shelter == 0 or in_shelter >= k else None,
        returns=_returns(k),
    )
