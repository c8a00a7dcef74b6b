"""Sending a report or a call for help, and adding to it later with its code.

Before a form is read: the rate limits (429 with a friendly page). Then the honeypot and the
proof of work; a report that passes goes to the help line's triage as a lead."""

from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.utils.translation import gettext_lazy as _

from htms.public.forms import AdditionForm, Guarded, ReportForm
from htms.public.guard import pow_accepted, pow_challenge, report_block
from htms.public.helplines import HELP_LINES
from htms.public.languages import PublicLanguage
from htms.public.services.reports import ReportInput, report_add, report_submit
from htms.public.views.frame import public_page, public_render

# The largest form body read: the fields' own limits add up to well under this.
MAX_BODY_BYTES = 32 * 1024
NOT_A_PERSON = _(
    "We could not confirm that a person is sending this form. Wait until the form says it is "
    "ready, then send it again. If it still fails, please call the help line."
)
TOO_LARGE = _("What you wrote is too long. Please shorten it and send it again.")


def _refused(request: HttpRequest, language: PublicLanguage) -> HttpResponse | None:
    """The answer when the sender must wait or wrote too much; None when the form may be read."""
    block = report_block(address=request.META.get("REMOTE_ADDR"))
    if block is not None:
        context = {"minutes": block.minutes_left, "helplines": HELP_LINES}
        response = public_render(request, language, "public/too_many.html", context, status=429)
        response["Retry-After"] = str(block.seconds_left)
        return response
    if int(request.META.get("CONTENT_LENGTH") or 0) > MAX_BODY_BYTES:
        context = {"message": TOO_LARGE, "helplines": HELP_LINES}
        return public_render(request, language, "public/refused.html", context, status=413)
    return None


def _form_page(
    request: HttpRequest,
    language: PublicLanguage,
    template: str,
    form: Guarded,
    status: int = 200,
) -> HttpResponse:
    context = {"form": form, "challenge": pow_challenge(), "helplines": HELP_LINES}
    return public_render(request, language, template, context, status=status)


def _guard_failed(form: Guarded) -> bool:
    """Adds the reason to the form when the honeypot is filled or the proof of work fails."""
    if form.is_honeypot_filled() or not pow_accepted(form.cleaned_data.get("altcha", "")):
        form.add_error(None, NOT_A_PERSON)
        return True
    return False


def _read(
    request: HttpRequest, language: PublicLanguage, template: str, blank: type[Guarded]
) -> tuple[Guarded | None, HttpResponse]:
    """The form sent, ready to act on; else None and the page to answer with (the empty form,
    a refusal, or the form with its errors)."""
    if request.method != "POST":
        return None, _form_page(request, language, template, blank())
    if refused := _refused(request, language):
        return None, refused
    form = blank(request.POST)
    if not form.is_valid() or _guard_failed(form):
        return None, _form_page(request, language, template, form, status=400)
    return form, HttpResponse()


@public_page(key_page=True)
def report(request: HttpRequest, language: PublicLanguage) -> HttpResponse:
    form, answer = _read(request, language, "public/report.html", ReportForm)
    if form is None:
        return answer
    fields = ("kind", "what", "who", "phone", "where", "when", "contact")
    data = ReportInput(language=language.code, **{f: form.cleaned_data[f] for f in fields})
    sent = report_submit(data=data)
    context = {"code": sent.code, "helplines": HELP_LINES}
    return public_render(request, language, "public/report_sent.html", context)


@public_page(key_page=True)
def report_more(request: HttpRequest, language: PublicLanguage) -> HttpResponse:
    template = "public/report_add.html"
    form, answer = _read(request, language, template, AdditionForm)
    if form is None:
        return answer
    try:
        report_add(code=form.cleaned_data["code"], text=form.cleaned_data["text"])
    except ValidationError as error:
        for message in error.message_dict.get("code", []):
            form.add_error("code", message)
        return _form_page(request, language, template, form, status=400)
    context = {"helplines": HELP_LINES}
    return public_render(request, language, "public/report_added.html", context)
