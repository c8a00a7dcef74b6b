"""A case's history as one dated timeline: stage changes, FIR, hearings, verdicts, parties
added after registration, route legs with a date, and whatever the caller adds (documents).

Built from a case loaded by ``case_detail`` (its prefetched relations) and one query for the
dates on which parties were added.
"""

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date

from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from htms.audit.models import AuditAction, AuditEvent, AuditObject
from htms.cases.models import Case, CaseParty, StageChange, TransitionStatus
from htms.cases.verdict_text import verdict_level_text, verdict_sentence_text
from htms.common.dates import partial_date_text
from htms.common.lists import join_list
from htms.persons.models import DatePrecision


@dataclass(frozen=True)
class TimelineEntry:
    day: date
    kind: str
    title: str
    detail: str = ""
    precision: str = DatePrecision.DAY
    pending: bool = False

    @property
    def day_text(self) -> str:
        return partial_date_text(self.day, self.precision)


def _stage_detail(change: StageChange, decided: str) -> str:
    parts = [decided]
    if change.challan_number:
        parts.append(_("challan %s") % change.challan_number)
    if change.court_id is not None:
        parts.append(str(change.court))
    if change.closure_reason:
        parts.append(change.get_closure_reason_display())
    parts.append(change.note)
    if change.backdate_reason:
        parts.append(_("entered late: %s") % change.backdate_reason)
    if change.decline_reason:
        parts.append(_("reason for declining: %s") % change.decline_reason)
    return "; ".join(filter(None, parts))


def _stage_entry(change: StageChange) -> TimelineEntry | None:
    """Placed on the day the step took effect; a declined request on the day it was declined."""
    if not change.from_stage:
        return None  # the first stage is part of the registration entry
    target = change.get_to_stage_display()
    asked = _("asked by %s") % change.requested_by
    if change.status == TransitionStatus.PENDING:
        title = _("Asked to move to %s") % target
        detail = _stage_detail(change, asked)
        return TimelineEntry(change.effective_on, "stage", title, detail, pending=True)
    assert change.decided_at is not None
    day = change.effective_on
    if change.status == TransitionStatus.REJECTED:
        day = timezone.localdate(change.decided_at)
        decided = f"{asked}; " + _("rejected by %s") % change.decided_by
        title = _("Request to move to %s rejected") % target
    else:
        title = _("Moved to %s") % target
        decided = (
            asked
            if change.decided_by_id == change.requested_by_id
            else (f"{asked}; " + _("approved by %s") % change.decided_by)
        )
    return TimelineEntry(day, "stage", title, _stage_detail(change, decided))


def _registration_entries(case: Case) -> list[TimelineEntry]:
    # A historical case was typed in from the ledger, not registered in HTMS on that day.
    title = _("Entered from the ledger: %s") if case.historical else _("Case registered: %s")
    entries = [
        TimelineEntry(
            timezone.localdate(case.registered_at),
            "registered",
            title % case.get_origin_display(),
            _("by %s") % case.registered_by,
        )
    ]
    if case.occurred_on:
        entries.append(TimelineEntry(case.occurred_on, "offence", _("Offence committed")))
    if case.fir_date:
        title = _("FIR %(number)s registered") % {"number": case.fir_number}
        entries.append(TimelineEntry(case.fir_date, "fir", title, case.police_station))
    return entries


def _court_entries(case: Case, party_name: Callable[[CaseParty], str]) -> list[TimelineEntry]:
    entries = []
    for h in case.hearings.all():
        detail = "; ".join(filter(None, [str(h.court), h.purpose, h.outcome]))
        if h.next_date:
            detail += "; " + _("next hearing %s") % date_format(h.next_date)
        if h.backdate_reason:
            detail += "; " + _("entered late: %s") % h.backdate_reason
        entries.append(TimelineEntry(h.date, "hearing", _("Hearing"), detail))
    for v in case.verdicts.all():
        title = _("Verdict: %(name)s, %(outcome)s") % {
            "name": party_name(v.accused),
            "outcome": v.get_outcome_display(),
        }
        parts = [verdict_level_text(v), str(v.court), str(v.offence.statute)]
        detail = "; ".join(filter(None, [*parts, verdict_sentence_text(v)]))
        entries.append(TimelineEntry(v.date, "verdict", title, detail))
    return entries


def _parties_added(case: Case, party_name: Callable[[CaseParty], str]) -> list[TimelineEntry]:
    parties = {str(p.pk): p for p in case.parties.all()}
    added = AuditEvent.objects.filter(
        object_type=AuditObject.CASE_PARTY, action=AuditAction.CREATE, object_id__in=list(parties)
    ).values_list("object_id", "at")
    return [
        TimelineEntry(
            timezone.localdate(at),
            "party",
            _("%(role)s added: %(name)s")
            % {"role": parties[pid].get_role_display(), "name": party_name(parties[pid])},
        )
        for pid, at in added
    ]


def _route_entries(case: Case) -> list[TimelineEntry]:
    return [
        TimelineEntry(
            e.date,
            "route",
            e.get_kind_display(),
            join_list(x for x in (e.place, e.district, e.country) if x),
            precision=e.date_precision or DatePrecision.DAY,
        )
        for e in case.route_events.all()
        if e.date
    ]


def case_timeline(
    case: Case,
    *,
    party_name: Callable[[CaseParty], str],
    extra: Iterable[TimelineEntry] = (),
) -> list[TimelineEntry]:
    """Every dated event of the case, oldest first by the day it happened (its effective date,
    not the day it was entered). ``party_name`` gives the name the viewer
    may see (a pseudonym for a protected person without need-to-know)."""
    entries = _registration_entries(case)
    entries += [e for e in map(_stage_entry, case.stage_changes.all()) if e is not None]
    entries += _court_entries(case, party_name)
    entries += _parties_added(case, party_name)
    entries += _route_entries(case)
    entries += list(extra)
    return sorted(entries, key=lambda e: e.day)
