"""The help-line pages: the call log, the triage queue, a call with its actions, the leads and
the CSV import. Every page starts at ``access.py``; every write is a service."""

from collections.abc import Callable
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from htms.accounts.models import User
from htms.audit.models import AuditObject
from htms.audit.services import audit_list, audit_view
from htms.common.errors import NotAllowedError
from htms.helpline import leads, services
from htms.helpline.access import (
    call_get_for_user,
    call_may_register,
    call_may_write,
    call_taker,
    helpline_visible,
)
from htms.helpline.forms import (
    CallbackForm,
    CallForm,
    HandForm,
    ImportForm,
    LeadForm,
    RegisterForm,
)
from htms.helpline.importer import calls_import
from htms.helpline.models import Call, CallStatus
from htms.helpline.presenters import call_view, call_views
from htms.helpline.selectors import call_list, lead_list, response_times, triage_queue
from htms.protection.access import referral_queryset_for_user
from htms.web.views.common import current_user, run_service

PAGE_ROWS = 25


def _visible_user(request: HttpRequest) -> User:
    user = current_user(request)
    if not helpline_visible(user):
        raise Http404("No help line here.")
    return user


def _page(
    request: HttpRequest, user: User, calls: Any, template: str, **extra: Any
) -> HttpResponse:
    page = Paginator(calls, PAGE_ROWS).get_page(request.GET.get("page"))
    audit_list(
        actor=user,
        object_type=AuditObject.HELPLINE_CALL_LIST,
        object_id=template,
        ids=[c.pk for c in page],
        status=request.GET.get("status", ""),
    )
    context = {"page": page, "calls": call_views(user, list(page)), **extra}
    context["records"] = call_taker(user)
    return render(request, f"helpline/{template}.html", context)


@login_required
def call_log(request: HttpRequest) -> HttpResponse:
    user = _visible_user(request)
    status = request.GET.get("status", "")
    status = status if status in CallStatus.values else ""
    calls = call_list(user=user, status=status)
    return _page(
        request,
        user,
        calls,
        "calls",
        times=response_times(calls=calls),
        statuses=CallStatus.choices,
        status=status,
    )


@login_required
def triage(request: HttpRequest) -> HttpResponse:
    user = _visible_user(request)
    return _page(request, user, triage_queue(user=user), "triage")


@login_required
def call_new(request: HttpRequest) -> HttpResponse:
    user = current_user(request)
    if not call_taker(user):
        raise NotAllowedError(_("Only the help line's call-takers record calls."))
    form = CallForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        call = run_service(form, lambda: services.call_record(actor=user, data=form.call_input()))
        if call is not None:
            messages.success(request, _message_recorded(call))
            return redirect("helpline:call", call_id=call.pk)
    return render(request, "helpline/call_new.html", {"form": form})


def _message_recorded(call: Call) -> str:
    if call.escalated_at is not None and call.circle is not None:
        return _("Call %(ref)s recorded and escalated to %(circle)s.") % {
            "ref": call.reference,
            "circle": call.circle,
        }
    return _("Call %(ref)s recorded.") % {"ref": call.reference}


def _call_context(user: User, call: Call, **forms: Any) -> dict[str, Any]:
    writes = call_may_write(user, call)
    return {
        "view": call_view(user, call),
        "writes": writes,
        "registers": call_may_register(user, call) and call.status == CallStatus.TO_REGISTER,
        "acknowledges": call_may_register(user, call)
        and call.escalated_at is not None
        and call.acknowledged_at is None,
        "open": call.status not in (CallStatus.REGISTERED, CallStatus.CLOSED),
        "callbacks": list(call.callbacks.all()),
        "leads": list(call.leads.all()),
        # The referrals after this call that the user may see (htms/protection decides).
        "referrals": list(referral_queryset_for_user(user).filter(call=call).order_by("pk")),
        "hand_form": forms.get("hand_form") or HandForm(),
        "register_form": forms.get("register_form") or RegisterForm(),
        "callback_form": forms.get("callback_form") or CallbackForm(),
        "lead_form": forms.get("lead_form") or LeadForm(),
    }


def _show(request: HttpRequest, user: User, call: Call, **forms: Any) -> HttpResponse:
    audit_view(actor=user, object_type=AuditObject.HELPLINE_CALL, object_id=call.pk)
    status = 400 if forms else 200
    context = _call_context(user, call, **forms)
    return render(request, "helpline/call.html", context, status=status)


@login_required
def call_page(request: HttpRequest, call_id: int) -> HttpResponse:
    user = current_user(request)
    return _show(request, user, call_get_for_user(user=user, call_id=call_id))


def _writable(request: HttpRequest, call_id: int) -> tuple[User, Call]:
    user = current_user(request)
    call = call_get_for_user(user=user, call_id=call_id)
    if not call_may_write(user, call):
        raise NotAllowedError(_("Only the help line's call-takers change its calls."))
    return user, call


