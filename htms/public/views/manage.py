"""The portal's management on the officer site (``/portal/``): the promoters' list, notices
for the public and their approval, the awareness pages, and where reports from the public went
(the help line's triage queue)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from htms.accounts.models import User
from htms.helpline.access import helpline_visible
from htms.public.access import (
    may_administer_portal,
    may_manage_notices,
    may_manage_portal,
)
from htms.public.languages import LANGUAGES, public_language
from htms.public.manage_forms import (
    AwarenessTextForm,
    NoticeForm,
    NoticeTrimForm,
    PromoterUploadForm,
)
from htms.public.models import AwarenessPage, AwarenessText, LicensedPromoter, PublishedNotice
from htms.public.services.awareness import awareness_text_save
from htms.public.services.notice_sources import (
    NoticeDraft,
    notice_create_from_draft,
    notice_draft_from_black_book,
    notice_draft_from_red_book,
)
from htms.public.services.notices import NoticeInput, notice_approve, notice_create, notice_withdraw
from htms.public.services.promoters import PromoterImportError, promoters_import
from htms.web.views.common import current_user, run_service


def _page(request: HttpRequest, **forms: object) -> HttpResponse:
    user = current_user(request)
    context: dict[str, object] = {
        "administers": may_administer_portal(user),
        "manages_notices": may_manage_notices(user),
        "reads_reports": helpline_visible(user),
        "promoters": LicensedPromoter.objects.count(),
        "upload_form": forms.get("upload_form") or PromoterUploadForm(),
        "notice_form": forms.get("notice_form") or NoticeForm(),
        "problems": forms.get("problems") or [],
        "portal_languages": [lang for lang in LANGUAGES if not lang.key_pages_only],
        "awareness": AwarenessPage.objects.all(),
    }
    if may_manage_notices(user):
        context["notices"] = PublishedNotice.objects.select_related(
            "created_by", "approved_for_publication_by"
        )
    status = 400 if forms else 200
    return render(request, "public/manage/portal.html", context, status=status)


@login_required
def portal(request: HttpRequest) -> HttpResponse:
    if not may_manage_portal(current_user(request)):
        raise PermissionDenied
    return _page(request)


@login_required
@require_POST
def promoters_upload(request: HttpRequest) -> HttpResponse:
    user = current_user(request)
    if not may_administer_portal(user):
        raise PermissionDenied
    form = PromoterUploadForm(request.POST, request.FILES)
    if not form.is_valid():
        return _page(request, upload_form=form)
    upload = form.cleaned_data["file"]
    try:
        result = promoters_import(actor=user, stream=upload, filename=upload.name or "")
    except PromoterImportError as error:
        form.add_error(None, _("Nothing was imported: correct the file and upload it again."))
        return _page(request, upload_form=form, problems=error.problems)
    messages.success(
        request,
        _("Promoters' list imported: %(added)d added, %(changed)d updated, %(removed)d removed.")
        % {"added": result.added, "changed": result.changed, "removed": result.removed},
    )
    return redirect("portal:home")


@login_required
@require_POST
def notice_new(request: HttpRequest) -> HttpResponse:
    user = current_user(request)
    if not may_manage_notices(user):
        raise PermissionDenied
    form = NoticeForm(request.POST, request.FILES)
    if form.is_valid():
        data = NoticeInput(**form.cleaned_data)
        if run_service(form, lambda: notice_create(actor=user, data=data)) is not None:
            messages.success(request, _("Notice prepared: another person must approve it."))
            return redirect("portal:home")
    return _page(request, notice_form=form)


def _draft(user: User, source: str, source_id: int) -> NoticeDraft:
    if source == "red-book":
        return notice_draft_from_red_book(actor=user, entry_id=source_id)
    if source == "black-book":
        return notice_draft_from_black_book(actor=user, person_id=source_id)
    raise Http404


@login_required
@require_http_methods(["GET", "POST"])
def notice_from_book(request: HttpRequest, source: str, source_id: int) -> HttpResponse:
    """Prepares a notice from a red-book entry or a black-book agent: the draft's fields, and
    which of alias, district and photograph to publish."""
    user = current_user(request)
    if not may_manage_notices(user):
        raise PermissionDenied
    try:
        draft = _draft(user, source, source_id)
    except ValidationError as error:
        return render(
            request, "public/manage/notice_from.html", {"refusal": error.messages}, status=400
        )
    initial = {"alias": bool(draft.alias), "district": bool(draft.district), "photo": True}
    form = NoticeTrimForm(request.POST if request.method == "POST" else None, initial=initial)
    if request.method == "POST" and form.is_valid():
        kept = form.cleaned_data
        notice = run_service(
            form, lambda: notice_create_from_draft(actor=user, draft=draft, **kept)
        )
        if notice is not None:
            messages.success(request, _("Notice prepared: another person must approve it."))
            return redirect("portal:home")
    status = 400 if form.errors else 200
    context = {"draft": draft, "form": form}
    return render(request, "public/manage/notice_from.html", context, status=status)


@login_required
@require_POST
def notice_decide(request: HttpRequest, notice_id: int, decision: str) -> HttpResponse:
    user = current_user(request)
    if not may_manage_notices(user):
        raise PermissionDenied
    notice = get_object_or_404(PublishedNotice, pk=notice_id)
    if decision not in ("approve", "withdraw"):
        raise Http404
    if decision == "withdraw":
        notice_withdraw(actor=user, notice_id=notice.pk)
        messages.success(request, _("Notice withdrawn from the portal."))
        return redirect("portal:home")
    try:
        notice_approve(actor=user, notice_id=notice.pk)
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
    else:
        messages.success(request, _("Notice published on the portal."))
    return redirect("portal:home")


@login_required
@require_http_methods(["GET", "POST"])
def awareness_edit(request: HttpRequest, slug: str, lang: str) -> HttpResponse:
    user = current_user(request)
    if not may_administer_portal(user):
        raise PermissionDenied
    page = get_object_or_404(AwarenessPage, slug=slug)
    language = public_language(lang)
    if language is None or language.key_pages_only:
        raise Http404
    text = AwarenessText.objects.filter(page=page, language=lang).first()
    initial = {"title": text.title, "body": text.body} if text else {}
    form = AwarenessTextForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        awareness_text_save(actor=user, slug=slug, language=lang, **form.cleaned_data)
        messages.success(request, _("Awareness page saved."))
        return redirect("portal:home")
    context = {"form": form, "page": page, "language": language}
    return render(request, "public/manage/awareness_edit.html", context)
