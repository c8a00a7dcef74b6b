"""The columns a ledger transcription may have, the headings they go by, and its mapping.

Read like a border manifest (``htms.intake.fields``): headings are matched exactly, then
closely; the mapping last confirmed is offered first, and a missing required column is named
in plain words before any row is read.
"""

from django.utils.functional import Promise
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from htms.intake.fields import Field, normal_heading, suggest_mapping


def _f(key: str, label: Promise, *synonyms: str) -> Field:
    return Field(key, label, tuple(normal_heading(s) for s in synonyms))


LEDGER_FIELDS: tuple[Field, ...] = (
    _f("unit", gettext_lazy("FIA circle or unit"), "circle", "fia circle", "unit", "ahtc",
       "circle unit", "sarkal", "سرکل"),
    _f("police_station", gettext_lazy("Police station"), "police station", "ps", "p s",
       "thana", "تھانہ"),
    _f("fir_number", gettext_lazy("FIR number"), "fir", "fir no", "fir number", "case fir no",
       "ایف آئی آر نمبر"),
    _f("fir_date", gettext_lazy("FIR date"), "fir date", "date of fir", "dated",
       "date of registration", "ایف آئی آر کی تاریخ"),
    _f("district", gettext_lazy("District"), "district", "distt", "ضلع"),
    _f("crime_type", gettext_lazy("Crime type (TIP or SOM)"), "crime type", "crime", "nature",
       "tip som", "type of crime", "category"),
    _f("sections", gettext_lazy("Law and sections"), "sections", "section", "u s", "law",
       "offence", "offences", "law and section", "sections of law", "دفعات"),
    _f("occurred_on", gettext_lazy("Date of the offence"), "date of offence", "offence date",
       "date of occurrence", "occurrence date"),
    _f("place", gettext_lazy("Place of the offence"), "place of offence", "place",
       "place of occurrence", "country of offence"),
    _f("stage", gettext_lazy("Stage reached"), "stage", "status", "case status",
       "present status", "stage reached"),
    _f("court", gettext_lazy("Court"), "court", "trial court", "عدالت"),
    _f("judgment_date", gettext_lazy("Judgment date"), "judgment date", "date of judgment",
       "date of decision", "decided on", "judgement date"),
    _f("accused", gettext_lazy("Accused (number)"), "accused", "no of accused",
       "number of accused", "total accused"),
    _f("convicted", gettext_lazy("Accused convicted (number)"), "convicted",
       "accused convicted", "no of convicted", "convictions"),
    _f("acquitted", gettext_lazy("Accused acquitted (number)"), "acquitted",
       "accused acquitted", "no of acquitted", "acquittals"),
    _f("sentence", gettext_lazy("Sentence"), "sentence", "punishment", "سزا"),
    _f("victims", gettext_lazy("Victims (total)"), "victims", "total victims",
       "no of victims", "victims total"),
    _f("victims_male_adult", gettext_lazy("Victims: men"), "victims men", "men",
       "male adult", "adult male", "victims male adult"),
    _f("victims_male_minor", gettext_lazy("Victims: boys"), "victims boys", "boys",
       "male minor", "minor male", "victims male minor"),
    _f("victims_female_adult", gettext_lazy("Victims: women"), "victims women", "women",
       "female adult", "adult female", "victims female adult"),
    _f("victims_female_minor", gettext_lazy("Victims: girls"), "victims girls", "girls",
       "female minor", "minor female", "victims female minor"),
)  # fmt: skip
LEDGER_KEYS = tuple(f.key for f in LEDGER_FIELDS)
LEDGER_LABELS = {f.key: f.label for f in LEDGER_FIELDS}
REQUIRED = ("unit", "fir_number", "fir_date", "sections")
_BY_SYNONYM = {s: f.key for f in LEDGER_FIELDS for s in f.synonyms}


def ledger_heading_field(heading: str) -> str:
    """The ledger field a heading names exactly, or "": tells the headings from a title."""
    return _BY_SYNONYM.get(normal_heading(heading), "")


def ledger_mapping(headers: list[str], previous: dict[str, str] | None = None) -> dict[str, str]:
    """field key -> heading: the mapping last confirmed, then the headings' names."""
    return suggest_mapping(headers, previous, fields=LEDGER_FIELDS)


def ledger_mapping_problems(mapping: dict[str, str], headers: list[str]) -> dict[str, str]:
    """field key -> what to fix before any row is read."""
    problems: dict[str, str] = {}
    for key, heading in mapping.items():
        if heading and heading not in headers:
            problems[key] = _("The column “%(heading)s” is not in this file.") % {
                "heading": heading
            }
    for key in REQUIRED:
        if not mapping.get(key):
            problems.setdefault(
                key,
                _("Choose the column that holds the %(field)s.")
                % {"field": str(LEDGER_LABELS[key]).lower()},
            )
    return problems
