"""Processing a batch: the queue, taking the next person, and one screen per person with the
decisions made on it. Every page of a person is an audited read."""

from typing import Any

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from htms.audit.models import AuditObject
from htms.audit.services import audit_view
from htms.intake.access import (
    border_event_get_for_user,
    intake_may_record,
    intake_may_write,
    manifest_get_for_user,
)
from htms.intake.forms.events import (
    AgentForm,
    CaseOpenForm,
    DoubtForm,
    EntryForm,
    IdentityForm,
    LegForm,
    PaymentForm,
    QueueFilterForm,
    ReferralForm,
    StatusForm,
)
from htms.intake.models import BorderEvent, Classification, IntakeStatus
from htms.intake.selectors import QueueFilters, event_queue, event_view, next_in_queue
from htms.intake.services.cases import case_open_from_interview
from htms.intake.services.events import border_event_record_matched
from htms.intake.services.processing import (
    border_event_claim_next,
    border_event_confirm_identity,
    border_event_resolve_doubt,
    border_event_set_status,
)
from htms.intake.views.common import audit_list, current_user, run_service
from htms.persons.presenters import identity_views


@login_required
def queue_page(request: HttpRequest) -> HttpResponse:
    user = current_user(request)
    form = QueueFilterForm(request.GET or None)
    manifest_id = request.GET.get("manifest", "")
    manifest = None
    if manifest_id.isdigit():
        manifest = manifest_get_for_user(user=user, manifest_id=int(manifest_id))
    data = form.cleaned_data if form.is_valid() else {}
    filters = QueueFilters(
        manifest_id=manifest.pk if manifest else None,
        status=data.get("status", ""),
        doubt_only=bool(data.get("doubt")),
        repeats_only=bool(data.get("repeats")),
    )
    page = Paginator(event_queue(user=user, filters=filters), 50).get_page(request.GET.get("page"))
    events = list(page)
    audit_list(
        user, AuditObject.BORDER_EVENT_LIST, [e.pk for e in events], filters=request.GET.dict()
    )
    idents = identity_views(user, [e.person for e in events])
    context = {
        "form": form,
        "page": page,
        "rows": [(e, idents[e.person_id]) for e in events],
        "manifest": manifest,
        "may_record": intake_may_record(user),
        "query": _without_page(request),
    }
    return render(request, "intake/queue.html", context)


def _without_page(request: HttpRequest) -> str:
    query = request.GET.copy()
    query.pop("page", None)
    return query.urlencode()


@login_required
@require_POST
def take_next(request: HttpRequest) -> HttpResponse:
    user = current_user(request)
    manifest = request.POST.get("manifest", "")
    event = border_event_claim_next(
        actor=user, manifest_id=int(manifest) if manifest.isdigit() else None
    )
    if event is None:
        messages.info(request, _("Nobody is waiting: every person of this batch is taken."))
        return redirect("intake_queue")
    return redirect("intake_event", event_id=event.pk)


def event_context(request: HttpRequest, event: BorderEvent, **bound: forms.Form) -> dict[str, Any]:
    """Everything the person's screen shows; ``bound`` replaces a blank form by one with errors."""
    user = current_user(request)
    view = event_view(user=user, event=event)
    lead_agents = list(event.lead_agents.all())
    agents = [(a.pk, a.name) for a in lead_agents]
    version = {"version": event.version}
    blank: dict[str, forms.Form] = {
        "status_form": StatusForm(initial=version),
        "doubt_form": DoubtForm(initial={**version, "doubt": event.nationality_doubt}),
        "identity_form": IdentityForm(initial=version),
        "referral_form": ReferralForm(),
        "agent_form": AgentForm(),
        "payment_form": PaymentForm(agents=agents),
        "leg_form": LegForm(),
        "case_form": CaseOpenForm(),
    }
    screening = getattr(event, "screening", None)
    return {
        **blank,
        **bound,
        "event": event,
        "view": view,
        "screening": screening,
        "may_write": intake_may_write(user, event.post_id),
        "statuses": IntakeStatus.choices,
        "possible_victim": screening is not None
        and screening.classification == Classification.POSSIBLE_VICTIM,
        "next_id": next_in_queue(user=user, event=event),
        "agents": lead_agents,
        "payments": event.lead_payments.select_related("payee"),
        "legs": event.lead_legs.select_related("country"),
        "referrals": event.referrals.all(),
    }


