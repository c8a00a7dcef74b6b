"""The service directory (every officer reads it; administrators keep it) and live shelter
occupancy."""

from typing import Any

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render

from htms.audit.models import AuditObject
from htms.audit.services import audit_list
from htms.protection.access import directory_may_edit, occupancy_may_see
from htms.protection.forms import OrganisationForm
from htms.protection.models import Organisation
from htms.protection.selectors import shelter_occupancy
from htms.protection.services.directory import OrganisationInput, organisation_save
from htms.web.views.common import current_user, run_service


@login_required
def directory(request: HttpRequest) -> HttpResponse:
    user = current_user(request)
    organisations = Organisation.objects.prefetch_related("districts").select_related("unit")
    context = {"organisations": organisations, "may_edit": directory_may_edit(user)}
    return render(request, "protection/directory.html", context)


def _initial(org: Organisation) -> dict[str, Any]:
    fields = OrganisationForm.base_fields
    initial = {name: getattr(org, name) for name in fields if hasattr(org, name)}
    return initial | {"unit": org.unit_id, "districts": list(org.districts.all())}


def _input(data: dict[str, Any]) -> OrganisationInput:
    values = {k: v for k, v in data.items() if k not in {"unit", "districts", "version"}}
    values["unit_id"] = data["unit"].pk if data["unit"] else None
    values["district_ids"] = [d.pk for d in data["districts"]]
    values = {
        k: ("" if v is None and k in {"name_ur", "languages"} else v) for k, v in values.items()
    }
    return OrganisationInput(**values)


@login_required
def organisation_edit(request: HttpRequest, organisation_id: int | None = None) -> HttpResponse:
    user = current_user(request)
    if not directory_may_edit(user):
        raise PermissionDenied()
    org = None if organisation_id is None else get_object_or_404(Organisation, pk=organisation_id)
    if request.method == "POST":
        form = OrganisationForm(request.POST)
        if form.is_valid():
            call = lambda: organisation_save(  # noqa: E731
                actor=user, data=_input(form.cleaned_data), organisation_id=organisation_id,
                expected_version=form.cleaned_data["version"],
            )  # fmt: skip
            if run_service(form, call, {"unit_id": "unit"}) is not None:
                return redirect("protection_directory")
    else:
        initial = _initial(org) if org else {}
        form = OrganisationForm(initial=initial)
    status = 400 if form.errors else 200
    context = {"form": form, "organisation": org}
    return render(request, "protection/organisation_form.html", context, status=status)


@login_required
def shelters(request: HttpRequest) -> HttpResponse:
    user = current_user(request)
    if not occupancy_may_see(user):
        raise PermissionDenied()
    rows = shelter_occupancy()
    audit_list(
        actor=user, object_type=AuditObject.ORGANISATION, object_id="occupancy",
        ids=[r.shelter.pk for r in rows],
    )  # fmt: skip
    return render(request, "protection/shelters.html", {"rows": rows})
