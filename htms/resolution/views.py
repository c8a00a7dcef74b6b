"""The review queue, the side-by-side page with its decision, and a person's merged view."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from htms.accounts.models import User
from htms.audit.models import AuditAction, AuditObject
from htms.audit.services import audit_record, audit_view
from htms.persons.presenters import identity_views
from htms.resolution.access import link_get_for_user, may_review
from htms.resolution.forms import DecisionForm
from htms.resolution.models import Decision, LinkStatus, MatchLink
from htms.resolution.selectors import (
    merged_view,
    pair_comparison,
    pair_decision,
    pair_review_rule,
    review_queue,
)
from htms.resolution.services import decision_record


def _user(request: HttpRequest) -> User:
    assert isinstance(request.user, User)
    return request.user


@login_required
def queue(request: HttpRequest) -> HttpResponse:
    user = _user(request)
    if not may_review(user):
        raise Http404("No review queue.")
    page = Paginator(review_queue(user=user), 25).get_page(request.GET.get("page"))
    audit_record(
        actor=user,
        action=AuditAction.VIEW,
        object_type=AuditObject.REVIEW_QUEUE,
        object_id="page",
        changes={"links": [link.pk for link in page]},
    )
    links = list(page)
    idents = identity_views(user, [p for link in links for p in (link.person_a, link.person_b)])
    pairs = [(link, idents[link.person_a_id], idents[link.person_b_id]) for link in links]
    return render(request, "resolution/queue.html", {"page": page, "pairs": pairs})


def _audit_pair(user: User, link: MatchLink) -> None:
    audit_view(actor=user, object_type=AuditObject.MATCH_LINK, object_id=link.pk)
    for person_id in (link.person_a_id, link.person_b_id):
        audit_view(actor=user, object_type=AuditObject.PERSON, object_id=person_id)


def _next_pair(user: User) -> HttpResponse:
    following = review_queue(user=user).first()
    if following is None:
        return redirect("resolution:queue")
    return redirect("resolution:pair", link_id=following.pk)


@login_required
def pair(request: HttpRequest, link_id: int) -> HttpResponse:
    user = _user(request)
    link = link_get_for_user(user=user, link_id=link_id)
    form = DecisionForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        if not data["confirmed"]:
            answer = Decision(data["decision"]).label
            context = {"link": link, "form": form, "answer": answer}
            return render(request, "resolution/confirm.html", context)
        try:
            decision_record(
                actor=user, link_id=link.pk, decision=data["decision"], note=data["note"]
            )
        except ValidationError as error:
            for field, problems in error.message_dict.items():
                form.add_error(field if field in form.fields else None, problems)
        else:
            messages.success(
                request,
                _("Decision saved: %(answer)s.") % {"answer": Decision(data["decision"]).label},
            )
            return _next_pair(user)
    _audit_pair(user, link)
    context = {
        "link": link,
        "rows": pair_comparison(user, link),
        "review_rule": pair_review_rule(link),
        "decision": pair_decision(link),
        "form": form,
        "open": link.status == LinkStatus.NEEDS_REVIEW,
    }
    return render(request, "resolution/pair.html", context)


@login_required
def merged(request: HttpRequest, person_id: int) -> HttpResponse:
    user = _user(request)
    view = merged_view(user=user, person_id=person_id)
    audit_record(
        actor=user,
        action=AuditAction.VIEW,
        object_type=AuditObject.PERSON_MERGED,
        object_id=view.person.person_id,
        changes={"persons": [p.person_id for p in view.others]},
    )
    return render(request, "resolution/merged.html", {"view": view})
