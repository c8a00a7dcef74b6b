"""Victim-protection figures, under the statistics' disclosure control."""

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from htms.audit.models import AuditObject
from htms.audit.services import audit_view
from htms.protection.access import figures_may_see
from htms.protection.figures import protection_figures
from htms.web.views.common import current_user


@login_required
def figures(request: HttpRequest) -> HttpResponse:
    user = current_user(request)
    if not figures_may_see(user):
        raise PermissionDenied()
    audit_view(actor=user, object_type=AuditObject.STATISTICS, object_id="protection")
    return render(request, "protection/figures.html", {"figures": protection_figures()})
