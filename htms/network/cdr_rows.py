"""How a row of an operator's call-detail records becomes a call: the headings operators use,
their ways of writing a start and a duration, and the register's phone key for the numbers.
``cdr.py`` imports the file with these."""

import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, date, datetime
from typing import TypeVar
from zoneinfo import ZoneInfo

from django.utils import timezone
from django.utils.functional import Promise
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from htms.identity.numbers import phone_key
from htms.intake.fields import Field, normal_heading, suggest_mapping
from htms.intake.parsing import DateError, parse_date

T = TypeVar("T")

# Pakistani operators write local time; calls are stored in UTC.
OPERATOR_TIME = ZoneInfo("Asia/Karachi")


def _field(key: str, label: Promise, *synonyms: str) -> Field:
    return Field(key, label, tuple(normal_heading(s) for s in synonyms))


CDR_FIELDS = (
    _field("caller", gettext_lazy("Caller"), "a party", "a number", "anumber", "a no",
           "calling number", "calling party", "caller", "caller number", "msisdn", "from"),
    _field("receiver", gettext_lazy("Receiver"), "b party", "b number", "bnumber", "b no",
           "called number", "called party", "receiver", "receiver number", "other party",
           "other number", "to"),
    _field("started_at", gettext_lazy("Start of the call"), "start time", "call start time",
           "start date time", "starttime", "date time", "datetime", "call time",
           "call date time", "start"),
    _field("date", gettext_lazy("Date of the call"), "date", "call date", "start date"),
    _field("time", gettext_lazy("Time of the call"), "time", "call time of day", "hour"),
    _field("duration", gettext_lazy("Duration"), "duration", "call duration",
           "duration sec", "duration seconds", "call duration sec", "seconds", "dur"),
    _field("direction", gettext_lazy("Direction"), "call type", "direction", "type",
           "in out", "call direction"),
)  # fmt: skip
CDR_KEYS = tuple(f.key for f in CDR_FIELDS)
INCOMING = {"in", "incoming", "mtc", "mt", "terminating", "received"}

NO_CALLER_COLUMN = gettext_lazy("Choose the column that holds the caller's number.")
NO_RECEIVER_COLUMN = gettext_lazy("Choose the column that holds the receiver's number.")
NO_TIME_COLUMN = gettext_lazy(
    "Choose the column that holds the start of the call, or the columns of its date and time."
)
NOT_A_HEADING = gettext_lazy("The column “%(heading)s” chosen for “%(field)s” is not in the file.")


def cdr_mapping(headers: list[str], given: dict[str, str] | None = None) -> dict[str, str]:
    """field key -> heading: the officer's choices where given, the rest recognised."""
    chosen = {k: h for k, h in (given or {}).items() if k in CDR_KEYS and h}
    return suggest_mapping(headers, chosen, fields=CDR_FIELDS) | chosen


def cdr_mapping_problems(mapping: dict[str, str], headers: list[str]) -> list[str]:
    labels = {f.key: f.label for f in CDR_FIELDS}
    problems = [
        str(NOT_A_HEADING) % {"heading": h, "field": labels[k]}
        for k, h in mapping.items() if h not in headers
    ]  # fmt: skip
    if "caller" not in mapping:
        problems.append(str(NO_CALLER_COLUMN))
    if "receiver" not in mapping:
        problems.append(str(NO_RECEIVER_COLUMN))
    if "started_at" not in mapping and not {"date", "time"} <= mapping.keys():
        problems.append(str(NO_TIME_COLUMN))
    return problems


_TIME = re.compile(r"^(.*?)[ T,]+(\d{1,2}):(\d{2})(?::(\d{2}))?(?:\.\d+)?\s*([ap]\.?m\.?)?$", re.I)
_COMPACT = re.compile(r"^(\d{4})(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})$")


def parse_start(text: str) -> datetime:
    """A call's start as operators write it (``2026-10-05 09:05:13``, ``05/10/2026 9:05 PM``,
    ``20261005090513``), in Pakistan time, as UTC. Raises ValueError with a plain message."""
    value = text.strip()
    if m := _COMPACT.match(value):
        year, month, day_, hour, minute, second = (int(g) for g in m.groups())
        try:
            local = datetime(year, month, day_, hour, minute, second, tzinfo=OPERATOR_TIME)
        except ValueError:
            raise ValueError(_("“%s” is not a date and time of a call.") % value) from None
        return local.astimezone(UTC)
    m = _TIME.match(value)
    if m is None or not m[1].strip():
        raise ValueError(_("“%s” is not a date and time of a call.") % value)
    hour, minute, second = int(m[2]), int(m[3]), int(m[4] or 0)
    if m[5]:
        hour = hour % 12 + (12 if m[5].lower().startswith("p") else 0)
    try:
        day = parse_date(m[1].strip(" ,"))
        if day.precision != "day":
            raise DateError(_("The date of the call needs its day."))
        local = datetime.combine(day.value, datetime.min.time(), OPERATOR_TIME)
        local = local.replace(hour=hour, minute=minute, second=second)
    except (DateError, ValueError) as exc:
        raise ValueError(_("“%(text)s”: %(why)s") % {"text": value, "why": exc}) from None
    return local.astimezone(UTC)


