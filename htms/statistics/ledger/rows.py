"""One ledger row, through the column mapping, into a historical case to register.

Reading never fails: every problem of the row is listed in officer words, and a file with a
problem in any row is refused whole (``importer.py``).
"""

from dataclasses import dataclass, field
from datetime import date

from django.utils import timezone
from django.utils.translation import gettext as _

from htms.cases.models import Stage
from htms.intake.parsing.cells import DIGITS
from htms.intake.parsing.dates import DateError, parse_date
from htms.reference.models import Court, CrimeType, Unit
from htms.statistics.ledger.columns import LEDGER_LABELS
from htms.statistics.ledger.lookups import LedgerLookups

# What ledgers write for the stage a case reached, first match wins.
STAGE_WORDS = (
    (Stage.JUDGMENT, ("judgment", "judgement", "decided", "convicted", "acquitted", "فیصلہ")),
    (Stage.TRIAL, ("trial", "court", "pending trial", "زیر سماعت")),
    (Stage.INTERIM_CHALLAN, ("interim",)),
    (Stage.FINAL_CHALLAN, ("challan", "charge sheet", "چالان")),
    (Stage.INVESTIGATION, ("investigation", "under inv", "تفتیش")),
    (Stage.FIR, ("fir", "registered")),
)
CRIME_WORDS = {
    CrimeType.TIP: ("tip", "trafficking", "human trafficking"),
    CrimeType.SOM: ("som", "smuggling", "migrant smuggling", "human smuggling"),
}
VICTIM_KEYS = (
    "victims_male_adult",
    "victims_male_minor",
    "victims_female_adult",
    "victims_female_minor",
)


@dataclass
class LedgerRow:
    """What one row says, and every problem found in it (field key -> messages)."""

    number: int
    unit: Unit | None = None
    police_station: str = ""
    fir_number: str = ""
    fir_date: date | None = None
    statute_codes: list[str] = field(default_factory=list)
    crime_type: str = ""
    occurred_on: date | None = None
    occurred_precision: str = ""
    district_code: str = ""
    country_code: str = ""
    place_text: str = ""
    stage: str = Stage.FIR
    court: Court | None = None
    court_text: str = ""
    judgment_date: date | None = None
    accused: int = 0
    convicted: int = 0
    acquitted: int = 0
    sentence: str = ""
    victims: dict[str, int] = field(default_factory=dict)
    victims_unknown: int = 0
    errors: dict[str, list[str]] = field(default_factory=dict)

    @property
    def key(self) -> tuple[int, str, int]:
        """The case a row describes: unit, FIR number and the FIR's year."""
        assert self.unit is not None and self.fir_date is not None
        return (self.unit.pk, self.fir_number.casefold(), self.fir_date.year)

    def problem(self, key: str, message: str) -> None:
        self.errors.setdefault(key, []).append(message)

    def messages(self) -> list[str]:
        return [
            f"{LEDGER_LABELS.get(key, key)}: {message}"
            for key, messages in self.errors.items()
            for message in messages
        ]


class _Reader:
    def __init__(self, values: dict[str, str], row: LedgerRow, lookups: LedgerLookups) -> None:
        self.values, self.row, self.lookups = values, row, lookups

    def text(self, key: str) -> str:
        return self.values.get(key, "").strip()

    def date(self, key: str) -> tuple[date | None, str]:
        value = self.text(key)
        if not value:
            return None, ""
        try:
            parsed = parse_date(value, past=True)
        except DateError as exc:
            self.row.problem(key, str(exc))
            return None, ""
        if parsed.value > timezone.localdate():
            self.row.problem(key, _("“%s” is in the future.") % value)
            return None, ""
        return parsed.value, parsed.precision

    def errors_on(self, key: str) -> bool:
        return key in self.row.errors

    def count(self, key: str) -> int | None:
        value = self.text(key).translate(DIGITS)
        if not value or value in ("-", "nil"):
            return None
        if not value.isdigit() or int(value) > 10_000:
            self.row.problem(key, _("“%s” is not a number of people.") % value)
            return None
        return int(value)


def _unit(r: _Reader) -> None:
    text = r.text("unit")
    if not text:
        r.row.problem("unit", _("The row does not name its circle or unit."))
        return
    found = r.lookups.unit(text)
    if len(found) == 1:
        r.row.unit = found[0]
        r.row.police_station = r.text("police_station") or found[0].name
    elif found:
        codes = ", ".join(sorted(u.code for u in found))
        message = _("“%(text)s” may be %(codes)s: write the code.")
        r.row.problem("unit", message % {"text": text, "codes": codes})
    else:
        r.row.problem("unit", _("“%s” is not a circle or unit that HTMS knows.") % text)


