"""The red book (nominate, decide, withdraw) and the black book: pages, PDF and CSV."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseBadRequest
from django.shortcuts import redirect, render
from django.utils import translation
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from htms.audit.models import AuditObject
from htms.audit.services import audit_view
from htms.intelligence.access import (
    agent_get_for_user,
    red_book_entry_get_for_user,
    red_book_may_decide,
    red_book_may_nominate,
    red_book_may_withdraw,
)
from htms.intelligence.books import (
    black_book_rows,
    book_csv,
    book_pdf,
    book_shown,
    books_check,
    red_book_page_rows,
    red_book_rows,
)
from htms.intelligence.forms import NominationForm, ReasonForm
from htms.intelligence.inputs import NominationInput
from htms.intelligence.photos import photo_open
from htms.intelligence.red_book import (
    red_book_decide,
    red_book_nominate,
    red_book_publishable,
    red_book_waiting,
    red_book_withdraw,
)
from htms.persons.presenters import identity_view
from htms.public.access import may_manage_notices
from htms.web.pdf import BAD_LANGUAGE, SUMMARY_LANGUAGES
from htms.web.views.common import current_user, run_service


@login_required
def red_book_page(request: HttpRequest) -> HttpResponse:
    user = current_user(request)
    rows = red_book_page_rows(user)
    waiting = red_book_rows(user, list(red_book_waiting(user=user)))
    book_shown(user=user, book="red", rows=[*rows, *waiting])
    context = {"rows": rows, "waiting": waiting, "decides": red_book_may_decide(user)}
    return render(request, "intelligence/red_book.html", context)


@login_required
def black_book_page(request: HttpRequest) -> HttpResponse:
    user = current_user(request)
    rows = black_book_rows(user)
    book_shown(user=user, book="black", rows=rows)
    context = {"rows": rows, "prepares_notices": may_manage_notices(user)}
    return render(request, "intelligence/black_book.html", context)


@login_required
def nominate(request: HttpRequest, person_id: int) -> HttpResponse:
    user = current_user(request)
    person = agent_get_for_user(user=user, person_id=person_id)
    if not red_book_may_nominate(user):
        raise PermissionDenied(_("Only a circle nominates agents for the red book."))
    form = NominationForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        given = NominationInput(
            reasons=data["reasons"],
            last_known_location=data["last_known_location"],
            reward_pkr=data["reward_pkr"],
            photo=data["photo"],
        )
        entry = run_service(
            form,
            lambda: red_book_nominate(
                actor=user, person_id=person.pk, data=given, expires_on=data["expires_on"]
            ),
        )
        if entry is not None:
            messages.success(request, _("The nomination now waits for headquarters."))
            return redirect("intelligence:red_book_entry", entry.pk)
    context = {"ident": identity_view(user, person), "form": form}
    return render(request, "intelligence/nominate.html", context)


@login_required
def red_book_entry_page(request: HttpRequest, entry_id: int) -> HttpResponse:
    user = current_user(request)
    entry = red_book_entry_get_for_user(user=user, entry_id=entry_id)
    audit_view(actor=user, object_type=AuditObject.RED_BOOK_ENTRY, object_id=entry.pk)
    context = {
        "entry": entry,
        "row": red_book_rows(user, [entry])[0],
        "decides": red_book_may_decide(user) and entry.status == "pending",
        "withdraws": red_book_may_withdraw(user, entry) and entry.status in ("pending", "approved"),
        "form": ReasonForm(),
        "prepares_notice": may_manage_notices(user) and red_book_publishable(entry),
    }
    return render(request, "intelligence/red_book_entry.html", context)


@login_required
@require_POST
def red_book_entry_act(request: HttpRequest, entry_id: int, action: str) -> HttpResponse:
    """Approve, decline or withdraw, from the entry page's forms."""
    user = current_user(request)
    entry = red_book_entry_get_for_user(user=user, entry_id=entry_id)
    form = ReasonForm(request.POST)
    form.is_valid()
    reason = form.cleaned_data.get("reason", "")
    raw_version = request.POST.get("version", "")
    version = int(raw_version) if raw_version.isdigit() and len(raw_version) < 10 else 0
    form.errors.clear()
    calls = {
        "approve": lambda: red_book_decide(
            actor=user, entry_id=entry.pk, expected_version=version, approve=True
        ),
        "decline": lambda: red_book_decide(
            actor=user, entry_id=entry.pk, expected_version=version, approve=False, reason=reason
        ),
        "withdraw": lambda: red_book_withdraw(
            actor=user, entry_id=entry.pk, expected_version=version, reason=reason
        ),
    }
    if action not in calls:
        raise Http404("No such action.")
    if run_service(form, calls[action]) is not None:
        messages.success(request, _("The red-book entry was updated."))
        return redirect("intelligence:red_book_entry", entry.pk)
    context = {
        "entry": entry,
        "row": red_book_rows(user, [entry])[0],
        "decides": red_book_may_decide(user) and entry.status == "pending",
        "withdraws": red_book_may_withdraw(user, entry),
        "form": form,
    }
    return render(request, "intelligence/red_book_entry.html", context, status=400)


@login_required
def red_book_photo(request: HttpRequest, entry_id: int) -> HttpResponse:
    user = current_user(request)
    entry = red_book_entry_get_for_user(user=user, entry_id=entry_id)
    if not red_book_rows(user, [entry])[0].has_photo:
        raise Http404("No photograph.")
    content, content_type = photo_open(entry.photo)
    audit_view(actor=user, object_type=AuditObject.RED_BOOK_ENTRY, object_id=entry.pk)
    return HttpResponse(content, content_type=content_type)


def _book(book: str) -> str:
    if book not in ("red", "black"):
        raise Http404("No such book.")
    return book


@login_required
@require_GET
def book_pdf_view(request: HttpRequest, book: str) -> HttpResponse:
    user = current_user(request)
    books_check(user)
    language = request.GET.get("lang") or translation.get_language()
    if language not in SUMMARY_LANGUAGES:
        return HttpResponseBadRequest(_(BAD_LANGUAGE), content_type="text/plain; charset=utf-8")
    pdf = book_pdf(user=user, book=_book(book), language=language)
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="{book}-book-{language}.pdf"'
    return response


@login_required
@require_GET
def book_csv_view(request: HttpRequest, book: str) -> HttpResponse:
    text = book_csv(user=current_user(request), book=_book(book))
    response = HttpResponse(text, content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{book}-book.csv"'
    return response
