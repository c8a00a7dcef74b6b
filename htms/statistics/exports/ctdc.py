"""The CTDC global dataset: one row per victim in CTDC's variables, k-anonymous over the
quasi-identifiers gender, ageBroad, citizenship, yearOfRegistration and CountryOfExploitation.

k-anonymity: for the rows of a combination of quasi-identifiers describing fewer than k
people, the values are withheld (-99, as CTDC marks missing values) one quasi-identifier at a
time, the most identifying first; rows still in a combination of fewer than k are left out.
majorityStatus follows from ageBroad, so it is grouped and withheld with it."""

from collections import Counter
from collections.abc import Sequence

from htms.statistics.dimensions import ADULT, CHILD, age_band, age_group
from htms.statistics.exports.records import VictimRecord

MISSING = "-99"
GENDER = {"F": "Female", "M": "Male", "X": "Trans/Transgender"}
MEANS = (
    "DebtBondage",
    "TakesEarnings",
    "RestrictsFinancialAccess",
    "Threats",
    "PsychologicalAbuse",
    "PhysicalAbuse",
    "SexualAbuse",
    "FalsePromises",
    "PsychoactiveSubstances",
    "RestrictsMovement",
    "RestrictsMedicalCare",
    "ExcessiveWorkingHours",
    "UsesChildren",
    "ThreatOfLawEnforcement",
    "WithholdsNecessities",
    "WithholdsDocuments",
    "Other",
)
SEXUAL = {"SexualExploitation"}
LABOUR = {"ForcedLabour", "BondedLabour", "ChildLabour", "DomesticServitude", "Servitude"}
# Withheld in this order until every combination describes at least k people.
QUASI_IDENTIFIERS = (
    "CountryOfExploitation",
    "citizenship",
    "ageBroad",
    "majorityStatus",
    "yearOfRegistration",
    "gender",
)
COLUMNS = (
    "yearOfRegistration",
    "Datasource",
    "gender",
    "ageBroad",
    "majorityStatus",
    "citizenship",
    *(f"meansOfControl{name}" for name in MEANS),
    "meansOfControlNotSpecified",
    "isForcedLabour",
    "isSexualExploit",
    "isOtherExploit",
    "CountryOfExploitation",
)


def _flag(value: bool, known: bool) -> str:
    return ("1" if value else "0") if known else MISSING


def ctdc_row(record: VictimRecord) -> dict[str, str]:
    means, forms = set(record.means_of_control), set(record.exploitation)
    majority = {CHILD: "Minor", ADULT: "Adult"}.get(age_group(record.age), MISSING)
    row = {
        "yearOfRegistration": str(record.year),
        "Datasource": "Case Management",
        "gender": GENDER.get(record.sex, MISSING),
        "ageBroad": age_band(record.age) or MISSING,
        "majorityStatus": majority,
        "citizenship": record.nationality or MISSING,
        **{f"meansOfControl{m}": _flag(m in means, bool(means)) for m in MEANS},
        "meansOfControlNotSpecified": "0" if means else "1",
        "isForcedLabour": _flag(bool(forms & LABOUR), bool(forms)),
        "isSexualExploit": _flag(bool(forms & SEXUAL), bool(forms)),
        "isOtherExploit": _flag(bool(forms - LABOUR - SEXUAL), bool(forms)),
        "CountryOfExploitation": record.exploitation_country or MISSING,
    }
    return row


def _key(row: dict[str, str]) -> tuple[str, ...]:
    return tuple(row[q] for q in QUASI_IDENTIFIERS)


def k_anonymous(rows: Sequence[dict[str, str]], *, k: int) -> list[dict[str, str]]:
    """The rows with quasi-identifiers withheld, and rows left out, until every combination
    of quasi-identifiers describes at least ``k`` rows."""
    rows = [dict(row) for row in rows]
    for name in QUASI_IDENTIFIERS:
        sizes = Counter(_key(row) for row in rows)
        for row in rows:
            if sizes[_key(row)] < k:
                row[name] = MISSING
    sizes = Counter(_key(row) for row in rows)
    return [row for row in rows if sizes[_key(row)] >= k]