def render_event(
    request: HttpRequest, event: BorderEvent, status: int = 200, **bound: forms.Form
) -> HttpResponse:
    audit_view(
        actor=current_user(request), object_type=AuditObject.BORDER_EVENT, object_id=event.pk
    )
    return render(
        request, "intake/event.html", event_context(request, event, **bound), status=status
    )


def _event(request: HttpRequest, event_id: int, write: bool = False) -> BorderEvent:
    event = border_event_get_for_user(user=current_user(request), event_id=event_id, write=write)
    return BorderEvent.objects.select_related(
        "person", "post", "deporting_country", "destination", "manifest", "screening", "case"
    ).get(pk=event.pk)


@login_required
def event_page(request: HttpRequest, event_id: int) -> HttpResponse:
    return render_event(request, _event(request, event_id))


def _done(request: HttpRequest, event: BorderEvent) -> HttpResponse:
    """After a decision: the next person of the batch when asked, else this screen again."""
    if request.POST.get("then") == "next":
        nxt = next_in_queue(user=current_user(request), event=event)
        if nxt is not None:
            return redirect("intake_event", event_id=nxt)
    return redirect("intake_event", event_id=event.pk)


@login_required
@require_POST
def event_status(request: HttpRequest, event_id: int) -> HttpResponse:
    user = current_user(request)
    event = _event(request, event_id, write=True)
    form = StatusForm(request.POST)
    if form.is_valid():
        done = run_service(
            form,
            lambda: border_event_set_status(
                actor=user,
                event_id=event.pk,
                expected_version=form.cleaned_data["version"],
                status=form.cleaned_data["status"],
                note=form.cleaned_data["status_note"],
            ),
        )
        if done is not None:
            messages.success(request, _("Status: %s.") % done.get_status_display())
            return _done(request, done)
    return render_event(request, event, status=400, status_form=form)


@login_required
@require_POST
def event_doubt(request: HttpRequest, event_id: int) -> HttpResponse:
    user = current_user(request)
    event = _event(request, event_id, write=True)
    form = DoubtForm(request.POST)
    if form.is_valid():
        done = run_service(
            form,
            lambda: border_event_resolve_doubt(
                actor=user,
                event_id=event.pk,
                expected_version=form.cleaned_data["version"],
                doubt=form.cleaned_data["doubt"],
                note=form.cleaned_data["nationality_note"],
            ),
        )
        if done is not None:
            return redirect("intake_event", event_id=event.pk)
    return render_event(request, event, status=400, doubt_form=form)


@login_required
@require_POST
def event_identity(request: HttpRequest, event_id: int) -> HttpResponse:
    user = current_user(request)
    event = _event(request, event_id, write=True)
    form = IdentityForm(request.POST)
    if form.is_valid():
        person = form.cleaned_data["person"]
        done = run_service(
            form,
            lambda: border_event_confirm_identity(
                actor=user,
                event_id=event.pk,
                expected_version=form.cleaned_data["version"],
                person_id=int(person) if person.isdigit() else None,
            ),
        )
        if done is not None:
            return redirect("intake_event", event_id=event.pk)
    return render_event(request, event, status=400, identity_form=form)


@login_required
@require_POST
def event_case(request: HttpRequest, event_id: int) -> HttpResponse:
    user = current_user(request)
    event = _event(request, event_id, write=True)
    form = CaseOpenForm(request.POST)
    if form.is_valid():
        codes = [s.code for s in form.cleaned_data["statutes"]]
        case = run_service(
            form,
            lambda: case_open_from_interview(actor=user, event_id=event.pk, statute_codes=codes),
        )
        if case is not None:
            messages.success(request, _("Case %s was opened from the interview.") % case.reference)
            return redirect("intake_event", event_id=event.pk)
    return render_event(request, event, status=400, case_form=form)


@login_required
@require_http_methods(["GET", "POST"])
def entry_new(request: HttpRequest) -> HttpResponse:
    """One offloadee or deportee recorded by hand, matched like a manifest row."""
    user = current_user(request)
    if not intake_may_record(user):
        raise PermissionDenied()
    form = EntryForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        entry = form.entry()
        event = run_service(form, lambda: border_event_record_matched(actor=user, entry=entry))
        if event is not None:
            return redirect("intake_event", event_id=event.pk)
    return render(
        request, "intake/entry_form.html", {"form": form}, status=400 if form.errors else 200
    )
