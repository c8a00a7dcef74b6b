"""The state of the guided case registration, kept in the session between steps.

The draft is plain JSON: origin facts, statute codes, parties and route legs as the service
inputs (``CaseInput``) hold them. Each step is checked with the service's own checker
(``case_input_check``), keeping only the errors about that step, so the rules live in one
place; the last step calls ``case_register`` once, all or nothing. One draft per session.
"""

from dataclasses import asdict
from datetime import date
from typing import Any

from django.contrib.sessions.backends.base import SessionBase
from django.core.exceptions import ValidationError

from htms.accounts.models import User
from htms.cases.inputs import CaseInput, PartyInput, RouteInput
from htms.cases.services.registration import case_input_check
from htms.persons.inputs import DocumentInput, PersonInput

SESSION_KEY = "case_draft"
STEPS = ("origin", "offences", "parties", "route", "review")
ORIGIN_DATE_FIELDS = ("fir_date", "occurred_on")

Draft = dict[str, Any]
Errors = dict[str, list[str]]


def draft_get(session: SessionBase) -> Draft:
    draft: Draft = session.get(SESSION_KEY) or {}
    draft.setdefault("origin", {})
    draft.setdefault("statutes", [])
    draft.setdefault("parties", [])
    draft.setdefault("route", [])
    draft.setdefault("errors", {})
    return draft


def draft_save(session: SessionBase, draft: Draft) -> None:
    session[SESSION_KEY] = draft
    session.modified = True


def draft_clear(session: SessionBase) -> None:
    session.pop(SESSION_KEY, None)


def _jsonable(value: Any) -> Any:
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, dict):
        return {k: _jsonable(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_jsonable(v) for v in value]
    return value


def _date(value: str | None) -> date | None:
    return date.fromisoformat(value) if value else None


def party_to_json(party: PartyInput) -> dict[str, Any]:
    result: dict[str, Any] = _jsonable(asdict(party))
    return result


def party_from_json(data: dict[str, Any]) -> PartyInput:
    values = dict(data)
    person = values.pop("person", None)
    if person is not None:
        person = dict(person)
        person["documents"] = [DocumentInput(**d) for d in person.get("documents", [])]
        person["birth_date"] = _date(person.get("birth_date"))
        person = PersonInput(**person)
    return PartyInput(person=person, **values)


def route_to_json(leg: RouteInput) -> dict[str, Any]:
    result: dict[str, Any] = _jsonable(asdict(leg))
    return result


def route_from_json(data: dict[str, Any]) -> RouteInput:
    return RouteInput(**{**data, "date": _date(data.get("date"))})


def origin_to_json(values: dict[str, Any]) -> dict[str, Any]:
    result: dict[str, Any] = _jsonable(values)
    return result


def case_input(draft: Draft) -> CaseInput:
    origin = dict(draft["origin"])
    for name in ORIGIN_DATE_FIELDS:
        origin[name] = _date(origin.get(name))
    return CaseInput(
        origin=origin.get("origin", ""),
        statute_codes=list(draft["statutes"]),
        parties=[party_from_json(p) for p in draft["parties"]],
        route=[route_from_json(r) for r in draft["route"]],
        summary=origin.get("summary", ""),
        enquiry_number=origin.get("enquiry_number", ""),
        fir_number=origin.get("fir_number", ""),
        fir_date=origin["fir_date"],
        police_station=origin.get("police_station", ""),
        occurred_on=origin["occurred_on"],
        investigating_officer_id=origin.get("investigating_officer_id"),
    )


def step_of(key: str) -> str:
    """The step whose page holds the field a service error key names."""
    if key.startswith("parties"):
        return "parties"
    if key.startswith("route"):
        return "route"
    if key == "statutes":
        return "offences"
    return "origin"


def draft_errors(draft: Draft, *, actor: User) -> Errors:
    """Every problem the service finds in the draft, keyed as the service keys them."""
    try:
        case_input_check(case_input(draft), actor=actor)
    except ValidationError as exc:
        return {key: list(messages) for key, messages in exc.message_dict.items()}
    return {}


def errors_for_step(errors: Errors, step: str) -> Errors:
    return {key: messages for key, messages in errors.items() if step_of(key) == step}


def first_step_with_errors(errors: Errors) -> str:
    steps = {step_of(key) for key in errors}
    return next((s for s in STEPS if s in steps), "review")


def party_errors(errors: Errors, index: int) -> list[str]:
    """The messages about the party at ``index``, whatever its field."""
    prefix = f"parties[{index}]"
    return [
        message
        for key, messages in errors.items()
        if key == prefix or key.startswith(prefix + ".")
        for message in messages
    ]


def route_errors(errors: Errors, index: int) -> list[str]:
    prefix = f"route[{index}]"
    return [
        message
        for key, messages in errors.items()
        if key.startswith(prefix + ".")
        for message in messages
    ]
