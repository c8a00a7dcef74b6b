"""Guided case registration: origin → offences → parties → route → review.

Every step keeps its input in the session draft (``htms/web/wizard.py``) and is checked with
the registration service's own rules; the review step registers the case in one call, all or
nothing. A refused registration sends the officer back to the first step with a problem, the
messages next to the fields they are about. A case that looks like cases the officer may see
stays on the review step, those cases listed, until the officer says why it is a different one.
"""

from itertools import groupby

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db.models import QuerySet
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy
from django.views.decorators.http import require_POST

from htms.accounts.models import Role, User
from htms.cases.inputs import CaseInput
from htms.cases.models import Origin
from htms.cases.selectors_duplicates import DuplicateCandidate, case_duplicate_candidates
from htms.cases.services.registration import (
    DUPLICATE_NEEDS_REASON,
    LikelyDuplicateError,
    case_duplicates_shown,
    case_register,
)
from htms.common.lists import join_list
from htms.reference.models import CrimeType, Statute
from htms.reference.statute_search import statute_matches
from htms.web.forms.wizard import ORIGIN_FIELD_FOR, DuplicateReasonForm, OriginForm
from htms.web.views.common import add_errors, error_dict
from htms.web.views.wizard_base import check_step, next_step, render_step, wizard_user
from htms.web.views.wizard_parties import (
    draft_party_rows,
    draft_route_rows,
    parties_step,
    route_step,
)
from htms.web.wizard import (
    STEPS,
    Draft,
    Errors,
    case_input,
    draft_clear,
    draft_errors,
    draft_get,
    draft_save,
    errors_for_step,
    first_step_with_errors,
    origin_to_json,
    step_of,
)

# Finding a section by typing, on the offences step.
MAX_FIND = 100
MAX_FIND_SHOWN = 8
FIND_NONE = _lazy(
    "No section matches “%(text)s”. Type the act and the section, like PTPA 3, PEO 17 or PPC 370."
)
FIND_MANY = _lazy("Several sections match “%(text)s”: %(sections)s. Type the section number too.")
FIND_TICKED = _lazy("Ticked %(section)s. Type another section, or save and continue.")


def _officers(user: User) -> QuerySet[User]:
    assert user.unit_id is not None  # wizard_user lets only officers of a unit in
    return User.objects.filter(
        unit_id=user.unit_id,
        is_active=True,
        role__in=(Role.INVESTIGATING_OFFICER, Role.CIRCLE_INCHARGE),
    ).order_by("first_name", "username")


def _origin_form(draft: Draft, officers: QuerySet[User]) -> OriginForm:
    values = dict(draft["origin"])
    values["investigating_officer"] = values.pop("investigating_officer_id", None)
    stored = errors_for_step(draft["errors"], "origin")
    if not stored:
        return OriginForm(initial=values, officers=officers)
    data = {k: "" if v is None else v for k, v in values.items()}
    form = OriginForm(data, officers=officers)
    form.is_valid()
    add_errors(form, stored, ORIGIN_FIELD_FOR)
    return form


def origin_step(request: HttpRequest, user: User, draft: Draft) -> HttpResponse:
    officers = _officers(user)
    if request.method != "POST":
        form = _origin_form(draft, officers)
        return render_step(request, "origin", draft, {"form": form})
    form = OriginForm(request.POST, officers=officers)
    if form.is_valid():
        draft["origin"] = origin_to_json(form.draft_values())
        errors = check_step(request, draft, "origin", user)
        if not errors:
            return next_step("origin")
        add_errors(form, errors, ORIGIN_FIELD_FOR)
    return render_step(request, "origin", draft, {"form": form})


def _statute_groups() -> list[tuple[str, list[Statute]]]:
    statutes = Statute.objects.order_by("act", "id")
    groups = [list(rows) for _act, rows in groupby(statutes, key=lambda s: s.act)]
    return [(rows[0].act_text, rows) for rows in groups]


def derived_crime_types(codes: list[str]) -> list[str]:
    types = set(Statute.objects.filter(code__in=codes).values_list("crime_type", flat=True))
    return [str(label) for code, label in CrimeType.choices if code in types]


