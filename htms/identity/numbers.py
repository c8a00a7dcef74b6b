"""One normal form per identity number and date (re-exported by ``normalize``, which documents
them). Pure functions: no Django, no database, no network."""

import re
from datetime import date

import phonenumbers

# Urdu (Extended Arabic-Indic) and Arabic-Indic digits to ASCII: an officer typing on an Urdu
# keyboard writes ۳۵۲۰۲, and the number must be stored, searched and compared as 35202.
DIGITS = str.maketrans("۰۱۲۳۴۵۶۷۸۹٠١٢٣٤٥٦٧٨٩", "01234567890123456789")

# --- numbers -------------------------------------------------------------------------------

CNIC_LENGTH = 13
CNIC_REGION_DIGITS = "12345678"
_CNIC_GROUPS = (5, 7, 1)
_MASK_CHARS = "x*?_#•."
_MIN_KNOWN_DIGITS = 5


def ascii_digits(text: str) -> str:
    """``text`` with Urdu and Arabic-Indic digits written as ASCII digits."""
    return (text or "").translate(DIGITS)


def cnic_compact(text: str) -> str:
    """A CNIC as typed, in ASCII digits, without its spaces and dashes: the form that
    ``cnic_digits`` and the person validators check."""
    return re.sub(r"[\s\-]", "", ascii_digits(text))


def cnic_digits(text: str) -> str | None:
    """A full CNIC as 13 ASCII digits, or None if ``text`` is not one."""
    digits = cnic_compact(text)
    ok = len(digits) == CNIC_LENGTH and only_ascii_digits(digits)
    ok = ok and digits[0] in CNIC_REGION_DIGITS
    return digits if ok else None


def only_ascii_digits(text: str) -> bool:
    """Whether ``text`` is one or more of 0-9 (``str.isdigit`` alone also accepts other
    scripts' digits and superscripts)."""
    return text.isascii() and text.isdigit()


def cnic_partial(text: str) -> str | None:
    """A partly known CNIC as a 13-character mask with "?" for unknown digits, or None."""
    raw = ascii_digits(text).strip().casefold()
    if not raw or re.search(rf"[^0-9\s\-{re.escape(_MASK_CHARS)}]", raw):
        return None
    groups = [re.sub(r"\s", "", g) for g in raw.split("-")]
    if len(groups) == 1:
        mask = groups[0]
    elif len(groups) <= len(_CNIC_GROUPS) and all(
        len(g) <= size for g, size in zip(groups, _CNIC_GROUPS, strict=False)
    ):
        filled = [g.ljust(size, "?") for g, size in zip(groups[:-1], _CNIC_GROUPS, strict=False)]
        mask = "".join(filled) + groups[-1]
    else:
        return None
    mask = re.sub(f"[{re.escape(_MASK_CHARS)}]", "?", mask)
    if len(mask) > CNIC_LENGTH:
        return None
    mask = mask.ljust(CNIC_LENGTH, "?")
    known = sum(c.isdigit() for c in mask)
    if known == CNIC_LENGTH or known < _MIN_KNOWN_DIGITS:
        return None
    if mask[0] != "?" and mask[0] not in CNIC_REGION_DIGITS:
        return None
    return mask


def cnic_fits(digits: str, mask: str) -> bool:
    """Whether the 13-digit CNIC agrees with every known digit of the mask."""
    if len(digits) != len(mask):
        return False
    return all(m in ("?", d) for d, m in zip(digits, mask, strict=True))


def cnic_distance(a: str, b: str) -> int:
    """How many digits differ between two CNICs in normal form; two neighbouring digits
    swapped count as one typing slip. CNICs of different lengths (one not in normal form) are
    as far apart as the longer one is long."""
    if len(a) != len(b):
        return max(len(a), len(b))
    diffs = [i for i, (x, y) in enumerate(zip(a, b, strict=True)) if x != y]
    swapped = len(diffs) == 2 and diffs[1] == diffs[0] + 1 and a[diffs[0]] == b[diffs[1]]
    return 1 if swapped and a[diffs[1]] == b[diffs[0]] else len(diffs)


def passport_key(text: str) -> str | None:
    """A passport number in upper case without spaces or dashes, or None if it cannot be one."""
    value = re.sub(r"[\s\-]", "", ascii_digits(text)).upper()
    return value if re.fullmatch(r"[A-Z0-9]{5,20}", value) else None


def phone_key(text: str, region: str = "PK") -> str | None:
    """A phone number in E.164, read as a ``region`` number unless it has a country code."""
    try:
        number = phonenumbers.parse(ascii_digits(text), region)
    except phonenumbers.NumberParseException:
        return None
    if not phonenumbers.is_valid_number(number):
        return None
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)


# --- dates ---------------------------------------------------------------------------------

_DATE_FORMS = (
    (re.compile(r"^(\d{4})$"), ("y",)),
    (re.compile(r"^(\d{4})[-/.](\d{1,2})$"), ("y", "m")),
    (re.compile(r"^(\d{1,2})[-/.](\d{4})$"), ("m", "y")),
    (re.compile(r"^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})$"), ("y", "m", "d")),
    (re.compile(r"^(\d{1,2})[-/.](\d{1,2})[-/.](\d{4})$"), ("d", "m", "y")),
)
_PRECISION = {1: "year", 2: "month", 3: "day"}


def parse_partial_date(text: str) -> tuple[date, str] | None:
    """A date of year, month or day precision; the unknown parts are stored as 1."""
    value = ascii_digits(text).strip()
    for pattern, order in _DATE_FORMS:
        match = pattern.match(value)
        if match is None:
            continue
        parts = dict(zip(order, (int(g) for g in match.groups()), strict=True))
        try:
            day = date(parts["y"], parts.get("m", 1), parts.get("d", 1))
        except ValueError:
            return None
        return day, _PRECISION[len(order)]
    return None


def birth_year_range(birth_date: date | None, precision: str) -> tuple[int, int] | None:
    """The birth years a date allows: one year at any precision, None without a date."""
    if birth_date is None:
        return None
    return birth_date.year, birth_date.year


def age_birth_years(age: int, on: date) -> tuple[int, int]:
    """Someone aged ``age`` on ``on`` was born in one of these two years."""
    return on.year - age - 1, on.year - age
