"""Reads of border intake. Every function starts from the access chokepoint."""

from dataclasses import dataclass, field
from datetime import date
from typing import Any

from django.db.models import Count, QuerySet

from htms.accounts.models import User
from htms.intake.access import (
    border_event_queryset_for_user,
    manifest_queryset_for_user,
    screening_answers_visible,
)
from htms.intake.entries import entry_errors
from htms.intake.lookups import Lookups
from htms.intake.matching import FUZZY_OFF, event_candidates, fuzzy_available
from htms.intake.models import (
    OPEN_ROW_STATUSES,
    BorderEvent,
    IntakeStatus,
    Manifest,
    ManifestRow,
    RowStatus,
)
from htms.intake.rows import EntryDefaults, entry_from_values, mapped_values
from htms.persons.models import Person
from htms.persons.presenters import IdentityView, identity_view, identity_views

PREVIEW_ROWS = 20


@dataclass
class QueueFilters:
    manifest_id: int | None = None
    status: str = ""
    doubt_only: bool = False
    repeats_only: bool = False


def event_queue(*, user: User, filters: QueueFilters | None = None) -> QuerySet[BorderEvent]:
    """The border events the user may see, oldest first, ready for the processing queue."""
    f = filters or QueueFilters()
    events = border_event_queryset_for_user(user).select_related(
        "person",
        "post",
        "deporting_country",
        "destination",
        "screening",
        "claimed_by",
        "manifest_row",
    )
    if f.manifest_id:
        events = events.filter(manifest_id=f.manifest_id)
    if f.status:
        events = events.filter(status=f.status)
    if f.doubt_only:
        events = events.filter(nationality_doubt=True)
    if f.repeats_only:
        repeated = (
            BorderEvent.objects.values("person_id")
            .annotate(n=Count("id"))
            .filter(n__gt=1)
            .values("person_id")
        )
        events = events.filter(person_id__in=repeated)
    return events.order_by("id")


@dataclass(frozen=True)
class HistoryItem:
    event_id: int
    kind: str
    occurred_on: date
    post: str
    country: str
    status: str
    visible: bool  # the user may open it


def person_border_history(*, user: User, event: BorderEvent) -> list[HistoryItem]:
    """Every other border event of the event's person, whichever post recorded it, in summary.

    Call only with an event the user may see (``htms/intake/access.py`` explains why the
    summary crosses posts)."""
    visible = set(
        border_event_queryset_for_user(user)
        .filter(person_id=event.person_id)
        .values_list("pk", flat=True)
    )
    others = (
        BorderEvent.objects.filter(person_id=event.person_id)
        .exclude(pk=event.pk)
        .select_related("post", "deporting_country", "destination")
        .order_by("-occurred_on", "-id")
    )
    return [
        HistoryItem(
            e.pk,
            e.get_kind_display(),
            e.occurred_on,
            str(e.post),
            str(e.deporting_country or e.destination or ""),
            e.get_status_display(),
            e.pk in visible,
        )
        for e in others
    ]


@dataclass
class CandidateView:
    person_id: int
    label: str
    score: float
    reasons: list[str]
    border_events: int


@dataclass
class EventView:
    event: BorderEvent
    ident: IdentityView
    answers_visible: bool
    history: list[HistoryItem]
    candidates: list[CandidateView] = field(default_factory=list)
    fuzzy_note: str = ""
    minor_by_age: bool = False
    # The document presented can be a passport number: identity, masked with the person.
    travel_document: str = ""
    # Why the officer changed the suggested classification: part of the interview.
    change_reason: str = ""


def candidate_views(*, user: User, candidates: list[dict[str, Any]]) -> list[CandidateView]:
    """The persons a row or event may be, named only where the user may see their identity."""
    ids = [int(c["person_id"]) for c in candidates]
    persons = Person.objects.in_bulk(ids)
    idents = identity_views(user, persons.values())
    counts: dict[int, int] = {}
    for pid in BorderEvent.objects.filter(person_id__in=ids).values_list("person_id", flat=True):
        counts[pid] = counts.get(pid, 0) + 1
    views = []
    for c in candidates:
        person = persons.get(int(c["person_id"]))
        if person is None:
            continue
        label = idents[person.pk].label
        score, reasons = float(c["score"]), [str(r) for r in c["reasons"]]
        views.append(CandidateView(person.pk, label, score, reasons, counts.get(person.pk, 0)))
    return views


def event_view(*, user: User, event: BorderEvent) -> EventView:
    ident = identity_view(user, event.person, details=True)
    answers_visible = screening_answers_visible(user, event)
    return EventView(
        event=event,
        ident=ident,
        answers_visible=answers_visible,
        history=person_border_history(user=user, event=event),
        candidates=candidate_views(user=user, candidates=event_candidates(user=user, event=event)),
        fuzzy_note="" if fuzzy_available() else str(FUZZY_OFF),
        minor_by_age=event.minor_by_age,
        travel_document=event.travel_document if ident.visible else "",
        change_reason=_change_reason(event) if answers_visible else "",
    )


def _change_reason(event: BorderEvent) -> str:
    screening = getattr(event, "screening", None)
    return screening.change_reason if screening is not None else ""


def next_in_queue(*, user: User, event: BorderEvent) -> int | None:
    """The next registered person after this one in the same batch, for "save and next"."""
    events = border_event_queryset_for_user(user).filter(
        status=IntakeStatus.REGISTERED, pk__gt=event.pk
    )
    if event.manifest_id:
        events = events.filter(manifest_id=event.manifest_id)
    return events.order_by("pk").values_list("pk", flat=True).first()


def manifest_list(*, user: User) -> QuerySet[Manifest]:
    return manifest_queryset_for_user(user).select_related("source", "post", "uploaded_by")


# The correction queue: rows to correct, to say who they are about, and duplicates to look at.
QUEUE_STATUSES = (*OPEN_ROW_STATUSES, RowStatus.DUPLICATE)
ALL_ROWS = "all"


def correction_queue(*, user: User, manifest: Manifest, status: str = "") -> QuerySet[ManifestRow]:
    """The rows of a manifest the user may see (call with a manifest from the chokepoint):
    by default those that wait for an officer; ``status`` one row status, or ``"all"``."""
    rows = manifest.rows.select_related("duplicate_of__manifest")
    if status == ALL_ROWS:
        return rows.order_by("number")
    statuses = [status] if status in RowStatus.values else QUEUE_STATUSES
    return rows.filter(status__in=statuses).order_by("number")


@dataclass
class PreviewRow:
    number: int
    values: dict[str, str]
    errors: dict[str, list[str]]


def manifest_preview(
    *,
    manifest: Manifest,
    mapping: dict[str, str],
    defaults: EntryDefaults,
    limit: int = PREVIEW_ROWS,
) -> list[PreviewRow]:
    """The first rows as they would be read with ``mapping``, with their problems; writes
    nothing."""
    lookups = Lookups.load()
    preview = []
    for row in manifest.rows.order_by("number")[:limit]:
        values = mapped_values(row.raw, mapping, row.corrections)
        entry = entry_from_values(values, defaults, lookups)
        preview.append(PreviewRow(row.number, values, entry_errors(entry)))
    return preview