def _fir(r: _Reader) -> None:
    r.row.fir_number = r.text("fir_number")
    if not r.row.fir_number:
        r.row.problem("fir_number", _("The row has no FIR number."))
    r.row.fir_date, precision = r.date("fir_date")
    if not r.text("fir_date"):
        r.row.problem("fir_date", _("The row has no FIR date."))
    elif r.row.fir_date and precision != "day":
        r.row.problem("fir_date", _("An FIR date needs its day, month and year."))


def _sections(r: _Reader) -> None:
    text = r.text("sections")
    if not text:
        r.row.problem("sections", _("The row names no law and section."))
        return
    codes, unread = r.lookups.statutes(text)
    r.row.statute_codes = codes
    for part in unread:
        r.row.problem(
            "sections",
            _("“%s” is not a section of a law in the statute list; write it like 420/468 PPC.")
            % part,
        )
    wanted = r.text("crime_type").casefold()
    if not wanted:
        return
    crime = next((ct for ct, words in CRIME_WORDS.items() if wanted in words), None)
    if crime is None:
        r.row.problem("crime_type", _("Write TIP or SOM."))
    r.row.crime_type = crime or ""


def _place(r: _Reader) -> None:
    r.row.occurred_on, r.row.occurred_precision = r.date("occurred_on")
    if r.row.occurred_on and r.row.fir_date and r.row.occurred_on > r.row.fir_date:
        r.row.problem("occurred_on", _("The offence cannot come after the FIR."))
    place = r.text("place")
    district = r.text("district")
    r.row.country_code = r.lookups.places.country(place) if place else ""
    if r.row.country_code == "PK":
        r.row.country_code = ""
    r.row.district_code = r.lookups.places.district(place) if place else ""
    if not r.row.district_code and not r.row.country_code and district:
        r.row.district_code = r.lookups.places.district(district)
        if not r.row.district_code:
            r.row.problem("district", _("“%s” is not a district of Pakistan.") % district)
    if place and not (r.row.district_code or r.row.country_code):
        r.row.place_text = place


def _stage(r: _Reader) -> None:
    text = r.text("stage").casefold()
    outcome = bool(r.row.convicted or r.row.acquitted)
    if not text:
        r.row.stage = Stage.JUDGMENT if outcome or r.row.judgment_date else Stage.FIR
        return
    found = next((s for s, words in STAGE_WORDS if any(w in text for w in words)), None)
    if found is None:
        r.row.problem(
            "stage",
            _("“%s” is not a stage: write FIR, investigation, challan, trial or judgment.")
            % r.text("stage"),
        )
        return
    r.row.stage = found
    if outcome and found != Stage.JUDGMENT:
        r.row.problem(
            "stage", _("The row gives accused convicted or acquitted, but not the judgment stage.")
        )


def _judgment(r: _Reader) -> None:
    court = r.text("court")
    r.row.court = r.lookups.court(court) if court else None
    r.row.court_text = "" if r.row.court else court
    r.row.judgment_date, _precision = r.date("judgment_date")
    if r.row.judgment_date and r.row.fir_date and r.row.judgment_date < r.row.fir_date:
        r.row.problem("judgment_date", _("The judgment cannot come before the FIR."))
    r.row.sentence = r.text("sentence")[:300]


def _accused(r: _Reader) -> None:
    convicted, acquitted = r.count("convicted") or 0, r.count("acquitted") or 0
    accused = r.count("accused")
    r.row.convicted, r.row.acquitted = convicted, acquitted
    r.row.accused = accused if accused is not None else convicted + acquitted
    if r.row.accused < convicted + acquitted:
        r.row.problem(
            "accused",
            _("%(accused)d accused cannot have %(decided)d convicted or acquitted.")
            % {"accused": r.row.accused, "decided": convicted + acquitted},
        )
    if (convicted or acquitted) and not r.row.judgment_date and not r.errors_on("judgment_date"):
        r.row.problem("judgment_date", _("Accused were convicted or acquitted: give the date."))


def _victims(r: _Reader) -> None:
    for key in VICTIM_KEYS:
        r.row.victims[key] = r.count(key) or 0
    counted = sum(r.row.victims.values())
    total = r.count("victims")
    if total is None:
        return
    if total < counted:
        r.row.problem(
            "victims",
            _("The total of %(total)d victims is less than the %(counted)d counted by sex and age.")
            % {"total": total, "counted": counted},
        )
        return
    r.row.victims_unknown = total - counted


def ledger_row(values: dict[str, str], number: int, lookups: LedgerLookups) -> LedgerRow:
    """The historical case a row describes, with its problems."""
    row = LedgerRow(number=number)
    r = _Reader(values, row, lookups)
    _unit(r)
    _fir(r)
    _sections(r)
    _place(r)
    _judgment(r)
    _accused(r)
    _stage(r)
    _victims(r)
    return row
