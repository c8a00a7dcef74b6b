"""Who may see and change border intake: the one chokepoint every intake page, list, export,
count and service goes through.

- Intake records (border events, manifests and their rows, manifest sources) belong to the
  immigration post that recorded them.
- Case writers (data-entry officer, investigating officer, in-charge) see their own unit's intake;
  posted at a zonal directorate, every unit's intake in the zone as well.
- The ATU monitoring cell, analysts, and writers posted at headquarters read all intake.
- Only case writers posted at an immigration post record or change intake, and only their post's.
- Caseworkers and administrators see no intake.
- Identity follows the one rule of ``htms/persons/access.py``: a person screened as a possible
  victim or a minor is protected, and only writers of a unit that handles the person (the post
  that intercepted them, a unit holding their case) see their identity. A manifest row's cells
  are identity data before any person exists: only writers of the receiving post see them
  (``manifest_row_cells_visible``).
- A possible victim's screening answers are need-to-know: writers of the recording post only.
- The border history of a person whose event the user may see is shown in summary (date, kind,
  point, country) whichever post recorded the earlier events: a repeat interception must be
  visible to the officer in front of the person. Interviews and leads stay with their post.
"""

from typing import TypeVar

from django.db.models import Model, Q, QuerySet
from django.http import Http404

from htms.accounts.models import CASE_WRITER_ROLES, User
from htms.common.errors import NotAllowedError
from htms.intake.models import (
    BorderEvent,
    Classification,
    Manifest,
    ManifestRow,
    ManifestSource,
)
from htms.persons.access import identity_visibility, unit_identity_visible
from htms.reference.models import UnitKind

M = TypeVar("M", bound=Model)


def _post_scope(user: User, field: str) -> Q | None:
    """The condition on ``field`` (a unit) that limits what the user sees; None means all;
    ``Q(pk__in=[])`` means nothing."""
    nothing = Q(pk__in=[])
    if not user.is_authenticated or not user.is_active:
        return nothing
    if user.reads_nationally:
        return None
    if user.unit_id is None or user.role not in CASE_WRITER_ROLES:
        return nothing
    if user.supervises_zone:
        return Q(**{f"{field}__zone_id": user.unit_id}) | Q(**{f"{field}_id": user.unit_id})
    return Q(**{f"{field}_id": user.unit_id})


def _scoped(queryset: QuerySet[M], user: User, field: str) -> QuerySet[M]:
    scope = _post_scope(user, field)
    return queryset if scope is None else queryset.filter(scope)


def intake_may_write(user: User, post_id: int | None) -> bool:
    """Writers posted at the immigration post ``post_id`` change its intake."""
    return (
        user.is_active
        and user.role in CASE_WRITER_ROLES
        and user.unit is not None
        and user.unit.kind == UnitKind.IMMIGRATION_POST
        and user.unit_id == post_id
    )


def intake_may_record(user: User) -> bool:
    """Whether the user records intake at all (at their own post)."""
    return intake_may_write(user, user.unit_id)


def border_event_queryset_for_user(user: User) -> QuerySet[BorderEvent]:
    return _scoped(BorderEvent.objects.all(), user, "post")


def border_event_get_for_user(*, user: User, event_id: int, write: bool = False) -> BorderEvent:
    """The event, or 404 if the user may not know it exists; NotAllowedError if ``write`` is
    asked and the user may see it but not change it."""
    try:
        event = (
            border_event_queryset_for_user(user)
            .select_related("person", "post", "deporting_country", "destination", "manifest")
            .get(pk=event_id)
        )
    except (BorderEvent.DoesNotExist, ValueError, TypeError):
        raise Http404("No such border event.") from None
    if write and not intake_may_write(user, event.post_id):
        raise NotAllowedError()
    return event


def manifest_source_queryset_for_user(user: User) -> QuerySet[ManifestSource]:
    return _scoped(ManifestSource.objects.all(), user, "post")


def manifest_queryset_for_user(user: User) -> QuerySet[Manifest]:
    return _scoped(Manifest.objects.all(), user, "post")


def manifest_get_for_user(*, user: User, manifest_id: int, write: bool = False) -> Manifest:
    """The manifest, or 404; NotAllowedError if ``write`` is asked and not allowed."""
    try:
        manifest = (
            manifest_queryset_for_user(user).select_related("source", "post").get(pk=manifest_id)
        )
    except (Manifest.DoesNotExist, ValueError, TypeError):
        raise Http404("No such manifest.") from None
    if write and not intake_may_write(user, manifest.post_id):
        raise NotAllowedError()
    return manifest


def manifest_row_get_for_user(*, user: User, row_id: int, write: bool = False) -> ManifestRow:
    """A row of a manifest the user may see, or 404; NotAllowedError as for its manifest."""
    try:
        row = (
            ManifestRow.objects.filter(manifest__in=manifest_queryset_for_user(user))
            .select_related("manifest", "manifest__source", "manifest__post")
            .get(pk=row_id)
        )
    except (ManifestRow.DoesNotExist, ValueError, TypeError):
        raise Http404("No such row.") from None
    if write and not intake_may_write(user, row.manifest.post_id):
        raise NotAllowedError()
    return row


def _possible_victim(event: BorderEvent) -> bool:
    screening = getattr(event, "screening", None)
    return screening is not None and screening.classification == Classification.POSSIBLE_VICTIM


def screening_answers_visible(user: User, event: BorderEvent) -> bool:
    """A possible victim's answers are need-to-know: writers of the recording post only.

    Needs the event's ``screening`` loaded (select_related) to avoid a query."""
    return not _possible_victim(event) or unit_identity_visible(user, event.post_id)


def manifest_row_cells_visible(user: User, manifest: Manifest) -> bool:
    """Whether the user may read a manifest's cells as read (names, numbers, dates of birth):
    identity data of persons not yet in the register, so writers of the receiving post only."""
    return unit_identity_visible(user, manifest.post_id)


def intake_identity_visibility(user: User, events: list[BorderEvent]) -> dict[int, bool]:
    """For each event id, whether the user may see the person's identity on intake pages:
    ``identity_visibility`` of the event's person."""
    persons = identity_visibility(user, [e.person_id for e in events])
    return {e.pk: persons[e.person_id] for e in events}
