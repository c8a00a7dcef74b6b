"""Identity numbers and phones: validation with messages an officer understands, and one
normal form per value so that the same number is always stored the same way."""

import re

import phonenumbers
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from htms.identity import numbers

CNIC_DIGITS = numbers.CNIC_LENGTH
# First digit of a CNIC: 1 Khyber Pakhtunkhwa, 2 former FATA, 3 Punjab, 4 Sindh,
# 5 Balochistan, 6 Islamabad, 7 Gilgit-Baltistan, 8 Azad Jammu and Kashmir.
CNIC_REGION_DIGITS = numbers.CNIC_REGION_DIGITS
PK_PASSPORT_RE = re.compile(r"^[A-Z]{2}[0-9]{7}$")
OTHER_PASSPORT_RE = re.compile(r"^[A-Z0-9]{5,20}$")
# A spreadsheet runs a cell starting with one of these as a formula when the name is exported.
FORMULA_START_RE = re.compile(r"^\s*[=+\-@\uff1d\uff0b\uff0d\uff20]")
URL_RE = re.compile(
    r"[a-z][a-z0-9+.\-]*://|\bwww\.|\b(?:mailto|javascript|data):"
    r"|\b[a-z0-9\-]+(?:\.[a-z0-9\-]+)*\.(?:com|net|org|info|biz|io|co|me|pk|ru|xyz|top|ly)\b",
    re.IGNORECASE,
)


def normalize_cnic(raw: str) -> str:
    """Returns the CNIC as 13 ASCII digits (Urdu digits ۳۵۲۰۲ become 35202), or raises
    ValidationError saying what is wrong."""
    digits = numbers.cnic_compact(raw)
    if digits and not numbers.only_ascii_digits(digits):
        raise ValidationError(
            _("A CNIC has only digits, written like 35202-1234567-1."), code="cnic_format"
        )
    if len(digits) != CNIC_DIGITS:
        raise ValidationError(
            _("A CNIC has 13 digits; this one has %(count)d. Write it like 35202-1234567-1."),
            code="cnic_length",
            params={"count": len(digits)},
        )
    if digits[0] not in CNIC_REGION_DIGITS:
        raise ValidationError(
            _("A CNIC starts with a region digit from 1 to 8; this one starts with %(digit)s."),
            code="cnic_region",
            params={"digit": digits[0]},
        )
    return digits


def format_cnic(digits: str) -> str:
    """A CNIC as officers write it, 12345-1234567-1: the one way a CNIC is shown on pages,
    PDFs and exports. Anything that is not 13 digits is returned as it is."""
    return f"{digits[:5]}-{digits[5:12]}-{digits[12:]}" if len(digits) == CNIC_DIGITS else digits


def document_number_text(kind: str, number: str) -> str:
    """An identity document's number as shown to people: a CNIC with its dashes."""
    return format_cnic(number) if kind == "cnic" else number


def normalize_passport(raw: str, *, pakistani: bool) -> str:
    value = re.sub(r"[\s\-]", "", numbers.ascii_digits(raw)).upper()
    if pakistani and not PK_PASSPORT_RE.match(value):
        raise ValidationError(
            _("A Pakistani passport number is two letters and seven digits, like AB1234567."),
            code="passport_format",
        )
    if not OTHER_PASSPORT_RE.match(value):
        raise ValidationError(
            _("A passport number has 5 to 20 letters and digits."), code="passport_format"
        )
    return value


def normalize_phone(raw: str, *, default_region: str = "PK") -> str:
    """Returns the number in E.164 (+923001234567)."""
    try:
        number = phonenumbers.parse(numbers.ascii_digits(raw), default_region)
    except phonenumbers.NumberParseException:
        raise ValidationError(
            _("This is not a phone number. Write it like 0300 1234567 or +92 300 1234567."),
            code="phone_format",
        ) from None
    if not phonenumbers.is_valid_number(number):
        raise ValidationError(
            _(
                "This phone number does not exist in its country's numbering plan. Check the "
                "digits and the country code."
            ),
            code="phone_invalid",
        )
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)


def check_person_name(raw: str) -> None:
    """Refuses a name that a spreadsheet would run as a formula, or that is a web address."""
    if FORMULA_START_RE.match(raw or ""):
        raise ValidationError(
            _(
                "A name cannot start with =, +, - or @: spreadsheets run such text as a "
                "formula. Write the name only."
            ),
            code="name_formula",
        )
    if URL_RE.search(raw or ""):
        raise ValidationError(
            _("A name cannot be a web or e-mail address. Write the person's name only."),
            code="name_url",
        )
