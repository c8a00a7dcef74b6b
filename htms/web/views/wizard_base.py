"""What every step of the registration wizard shares: who may use it, how a step renders,
and how a step is checked and left."""

from typing import Any

from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext_lazy as _

from htms.accounts.models import CASE_WRITER_ROLES, User
from htms.common.errors import NotAllowedError
from htms.web.views.common import current_user
from htms.web.wizard import STEPS, Draft, Errors, draft_errors, draft_save, errors_for_step, step_of

STEP_LABELS = {
    "origin": _("How it came in"),
    "offences": _("Offences"),
    "parties": _("People"),
    "route": _("Route"),
    "review": _("Review and register"),
}
ONLY_WRITERS = _("Only officers of a unit may register cases.")


def wizard_user(request: HttpRequest) -> User:
    user = current_user(request)
    if user.role not in CASE_WRITER_ROLES or user.unit_id is None:
        raise NotAllowedError(str(ONLY_WRITERS))
    return user


def render_step(
    request: HttpRequest, step: str, draft: Draft, context: dict[str, Any]
) -> HttpResponse:
    steps = [(s, str(STEP_LABELS[s])) for s in STEPS]
    base = {
        "step": step,
        "steps": steps,
        "draft": draft,
        "step_number": STEPS.index(step) + 1,
        "first_field_id": _first_field_id(context),
    }
    return render(request, f"web/wizard/{step}.html", base | context)


def _first_field_id(context: dict[str, Any]) -> str:
    """Where the step's skip link leads: its form's first field, the first statute section on
    the offences step, the registration form on the review step."""
    form = context.get("form")
    if form is not None:
        return str(form[next(iter(form.fields))].id_for_label)
    if groups := context.get("groups"):
        return f"statute-{groups[0][1][0].code}"
    return "register-form"


def check_step(request: HttpRequest, draft: Draft, step: str, user: User) -> Errors:
    """The service's errors about this step; the draft is saved either way."""
    errors = errors_for_step(draft_errors(draft, actor=user), step)
    kept = {k: v for k, v in draft["errors"].items() if step_of(k) != step}
    draft["errors"] = kept | errors
    draft_save(request.session, draft)
    return errors


def next_step(step: str) -> HttpResponse:
    return redirect("wizard_step", STEPS[STEPS.index(step) + 1])