def parse_duration(text: str) -> int:
    """Seconds, from ``140``, ``140.0``, ``2:20`` or ``00:02:20``."""
    value = text.strip()
    if re.fullmatch(r"\d{1,7}(\.0+)?", value):
        return int(float(value))
    if re.fullmatch(r"\d{1,3}(:\d{2}){1,2}", value):
        seconds = 0
        for part in value.split(":"):
            seconds = seconds * 60 + int(part)
        return seconds
    raise ValueError(_("“%s” is not a duration in seconds or minutes:seconds.") % value)


@dataclass(frozen=True)
class CallRow:
    caller: str
    receiver: str
    started_at: datetime
    seconds: int

    @property
    def key(self) -> tuple[str, str, datetime, int]:
        return self.caller, self.receiver, self.started_at, self.seconds


SERVICE, WITHHELD = "service", "withheld"
SKIP_REASONS = {
    SERVICE: gettext_lazy("a service number (short code or sender name) at one end"),
    WITHHELD: gettext_lazy("a number withheld by the network"),
}
_SHORT_CODE = re.compile(r"\d{2,6}")  # 15 police, 1122 rescue, 8558 an operator's service
_SENDER = re.compile(r"[A-Za-z][A-Za-z0-9 ._-]{1,19}")  # "JAZZ", "UBL-Omni"
_WITHHELD = {"private", "hidden", "restricted", "withheld", "anonymous", "unknown"}
_NOT_A_SENDER = {"na", "nil", "null", "none"}


class Skipped(Exception):
    """A row that is not a call between two persons' phones: counted and left out, not bad."""

    def __init__(self, reason: str, number: str) -> None:
        super().__init__(reason)
        self.reason, self.number = reason, number


def skip_reason(text: str) -> tuple[str, str] | None:
    """(why, the number as shown) for a number no person dials: a short code or an
    operator's sender name (a service number), or a number the network withheld."""
    value = text.strip()
    compact = re.sub(r"[\s()+-]", "", value)
    if value.casefold() in _WITHHELD:
        return WITHHELD, value
    if _SHORT_CODE.fullmatch(compact):
        return SERVICE, compact
    if _SENDER.fullmatch(value) and value.casefold() not in _NOT_A_SENDER:
        return SERVICE, value.upper()
    return None


def _number(text: str, message: str) -> str:
    number = phone_key(text) if text.strip() else None
    if number is None:
        raise ValueError(message % text)
    return number


def _attempt(problems: list[str], read: Callable[..., T], *args: str) -> T | None:
    try:
        return read(*args)
    except ValueError as exc:
        problems.append(str(exc))
        return None


def call_row(values: dict[str, str], period: tuple[date, date]) -> CallRow:
    """One row (field key -> cell) as a call made within ``period``, ValueError with every
    problem of the row, one a line, or Skipped for a call to or from a service number."""
    for end in ("caller", "receiver"):
        if skipped := skip_reason(values.get(end, "")):
            raise Skipped(*skipped)
    problems: list[str] = []
    caller_text = _("The caller's number “%s” is not a phone number.")
    receiver_text = _("The receiver's number “%s” is not a phone number.")
    caller = _attempt(problems, _number, values.get("caller", ""), caller_text)
    receiver = _attempt(problems, _number, values.get("receiver", ""), receiver_text)
    when = values.get("started_at") or f"{values.get('date', '')} {values.get('time', '')}"
    started = _attempt(problems, parse_start, when)
    seconds = _attempt(problems, parse_duration, values.get("duration") or "0")
    if started is not None:
        problems += _period_problems(started, period)
    if problems or caller is None or receiver is None or started is None or seconds is None:
        raise ValueError("\n".join(problems))
    if values.get("direction", "").strip().casefold() in INCOMING:
        caller, receiver = receiver, caller
    return CallRow(caller, receiver, started, seconds)


def _period_problems(started: datetime, period: tuple[date, date]) -> list[str]:
    day = started.astimezone(OPERATOR_TIME).date()
    if started > timezone.now():
        return [_("The call starts in the future.")]
    if not period[0] <= day <= period[1]:
        return [
            _("The call of %(day)s is outside the period of the request (%(start)s to %(end)s).")
            % {"day": day, "start": period[0], "end": period[1]}
        ]
    return []
