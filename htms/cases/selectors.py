"""Reads of cases. Every function starts from the access chokepoint."""

from dataclasses import dataclass
from datetime import date, timedelta

from django.conf import settings
from django.db.models import Count, F, Prefetch, Q, QuerySet
from django.http import Http404
from django.utils import timezone

from htms.accounts.models import Role, User
from htms.cases.access import case_queryset_for_user
from htms.cases.models import (
    CRIME_TYPE_BITS,
    Case,
    CaseParty,
    Hearing,
    Offence,
    Stage,
    StageChange,
    TransitionStatus,
    Verdict,
    crime_types_in,
)
from htms.identity.search import persons_named
from htms.persons.access import identity_visible_condition
from htms.persons.models import Person

# Stages in which the interim challan is still owed.
CHALLAN_OWED_STAGES = (Stage.FIR, Stage.INVESTIGATION)


@dataclass
class CaseFilters:
    crime_type: str = ""
    stage: str = ""
    unit_id: int | None = None
    registered_from: date | None = None
    registered_to: date | None = None
    overdue: bool = False
    text: str = ""  # a case reference, an FIR number or a party's name


def challan_due_cutoff(today: date) -> date:
    """An FIR on or before this date has its interim challan overdue."""
    return today - timedelta(days=settings.HTMS_INTERIM_CHALLAN_DAYS + 1)


def case_list(*, user: User, filters: CaseFilters | None = None) -> QuerySet[Case]:
    """The cases the user may see, filtered, newest first, ready for a list page."""
    f = filters or CaseFilters()
    cases = case_queryset_for_user(user).select_related("unit", "investigating_officer")
    if f.crime_type in CRIME_TYPE_BITS:
        bit = CRIME_TYPE_BITS[f.crime_type]
        cases = cases.alias(crime_bit=F("crime_mask").bitand(bit)).filter(crime_bit=bit)
    if f.stage:
        cases = cases.filter(stage=f.stage)
    if f.unit_id:
        cases = cases.filter(unit_id=f.unit_id)
    if f.registered_from:
        cases = cases.filter(registered_at__date__gte=f.registered_from)
    if f.registered_to:
        cases = cases.filter(registered_at__date__lte=f.registered_to)
    if f.overdue:
        cases = cases.filter(
            stage__in=CHALLAN_OWED_STAGES,
            fir_date__lte=challan_due_cutoff(timezone.localdate()),
            historical=False,
        )
    if f.text.strip():
        cases = cases.filter(case_text_condition(user=user, text=f.text.strip()))
    return cases.prefetch_related(
        Prefetch("offences", queryset=Offence.objects.select_related("statute"))
    )


def case_text_condition(*, user: User, text: str) -> Q:
    """Cases whose reference or FIR number contains ``text``, or with a party named so (Latin or
    Urdu script, by the register's name keys). A party counts only if the user may see their
    identity: nobody finds a case, or learns that one exists, by the name of a victim whose
    name the case page hides from them."""
    condition = Q(reference__icontains=text) | Q(fir_number__icontains=text)
    named = persons_named(text)
    if named is not None:
        findable = Person.objects.filter(pk__in=named).filter(identity_visible_condition(user))
        condition |= Q(pk__in=CaseParty.objects.filter(person__in=findable).values("case_id"))
    return condition


def case_detail(*, user: User, case_id: int) -> Case:
    """One case with everything its page shows, in a fixed number of queries; 404 if the user
    may not know it exists."""
    parties = CaseParty.objects.select_related(
        "person", "person__nationality", "network_role"
    ).prefetch_related(
        "exploitation_types", "means_of_control", "person__documents__country", "person__phones"
    )
    cases = (
        case_queryset_for_user(user)
        .select_related("unit", "investigating_officer", "court", "registered_by")
        .prefetch_related(
            Prefetch(
                "offences",
                queryset=Offence.objects.select_related("statute", "district", "country"),
            ),
            Prefetch("parties", queryset=parties),
            "route_events__country",
            "route_events__district",
            Prefetch(
                "hearings",
                queryset=Hearing.objects.select_related("court").prefetch_related("witnesses_due"),
            ),
            Prefetch(
                "stage_changes",
                queryset=StageChange.objects.select_related("requested_by", "decided_by", "court"),
            ),
            Prefetch(
                "verdicts",
                queryset=Verdict.objects.select_related("accused", "offence__statute", "court"),
            ),
        )
    )
    try:
        return cases.get(pk=case_id)
    except (Case.DoesNotExist, ValueError, TypeError):
        raise Http404("No such case.") from None


@dataclass
class Deadlines:
    overdue: QuerySet[Case]
    due_soon: QuerySet[Case]


def case_deadlines(*, user: User, today: date | None = None) -> Deadlines:
    """Interim challans overdue, and those due within HTMS_DUE_SOON_DAYS. A historical case
    is a record from the ledger, not a case the circle took up in HTMS: it owes no challan here."""
    today = today or timezone.localdate()
    owed = case_queryset_for_user(user).filter(
        stage__in=CHALLAN_OWED_STAGES, fir_date__isnull=False, historical=False
    )
    cutoff = challan_due_cutoff(today)
    return Deadlines(
        overdue=owed.filter(fir_date__lte=cutoff).order_by("fir_date"),
        due_soon=owed.filter(
            fir_date__gt=cutoff,
            fir_date__lte=cutoff + timedelta(days=settings.HTMS_DUE_SOON_DAYS),
        ).order_by("fir_date"),
    )


def hearings_between(*, user: User, start: date, end: date) -> QuerySet[Hearing]:
    return (
        Hearing.objects.filter(
            case__in=case_queryset_for_user(user), date__gte=start, date__lte=end
        )
        .select_related("case", "court")
        .order_by("date")
    )


def pending_approvals(*, user: User) -> QuerySet[StageChange]:
    """Challans and closures waiting for this user, a circle in-charge, to decide."""
    if user.role != Role.CIRCLE_INCHARGE or user.unit_id is None:
        return StageChange.objects.none()
    return StageChange.objects.filter(
        status=TransitionStatus.PENDING,
        case__unit_id=user.unit_id,
        case__in=case_queryset_for_user(user),
    ).select_related("case", "requested_by")


@dataclass(frozen=True)
class CountRow:
    crime_type: str
    stage: str
    province: str
    cases: int


def case_counts(*, user: User) -> list[CountRow]:
    """Cases by crime type × stage × province of the registering unit.

    A case counts once under each crime type among its offences: a case holding a TIP and an
    SOM offence counts once under TIP and once under SOM. The crime types are those of the
    statute sections charged (``Case.crime_mask``, written with the offences), never free text.
    """
    groups = (
        case_queryset_for_user(user)
        .values("crime_mask", "stage", "unit__province__code")
        .annotate(cases=Count("id"))
        .order_by()
    )
    totals: dict[tuple[str, str, str], int] = {}
    for group in groups:
        for crime_type in crime_types_in(group["crime_mask"]):
            key = (crime_type, group["stage"], group["unit__province__code"] or "")
            totals[key] = totals.get(key, 0) + group["cases"]
    return [CountRow(*key, cases) for key, cases in sorted(totals.items())]