def offences_step(request: HttpRequest, user: User, draft: Draft) -> HttpResponse:
    errors = errors_for_step(draft["errors"], "offences")
    found: dict[str, object] = {}
    if request.method == "POST":
        draft["statutes"] = request.POST.getlist("statutes")
        if request.POST.get("action") == "find":
            found = _statute_find(request, draft)
        else:
            errors = check_step(request, draft, "offences", user)
            if not errors:
                return next_step("offences")
    selected = set(draft["statutes"])
    context = {
        "groups": _statute_groups(),
        "selected": selected,
        "crime_types": derived_crime_types(draft["statutes"]),
        "errors": [m for messages_ in errors.values() for m in messages_],
    }
    return render_step(request, "offences", draft, context | found)


def _statute_find(request: HttpRequest, draft: Draft) -> dict[str, object]:
    """Ticks the one section the officer typed ("PTPA 3"), or says why it cannot; the step
    stays open with the ticks kept."""
    text = request.POST.get("statute_find", "").strip()[:MAX_FIND]
    matches = statute_matches(text, Statute.objects.all())
    if len(matches) != 1:
        shown = join_list(matches[:MAX_FIND_SHOWN])
        if matches:
            message = FIND_MANY % {"text": text, "sections": shown}
        else:
            message = FIND_NONE % {"text": text}
        return {"find_text": text, "find_error": message}
    statute = matches[0]
    if statute.code not in draft["statutes"]:
        draft["statutes"] = [*draft["statutes"], statute.code]
    draft_save(request.session, draft)
    return {"find_note": FIND_TICKED % {"section": statute}}


def _duplicates_shown(
    user: User, data: CaseInput, errors: Errors, found: list[DuplicateCandidate] | None
) -> list[DuplicateCandidate]:
    """The likely duplicates the review step lists (none while a step has problems); listing
    them is a read of those cases, audited like a list page."""
    if found is None:
        found = [] if errors else case_duplicate_candidates(actor=user, case_input=data)
    if found:
        case_duplicates_shown(actor=user, candidates=found, where="wizard")
    return found


def _review_page(
    request: HttpRequest,
    user: User,
    draft: Draft,
    form: DuplicateReasonForm,
    found: list[DuplicateCandidate] | None = None,
) -> HttpResponse:
    errors = draft_errors(draft, actor=user)
    data = case_input(draft)
    context = {
        "origin": data,
        "origin_label": Origin(data.origin).label if data.origin in Origin.values else "",
        "statutes": Statute.objects.filter(code__in=draft["statutes"]),
        "crime_types": derived_crime_types(draft["statutes"]),
        "party_rows": draft_party_rows(user, draft, errors),
        "route_rows": draft_route_rows(draft, errors),
        "problem_steps": [s for s in STEPS if any(step_of(k) == s for k in errors)],
        "duplicates": _duplicates_shown(user, data, errors, found),
        "reason_form": form,
    }
    return render_step(request, "review", draft, context)


def review_step(request: HttpRequest, user: User, draft: Draft) -> HttpResponse:
    """Registers the draft. A likely duplicate stays on this step, its look-alikes listed,
    until the officer says why it is a different case."""
    form = DuplicateReasonForm(request.POST if request.method == "POST" else None)
    if not form.is_valid():
        return _review_page(request, user, draft, form)
    try:
        case = case_register(
            actor=user,
            data=case_input(draft),
            duplicate_reason=form.cleaned_data["duplicate_reason"],
        )
    except LikelyDuplicateError as exc:
        form.add_error("duplicate_reason", str(DUPLICATE_NEEDS_REASON))
        return _review_page(request, user, draft, form, exc.candidates)
    except ValidationError as exc:
        draft["errors"] = error_dict(exc)
        draft_save(request.session, draft)
        messages.error(request, _("Nothing was registered. Correct the fields marked below."))
        return redirect("wizard_step", first_step_with_errors(draft["errors"]))
    draft_clear(request.session)
    messages.success(request, _("Case %s registered.") % case.reference)
    return redirect("case_detail", case.pk)


@login_required
def wizard_step(request: HttpRequest, step: str) -> HttpResponse:
    user = wizard_user(request)
    draft = draft_get(request.session)
    handlers = {
        "origin": origin_step,
        "offences": offences_step,
        "parties": parties_step,
        "route": route_step,
        "review": review_step,
    }
    if step not in handlers:
        raise Http404("No such step.")
    return handlers[step](request, user, draft)


@login_required
def wizard_start(request: HttpRequest) -> HttpResponse:
    wizard_user(request)
    return redirect("wizard_step", "origin")


@login_required
@require_POST
def wizard_discard(request: HttpRequest) -> HttpResponse:
    wizard_user(request)
    draft_clear(request.session)
    messages.success(request, _("The draft was discarded."))
    return redirect("wizard_step", "origin")