@require_POST
@login_required
def call_hand(request: HttpRequest, call_id: int) -> HttpResponse:
    user, call = _writable(request, call_id)
    form = HandForm(request.POST)
    if form.is_valid():
        circle = form.cleaned_data["circle"]
        code = circle.code if circle else ""
        done = run_service(
            form,
            lambda: services.call_hand_to_circle(actor=user, call_id=call.pk, circle_code=code),
        )
        if done is not None:
            messages.success(request, _("The call was handed to %(c)s.") % {"c": done.circle})
            return redirect("helpline:call", call_id=call.pk)
    return _show(request, user, call, hand_form=form)


def _act(
    request: HttpRequest, call: Call, action: Callable[[], object], done: str = ""
) -> HttpResponse:
    """Runs a one-button action; its refusal is shown on the call's page."""
    try:
        action()
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        if done:
            messages.success(request, done)
    return HttpResponseRedirect(reverse("helpline:call", args=[call.pk]))


@require_POST
@login_required
def call_close(request: HttpRequest, call_id: int) -> HttpResponse:
    user, call = _writable(request, call_id)
    return _act(request, call, lambda: services.call_close(actor=user, call_id=call.pk))


@require_POST
@login_required
def call_acknowledge(request: HttpRequest, call_id: int) -> HttpResponse:
    user = current_user(request)
    call = call_get_for_user(user=user, call_id=call_id)
    return _act(
        request,
        call,
        lambda: services.call_acknowledge(actor=user, call_id=call.pk),
        _("Alert acknowledged."),
    )


@require_POST
@login_required
def call_register(request: HttpRequest, call_id: int) -> HttpResponse:
    user = current_user(request)
    call = call_get_for_user(user=user, call_id=call_id)
    form = RegisterForm(request.POST)
    if form.is_valid():
        codes = [s.code for s in form.cleaned_data["statutes"]]
        reason = form.cleaned_data["duplicate_reason"]
        case = run_service(
            form,
            lambda: services.call_register_case(
                actor=user, call_id=call.pk, statute_codes=codes, duplicate_reason=reason
            ),
        )
        if case is not None:
            messages.success(request, _("Registered as %(ref)s.") % {"ref": case.reference})
            return redirect("case_detail", case_id=case.pk)
    return _show(request, user, call, register_form=form)


@require_POST
@login_required
def callback_add(request: HttpRequest, call_id: int) -> HttpResponse:
    user, call = _writable(request, call_id)
    form = CallbackForm(request.POST)
    if form.is_valid():
        data = form.cleaned_data
        done = run_service(
            form,
            lambda: services.callback_plan(
                actor=user, call_id=call.pk, planned_at=data["planned_at"], note=data["note"]
            ),
        )
        if done is not None:
            return redirect("helpline:call", call_id=call.pk)
    return _show(request, user, call, callback_form=form)


@require_POST
@login_required
def callback_done(request: HttpRequest, call_id: int, callback_id: int) -> HttpResponse:
    user, call = _writable(request, call_id)
    callback = call.callbacks.filter(pk=callback_id).first()
    if callback is None:
        raise Http404("No such call-back.")
    return _act(request, call, lambda: services.callback_done(actor=user, callback_id=callback.pk))


@require_POST
@login_required
def lead_add(request: HttpRequest, call_id: int) -> HttpResponse:
    user, call = _writable(request, call_id)
    form = LeadForm(request.POST)
    if form.is_valid():
        data = form.cleaned_data
        lead = run_service(
            form,
            lambda: leads.lead_record(actor=user, call_id=call.pk, **data),
        )
        if lead is not None:
            messages.success(request, _("Lead recorded for the analysts."))
            return redirect("helpline:call", call_id=call.pk)
    return _show(request, user, call, lead_form=form)


@login_required
def lead_page(request: HttpRequest) -> HttpResponse:
    user = _visible_user(request)
    page = Paginator(lead_list(user=user), PAGE_ROWS).get_page(request.GET.get("page"))
    audit_list(
        actor=user,
        object_type=AuditObject.HELPLINE_LEAD_LIST,
        object_id="page",
        ids=[lead.pk for lead in page],
    )
    return render(request, "helpline/leads.html", {"page": page})


@login_required
def import_page(request: HttpRequest) -> HttpResponse:
    user = current_user(request)
    if not call_taker(user):
        raise NotAllowedError(_("Only the help line's call-takers import calls."))
    form = ImportForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        count = run_service(
            form,
            lambda: calls_import(
                actor=user, content=upload.read(), file_name=upload.name or "upload.csv"
            ),
            {"file": "file"},
        )
        if count is not None:
            messages.success(request, _("%(n)d calls imported.") % {"n": count})
            return redirect("helpline:calls")
    return render(request, "helpline/import.html", {"form": form})
