"""A call as the form, the API, the CSV import and the public site give it, and its checks."""

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from htms.helpline.models import CallLanguage, Category, Channel, Urgency
from htms.helpline.routing import circle_for_district
from htms.persons.validators import normalize_phone
from htms.reference.models import District, Unit, UnitKind

ANONYMOUS_WITH_IDENTITY = _(
    "An anonymous caller has no name or number: clear them, or untick Anonymous."
)
ENDED_BEFORE_START = _("A call cannot end before it started.")
ANSWERED_BEFORE_START = _("A call cannot be answered before it came in.")
IN_FUTURE = _("This time is in the future.")
UNKNOWN_DISTRICT = _("Unknown district.")
NOT_A_CIRCLE = _("Choose an Anti-Human Trafficking Circle.")
NO_CIRCLE = _(
    "No circle covers the caller's district. Choose the circle to alert: an emergency is "
    "escalated at once."
)
NO_SUMMARY = _("Write what the caller said.")
CHOOSE = _("Choose one of the list.")


@dataclass
class CallInput:
    channel: str
    started_at: datetime
    language: str
    summary: str
    category: str
    urgency: str
    anonymous: bool = False
    caller_name: str = ""
    caller_phone: str = ""
    district_code: str = ""
    answered_at: datetime | None = None
    ended_at: datetime | None = None
    # The circle to alert or hand the call to; empty: the caller's district's circle.
    circle_code: str = ""


def call_input_from(values: Mapping[str, Any]) -> CallInput:
    """A CallInput from a form's or a serializer's cleaned values; ``district`` and ``circle``
    are codes."""
    return CallInput(
        channel=values["channel"],
        started_at=values["started_at"],
        answered_at=values.get("answered_at"),
        ended_at=values.get("ended_at"),
        anonymous=bool(values.get("anonymous")),
        caller_name=values.get("caller_name", ""),
        caller_phone=values.get("caller_phone", ""),
        district_code=values.get("district") or "",
        language=values["language"],
        summary=values["summary"],
        category=values["category"],
        urgency=values["urgency"],
        circle_code=values.get("circle") or "",
    )


@dataclass
class CleanCall:
    phone: str
    district: District | None
    circle: Unit | None


def _choices(data: CallInput, errors: dict[str, list[str]]) -> None:
    for name, choices in (
        ("channel", Channel),
        ("language", CallLanguage),
        ("category", Category),
        ("urgency", Urgency),
    ):
        if getattr(data, name) not in choices.values:
            errors.setdefault(name, []).append(str(CHOOSE))


def _times(data: CallInput, errors: dict[str, list[str]]) -> None:
    now = timezone.now()
    for name in ("started_at", "answered_at", "ended_at"):
        value = getattr(data, name)
        if value is not None and value > now:
            errors.setdefault(name, []).append(str(IN_FUTURE))
    if data.answered_at and data.answered_at < data.started_at:
        errors.setdefault("answered_at", []).append(str(ANSWERED_BEFORE_START))
    if data.ended_at and data.ended_at < data.started_at:
        errors.setdefault("ended_at", []).append(str(ENDED_BEFORE_START))


def _caller(data: CallInput, errors: dict[str, list[str]]) -> str:
    if data.anonymous and (data.caller_name.strip() or data.caller_phone.strip()):
        errors.setdefault("anonymous", []).append(str(ANONYMOUS_WITH_IDENTITY))
    if not data.caller_phone.strip():
        return ""
    try:
        return normalize_phone(data.caller_phone)
    except ValidationError as error:
        errors.setdefault("caller_phone", []).extend(error.messages)
        return ""


def _place(data: CallInput, errors: dict[str, list[str]]) -> tuple[District | None, Unit | None]:
    district = None
    if data.district_code:
        district = District.objects.filter(code=data.district_code).first()
        if district is None:
            errors.setdefault("district", []).append(str(UNKNOWN_DISTRICT))
    if not data.circle_code:
        return district, circle_for_district(district)
    circle = Unit.objects.filter(code=data.circle_code, kind=UnitKind.CIRCLE).first()
    if circle is None:
        errors.setdefault("circle", []).append(str(NOT_A_CIRCLE))
    return district, circle


def call_input_check(data: CallInput) -> CleanCall:
    """Validates everything about a call; one ValidationError naming each bad field."""
    errors: dict[str, list[str]] = {}
    _choices(data, errors)
    _times(data, errors)
    phone = _caller(data, errors)
    district, circle = _place(data, errors)
    if not data.summary.strip():
        errors.setdefault("summary", []).append(str(NO_SUMMARY))
    if data.category == Category.EMERGENCY and circle is None and "circle" not in errors:
        errors.setdefault("circle", []).append(str(NO_CIRCLE))
    if errors:
        raise ValidationError(errors)
    return CleanCall(phone, district, circle)
