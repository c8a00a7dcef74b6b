import pytest
from django.core.exceptions import ValidationError

from htms.persons.validators import (
    check_person_name,
    format_cnic,
    normalize_cnic,
    normalize_passport,
    normalize_phone,
)


@pytest.mark.parametrize("raw", ["35202-1234567-1", "3520212345671", " 35202 1234567 1 "])
def test_it_accepts_a_cnic_written_any_usual_way(raw: str) -> None:
    assert normalize_cnic(raw) == "3520212345671"
    assert format_cnic("3520212345671") == "35202-1234567-1"


@pytest.mark.parametrize(
    "raw", ["۳۵۲۰۲-۱۲۳۴۵۶۷-۱", "٣٥٢٠٢١٢٣٤٥٦٧١", "35202-۱۲۳۴۵۶۷-1", " ۳۵۲۰۲ ۱۲۳۴۵۶۷ ۱ "]
)
def test_it_writes_a_cnic_typed_in_urdu_or_arabic_digits_in_ascii(raw: str) -> None:
    assert normalize_cnic(raw) == "3520212345671"


def test_it_refuses_digits_of_other_scripts_in_a_cnic() -> None:
    """``str.isdigit`` accepts fullwidth and Devanagari digits; a stored CNIC must not."""
    for raw in ("３５２０２１２３４５６７１", "३५२०२१२३४५६७१"):
        with pytest.raises(ValidationError) as caught:
            normalize_cnic(raw)
        assert "only digits" in caught.value.messages[0]


def test_it_reads_urdu_digits_in_passports_and_phones() -> None:
    assert normalize_passport("AB۱۲۳۴۵۶۷", pakistani=True) == "AB1234567"
    assert normalize_phone("۰۳۰۰ ۱۲۳۴۵۶۷") == "+923001234567"


@pytest.mark.parametrize(
    ("raw", "words"),
    [
        ("35202-123456-1", "13 digits"),
        ("35202-12345A7-1", "only digits"),
        ("95202-1234567-1", "region digit"),
        ("", "13 digits"),
    ],
)
def test_it_explains_a_bad_cnic(raw: str, words: str) -> None:
    with pytest.raises(ValidationError) as caught:
        normalize_cnic(raw)
    assert words in caught.value.messages[0]


def test_it_checks_pakistani_passports_strictly() -> None:
    assert normalize_passport("ab 1234567", pakistani=True) == "AB1234567"
    with pytest.raises(ValidationError):
        normalize_passport("A12345", pakistani=True)
    assert normalize_passport("X1234567", pakistani=False) == "X1234567"


@pytest.mark.parametrize(
    ("raw", "e164"),
    [
        ("0300 1234567", "+923001234567"),
        ("+92 300 1234567", "+923001234567"),
        ("+968 9123 4567", "+96891234567"),
    ],
)
def test_it_stores_phones_in_e164(raw: str, e164: str) -> None:
    assert normalize_phone(raw) == e164


@pytest.mark.parametrize("raw", ["hello", "0300 12", ""])
def test_it_explains_a_bad_phone(raw: str) -> None:
    with pytest.raises(ValidationError):
        normalize_phone(raw)


@pytest.mark.parametrize(
    "raw",
    ["@SUM(1+1)*cmd", "-2+3+cmd", "+cmd", "=1+1", "  =1+1", "\t@x", "http://evil.example/a",
     "www.example.org", "evil.com", "mailto:a@b", "Ali ftp://x"],
)  # fmt: skip
def test_it_refuses_a_formula_or_an_address_as_a_name(raw: str) -> None:
    with pytest.raises(ValidationError) as caught:
        check_person_name(raw)
    assert caught.value.code in ("name_formula", "name_url")


@pytest.mark.parametrize(
    "raw", ["Ali Raza", "Muhammad Ali-Khan", "Bibi d/o Akram", "علی رضا", "O'Brien", "M. Aslam", ""]
)
def test_it_accepts_ordinary_names(raw: str) -> None:
    check_person_name(raw)
