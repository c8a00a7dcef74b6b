"""The screening interview of one person, its referral, and the leads it gives."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from htms.audit.models import AuditObject
from htms.audit.services import audit_view
from htms.common.errors import NotAllowedError
from htms.intake.access import intake_may_write, screening_answers_visible
from htms.intake.forms.events import AgentForm, LegForm, PaymentForm, ReferralForm, ScreeningForm
from htms.intake.models import Classification
from htms.intake.questionnaire import suggest
from htms.intake.services.leads import (
    AgentInput,
    LegInput,
    PaymentInput,
    lead_agent_add,
    lead_leg_add,
    lead_payment_add,
)
from htms.intake.services.screening import ScreeningInput, referral_record, screening_record
from htms.intake.views.common import current_user, run_service
from htms.intake.views.events import _event, render_event


def _initial(event: object) -> dict[str, object]:
    screening = getattr(event, "screening", None)
    if screening is None:
        return {}
    initial: dict[str, object] = {f"q_{k}": v for k, v in screening.answers.items()}
    initial.update(
        version=screening.version,
        classification=screening.classification
        if screening.classification != screening.suggested
        else "",
        change_reason=screening.change_reason,
        summary=screening.summary,
    )
    return initial


@login_required
@require_http_methods(["GET", "POST"])
def screening_page(request: HttpRequest, event_id: int) -> HttpResponse:
    user = current_user(request)
    event = _event(request, event_id, write=request.method == "POST")
    if not screening_answers_visible(user, event):
        raise NotAllowedError(_("A possible victim's interview is shown only to their post."))
    form = ScreeningForm(request.POST or None, initial=_initial(event))
    if request.method == "POST" and form.is_valid():
        data = ScreeningInput(
            answers=form.answers(),
            classification=form.cleaned_data["classification"],
            change_reason=form.cleaned_data["change_reason"],
            summary=form.cleaned_data["summary"],
            expected_version=form.cleaned_data["version"],
        )
        saved = run_service(
            form, lambda: screening_record(actor=user, event_id=event.pk, data=data)
        )
        if saved is not None:
            if saved.classification == Classification.POSSIBLE_VICTIM:
                messages.warning(
                    request, _("Possible victim: refer the person now (to whom, when).")
                )
            return redirect("intake_event", event_id=event.pk)
    answers = form.answers() if form.is_bound and form.is_valid() else {}
    audit_view(actor=user, object_type=AuditObject.SCREENING, object_id=event.pk)
    suggestion = suggest(answers or _saved_answers(event), minor_by_age=event.minor_by_age)
    context = {
        "event": event,
        "form": form,
        "suggestion": suggestion,
        "suggested": Classification(suggestion.classification).label,
        "may_write": intake_may_write(user, event.post_id),
    }
    return render(request, "intake/screening.html", context, status=400 if form.errors else 200)


def _saved_answers(event: object) -> dict[str, bool]:
    screening = getattr(event, "screening", None)
    return dict(screening.answers) if screening is not None else {}


@login_required
@require_POST
def referral_add(request: HttpRequest, event_id: int) -> HttpResponse:
    user = current_user(request)
    event = _event(request, event_id, write=True)
    form = ReferralForm(request.POST)
    if form.is_valid():
        d = form.cleaned_data
        done = run_service(
            form,
            lambda: referral_record(
                actor=user,
                event_id=event.pk,
                to_kind=d["to_kind"],
                referred_on=d["referred_on"],
                organisation=d["organisation"],
                note=d["note"],
            ),
        )
        if done is not None:
            return redirect("intake_event", event_id=event.pk)
    return render_event(request, event, status=400, referral_form=form)


@login_required
@require_POST
def agent_add(request: HttpRequest, event_id: int) -> HttpResponse:
    user = current_user(request)
    event = _event(request, event_id, write=True)
    form = AgentForm(request.POST)
    if form.is_valid():
        data = AgentInput(**form.cleaned_data)
        done = run_service(form, lambda: lead_agent_add(actor=user, event_id=event.pk, data=data))
        if done is not None:
            return redirect("intake_event", event_id=event.pk)
    return render_event(request, event, status=400, agent_form=form)


@login_required
@require_POST
def payment_add(request: HttpRequest, event_id: int) -> HttpResponse:
    user = current_user(request)
    event = _event(request, event_id, write=True)
    agents = [(a.pk, a.name) for a in event.lead_agents.all()]
    form = PaymentForm(request.POST, agents=agents)
    if form.is_valid():
        d = form.cleaned_data
        data = PaymentInput(
            amount=d["amount"],
            currency=d["currency"],
            paid_on=d["paid_on"],
            payee_id=int(d["payee"]) if d["payee"] else None,
            method=d["method"],
        )
        if (
            run_service(form, lambda: lead_payment_add(actor=user, event_id=event.pk, data=data))
            is not None
        ):
            return redirect("intake_event", event_id=event.pk)
    return render_event(request, event, status=400, payment_form=form)


@login_required
@require_POST
def leg_add(request: HttpRequest, event_id: int) -> HttpResponse:
    user = current_user(request)
    event = _event(request, event_id, write=True)
    form = LegForm(request.POST)
    if form.is_valid():
        d = form.cleaned_data
        data = LegInput(
            country_code=d["country"].code if d["country"] else "",
            place=d["place"],
            date=d["date"],
            transport=d["transport"],
            conveyance=d["conveyance"],
        )
        if (
            run_service(form, lambda: lead_leg_add(actor=user, event_id=event.pk, data=data))
            is not None
        ):
            return redirect("intake_event", event_id=event.pk)
    return render_event(request, event, status=400, leg_form=form)
