"""The person page: identity as the viewer may see it (``htms/persons/presenters.py``), and
every role in visible cases."""

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone

from htms.audit.models import AuditObject
from htms.audit.services import audit_view
from htms.cases.models import CaseParty
from htms.cases.selectors import case_list
from htms.persons.access import person_get_for_user
from htms.persons.presenters import identity_view
from htms.web.views.common import current_user


@login_required
def person_page(request: HttpRequest, person_id: int) -> HttpResponse:
    user = current_user(request)
    person = person_get_for_user(user=user, person_id=person_id)
    audit_view(actor=user, object_type=AuditObject.PERSON, object_id=person.pk)
    roles = (
        CaseParty.objects.filter(person=person, case__in=case_list(user=user))
        .select_related("case", "case__unit", "network_role")
        .order_by("-case__registered_at")
    )
    # The template gets the identity as the user may see it, never the person itself.
    context = {
        "ident": identity_view(user, person, details=True),
        "roles": roles,
        "age": person.youngest_age_on(timezone.localdate()),
    }
    return render(request, "web/person_detail.html", context)
