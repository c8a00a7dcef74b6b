"""Pages that write to the network: payments recorded, corrected and removed, and call-detail
records imported. Access, validation and audit are in ``payments.py`` and ``cdr.py``."""

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from htms.cases.access import case_queryset_for_user
from htms.network.access import network_write_scope, payment_get_for_user
from htms.network.cdr import CdrSource, FileProblem, calls_import
from htms.network.forms import CallRecordsForm, PaymentForm, RemoveForm
from htms.network.payment_reads import payments_of
from htms.network.payments import (
    AccountRef,
    PaymentEntry,
    payment_edit,
    payment_enter,
    payment_entry_of,
    payment_remove,
)
from htms.persons.models import Person
from htms.persons.presenters import identity_views
from htms.web.views.common import add_errors, current_user, error_dict, run_service


def _root(request: HttpRequest) -> dict[str, int]:
    """``case`` or ``person`` of the query string, as ids; 404 for anything else."""
    for key in ("case", "person"):
        value = request.GET.get(key, "")
        if value.isdigit() and len(value) < 12:
            return {f"{key}_id": int(value)}
    raise Http404("No such network.")


@login_required
def payment_list(request: HttpRequest) -> HttpResponse:
    page = payments_of(user=current_user(request), **_root(request))
    return render(request, "network/payments.html", {"page": page})


def _account(data: dict[str, Any], side: str) -> AccountRef:
    return AccountRef(data[f"{side}_account_kind"] or "", data[f"{side}_account_number"] or "",
                      data[f"{side}_account_institution"] or "")  # fmt: skip


def _entry(data: dict[str, Any]) -> PaymentEntry:
    return PaymentEntry(
        amount=data["amount"], currency=data["currency"], channel=data["channel"],
        paid_on=data["paid_on"], source_kind=data["source_kind"], source_ref=data["source_ref"],
        reliability=data["reliability"], credibility=data["credibility"],
        handling_code=data["handling_code"], payer_id=data["payer"],
        payer_account=_account(data, "payer"), beneficiary_id=data["beneficiary"],
        beneficiary_account=_account(data, "beneficiary"), case_reference=data["case_reference"],
    )  # fmt: skip


def _initial(entry: PaymentEntry, version: int) -> dict[str, Any]:
    initial: dict[str, Any] = {**entry.__dict__, "payer": entry.payer_id,
                               "beneficiary": entry.beneficiary_id, "version": version}  # fmt: skip
    for side in ("payer", "beneficiary"):
        account: AccountRef = initial.pop(f"{side}_account")
        initial.update({f"{side}_account_kind": account.kind,
                        f"{side}_account_number": account.number,
                        f"{side}_account_institution": account.institution})  # fmt: skip
    return initial


def _back(request: HttpRequest) -> str:
    for key in ("case", "person"):
        value = request.GET.get(key, "")
        if value.isdigit() and len(value) < 12:
            return reverse("network:payments") + f"?{key}={value}"
    return reverse("network:home")


@login_required
def payment_new(request: HttpRequest) -> HttpResponse:
    user = current_user(request)
    scope = network_write_scope(user)
    initial: dict[str, Any] = {}
    person = request.GET.get("person", "")
    if person.isdigit() and len(person) < 12 and scope.persons_allowed([int(person)]):
        initial["payer"] = int(person)
    case = request.GET.get("case", "")
    if case.isdigit() and len(case) < 12 and scope.case_allowed(int(case)):
        found = case_queryset_for_user(user).filter(pk=int(case)).first()
        initial["case_reference"] = found.reference if found else ""
    form = PaymentForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        entry = _entry(form.cleaned_data)
        if run_service(form, lambda: payment_enter(actor=user, data=entry)) is not None:
            messages.success(request, _("The payment was recorded."))
            return redirect(_back(request))
    context = {"form": form, "title": _("Record a payment"), "back": _back(request)}
    return render(request, "network/payment_form.html", context)


@login_required
def payment_change(request: HttpRequest, payment_id: int) -> HttpResponse:
    user = current_user(request)
    payment = payment_get_for_user(user=user, payment_id=payment_id, write=True)
    initial = _initial(payment_entry_of(payment), payment.version)
    form = PaymentForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        entry, version = _entry(form.cleaned_data), form.cleaned_data["version"] or 0

        def edit() -> object:
            return payment_edit(actor=user, payment_id=payment.pk, expected_version=version,
                                data=entry)  # fmt: skip

        done = run_service(form, edit)
        if done is not None:
            messages.success(request, _("The payment was corrected."))
            return redirect(_back(request))
    context = {"form": form, "title": _("Correct a payment"), "back": _back(request),
               "remove_url": reverse("network:payment_remove", args=[payment.pk])}  # fmt: skip
    return render(request, "network/payment_form.html", context)


@login_required
def payment_delete(request: HttpRequest, payment_id: int) -> HttpResponse:
    user = current_user(request)
    payment = payment_get_for_user(user=user, payment_id=payment_id, write=True)
    form = RemoveForm(request.POST or None, initial={"version": payment.version})
    if request.method == "POST" and form.is_valid():
        reason, version = form.cleaned_data["reason"], form.cleaned_data["version"]
        done = run_service(form, lambda: payment_remove(actor=user, payment_id=payment.pk,
                                                        expected_version=version, reason=reason)
                           or True)  # fmt: skip
        if done is not None:
            messages.success(request, _("The payment was removed."))
            return redirect(_back(request))
    ends = [pk for pk in (payment.payer_id, payment.beneficiary_id) if pk]
    names = identity_views(user, Person.objects.filter(pk__in=ends))
    context = {"form": form, "payment": payment, "back": _back(request),
               "names": [v.name for v in names.values()]}  # fmt: skip
    return render(request, "network/payment_remove.html", context)


def _cdr_source(data: dict[str, Any]) -> CdrSource:
    return CdrSource(
        operator=data["operator"], request_reference=data["request_reference"],
        period_start=data["period_start"], period_end=data["period_end"],
        reliability=data["reliability"], credibility=data["credibility"],
        handling_code=data["handling_code"], case_reference=data["case_reference"],
    )  # fmt: skip


@login_required
def calls_import_page(request: HttpRequest) -> HttpResponse:
    user = current_user(request)
    network_write_scope(user)
    form = CallRecordsForm(request.POST or None, request.FILES or None)
    result = None
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        mapping = {key: data[f"{key}_column"].strip()
                   for key in ("caller", "receiver", "started_at", "duration")
                   if data[f"{key}_column"].strip()}  # fmt: skip
        upload = data["file"]
        try:
            result = calls_import(actor=user, stream=upload, name=upload.name or "cdr",
                                  source=_cdr_source(data), mapping=mapping)  # fmt: skip
        except ValidationError as exc:
            add_errors(form, error_dict(exc))
        except FileProblem as exc:
            form.add_error("file", exc.message)
    return render(request, "network/calls_import.html", {"form": form, "result": result})
