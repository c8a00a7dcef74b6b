"""Changing a case's own facts: FIR details, an accused's status, a person added in a role,
when and where an offence was committed."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from htms.cases.access import case_get_for_user
from htms.cases.models import Offence
from htms.cases.services.details import DETAIL_FIELDS, CaseDetailsInput, case_update_details
from htms.cases.services.offence_place import offence_set_time_place
from htms.cases.services.parties_bulk import case_add_party
from htms.cases.services.party_facts import PartyFactsInput, party_update
from htms.web.candidates import candidate_context, candidates_url, party_search_params
from htms.web.forms.actions import AccusedStatusForm, CaseDetailsForm, OffenceTimePlaceForm
from htms.web.forms.party import PartyForm, party_field_for, party_input
from htms.web.views.common import current_user, run_service
from htms.web.views.wizard_parties import chosen_name


@login_required
def case_edit(request: HttpRequest, case_id: int) -> HttpResponse:
    user = current_user(request)
    case = case_get_for_user(user=user, case_id=case_id, write=True)
    initial = {name: getattr(case, name) for name in DETAIL_FIELDS}
    initial["expected_version"] = case.version
    form = CaseDetailsForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        details = CaseDetailsInput(**{name: data[name] for name in DETAIL_FIELDS})
        updated = run_service(
            form,
            lambda: case_update_details(
                actor=user,
                case_id=case.pk,
                expected_version=data["expected_version"],
                data=details,
            ),
        )
        if updated is not None:
            messages.success(request, _("FIR details saved."))
            return redirect("case_detail", case.pk)
    return render(request, "web/case_edit.html", {"case": case, "form": form})


@login_required
@require_POST
def accused_status(request: HttpRequest, case_id: int, party_id: int) -> HttpResponse:
    user = current_user(request)
    case = case_get_for_user(user=user, case_id=case_id, write=True)
    form = AccusedStatusForm(request.POST)
    if form.is_valid():
        data = form.cleaned_data
        row = run_service(
            form,
            lambda: party_update(
                actor=user,
                case_id=case.pk,
                expected_version=data["expected_version"],
                party_id=party_id,
                facts=PartyFactsInput(accused_status=data["status"]),
            ),
        )
        if row is not None:
            messages.success(
                request, _("Status changed to “%s”.") % row.get_accused_status_display()
            )
            return redirect("case_detail", case.pk)
    for problem in [str(m) for ms in form.errors.values() for m in ms]:
        messages.error(request, problem)
    return redirect("case_detail", case.pk)


@login_required
def party_add(request: HttpRequest, case_id: int) -> HttpResponse:
    user = current_user(request)
    case = case_get_for_user(user=user, case_id=case_id, write=True)
    form, candidates = PartyForm(request.POST or None), None
    action = request.POST.get("action", "add")
    if request.method == "POST" and action == "search":
        candidates = candidate_context(user=user, params=party_search_params(request.POST))
    elif request.method == "POST" and form.is_valid():
        version = request.POST.get("expected_version", "")
        row = run_service(
            form,
            lambda: case_add_party(
                actor=user,
                case_id=case.pk,
                expected_version=int(version) if version.isdigit() else 0,
                party=party_input(form),
            ),
            field_for=party_field_for(form, "parties[0]"),
        )
        if row is not None:
            messages.success(request, _("%s added to the case.") % row.get_role_display())
            return redirect("case_detail", case.pk)
    context = {
        "case": case,
        "form": form,
        "candidates": candidates,
        "chosen_name": chosen_name(user, form) if form.is_bound else "",
        "candidates_url": candidates_url(),
    }
    return render(request, "web/party_add.html", context)


@login_required
def offence_edit(request: HttpRequest, case_id: int, offence_id: int) -> HttpResponse:
    user = current_user(request)
    case = case_get_for_user(user=user, case_id=case_id, write=True)
    offence = get_object_or_404(Offence.objects.select_related("statute"), pk=offence_id, case=case)
    initial = {
        "expected_version": case.version,
        "date": offence.date,
        "date_precision": offence.date_precision,
        "district": offence.district_id,
        "country": offence.country_id,
    }
    form = OffenceTimePlaceForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        saved = run_service(
            form,
            lambda: offence_set_time_place(
                actor=user,
                case_id=case.pk,
                expected_version=data["expected_version"],
                offence_id=offence.pk,
                date=data["date"],
                date_precision=data["date_precision"],
                district_code=data["district"].code if data["district"] else "",
                country_code=data["country"].code if data["country"] else "",
            ),
        )
        if saved is not None:
            messages.success(request, _("When and where the offence was committed saved."))
            return redirect("case_detail", case.pk)
    context = {"case": case, "offence": offence, "form": form}
    return render(request, "web/offence_edit.html", context)
