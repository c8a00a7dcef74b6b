"""Normal forms of names, numbers and dates: tables of real variant pairs, both scripts."""

from datetime import date

import pytest

from htms.identity.normalize import (
    age_birth_years,
    birth_year_range,
    canonical_token,
    clean_text,
    cnic_digits,
    cnic_distance,
    cnic_fits,
    cnic_partial,
    is_weak,
    name_key,
    name_tokens,
    parse_partial_date,
    passport_key,
    phone_key,
    skeleton,
    split_relation,
)
from htms.identity.variants import GROUPS
from htms.synthetic import names as synthetic_names

SAME_NAME = [
    # Latin spelling variants
    ("Muhammad", "Mohammad"),
    ("Muhammad", "Mohd"),
    ("Muhammad", "Md."),
    ("Muhammad", "M."),
    ("Muhammad", "Muhammed"),
    ("Ahmed", "Ahmad"),
    ("Yousaf", "Yusuf"),
    ("Yousaf", "Yousuf"),
    ("Yousaf", "Yousef"),
    ("Yousaf", "Yusaf"),
    ("Hussain", "Husain"),
    ("Hussain", "Hussein"),
    ("Hussain", "Husein"),
    ("Chaudhry", "Choudhry"),
    ("Chaudhry", "Chaudhary"),
    ("Chaudhry", "Ch."),
    ("Abdul", "Abdool"),
    ("Rehman", "Rahman"),
    ("Ghulam", "Gulam"),
    ("Rasool", "Rasul"),
    ("Ayesha", "Aisha"),
    ("Qasim", "Kasim"),
    ("Umar", "Omer"),
    ("Pervaiz", "Parvez"),
    ("Mehmood", "Mahmood"),
    ("Allah Bakhsh", "Allah Bux"),
    ("Abdul Rehman", "Abdulrehman"),
    ("Abdul Rehman", "Abd-ur-Rahman"),
    ("Allah Ditta", "Alladitta"),
    ("Rahmat Ullah", "Rahmatullah"),
    ("Sajida Bibi", "Sajida Bi Bi"),
    # Urdu and Latin
    ("محمد", "Muhammad"),
    ("علی", "Ali"),
    ("عالیہ", "Aliya"),
    ("احمد", "Ahmed"),
    ("یوسف", "Yusuf"),
    ("حسین", "Hussain"),
    ("حسن", "Hassan"),
    ("چوہدری", "Chaudhry"),
    ("غلام رسول", "Gulam Rasul"),
    ("عبدالرحمن", "Abdul Rehman"),
    ("عبد الرحمٰن", "Abdur Rahman"),
    ("مصطفیٰ", "Mustafa"),
    ("بشریٰ", "Bushra"),
    ("فاطمہ", "Fatima"),
    ("عائشہ", "Ayesha"),
    ("کھوکھر", "Khokhar"),
    ("بھٹی", "Bhatti"),
    ("لودھی", "Lodhi"),
    ("شاہ", "Shah"),
    ("شہزاد", "Shahzad"),
    ("وڑائچ", "Warraich"),
    ("آرائیں", "Arain"),
    ("جنجوعہ", "Janjua"),
    ("ممتاز", "Mumtaz"),
    ("ثناء", "Sana"),
    ("مہوش", "Mehwish"),
    ("ہاشمی", "Hashmi"),
    ("سبحان", "Subhan"),
    ("اظہر", "Azhar"),
    ("يوسف", "Yousaf"),  # Arabic yeh typed on an Arabic keyboard
    ("محمّد", "Muhammad"),  # with a shadda
    # order of tokens does not matter
    ("Ali Muhammad", "Muhammad Ali"),
    ("محمد علی", "Ali Mohd"),
]

DIFFERENT_NAME = [
    ("Ali", "Alia"),
    ("علی", "عالیہ"),
    ("Hassan", "Hussain"),
    ("Hassan", "Ehsan"),
    ("Hussain", "Husnain"),
    ("Rashid", "Shahid"),
    ("Sadiq", "Siddique"),
]


@pytest.mark.parametrize(("a", "b"), SAME_NAME)
def test_it_gives_variant_spellings_the_same_name_key(a: str, b: str) -> None:
    assert name_key(a) == name_key(b)


@pytest.mark.parametrize(("a", "b"), DIFFERENT_NAME)
def test_it_keeps_different_names_apart(a: str, b: str) -> None:
    """Hassan and Hussain share a skeleton (a blocking key) but never a canonical spelling."""
    assert canonical_token(name_tokens(a)[0]) != canonical_token(name_tokens(b)[0])


@pytest.mark.parametrize(("a", "b"), [("Ali", "Alia"), ("علی", "عالیہ"), ("Rashid", "Shahid")])
def test_it_keeps_a_final_vowel_in_the_skeleton(a: str, b: str) -> None:
    assert name_key(a) != name_key(b)


@pytest.mark.parametrize(
    ("token", "expected"),
    [("محمد", "mhmd"), ("Muhammad", "mhmd"), ("علی", "li"), ("Ali", "li"), ("Aliya", "la")],
)
def test_it_writes_the_consonant_skeleton(token: str, expected: str) -> None:
    assert skeleton(token) == expected


def test_it_keys_every_synthetic_spelling_like_its_urdu_form() -> None:
    """The generator's hand-written name list: every Latin spelling against the Urdu one."""
    everyone = (
        (synthetic_names.MUHAMMAD,)
        + synthetic_names.MALE
        + synthetic_names.FEMALE
        + synthetic_names.FEMALE_SUFFIXES
        + synthetic_names.FAMILY
    )
    misses = [
        (spelling, name.urdu)
        for name in everyone
        for spelling in name.spellings
        if name_key(spelling) != name_key(name.urdu)
    ]
    assert misses == []


def test_it_stores_the_variant_table_in_normal_form() -> None:
    assert [t for group in GROUPS for t in group if clean_text(t) != t] == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Mr. Muhammad Ali", ["muhammad", "ali"]),
        ("Dr Haji Hafiz Aslam", ["aslam"]),
        ("Mst. Fatima Bibi", ["fatima", "bibi"]),
        ("Ch. Muhammad Aslam", ["ch", "muhammad", "aslam"]),
        ("Syed Ali Raza", ["syed", "ali", "raza"]),
        ("Zia-ul-Haq", ["zia", "haq"]),
        ("Nasir-ud-Din", ["nasir", "din"]),
        ("Nasiruddin", ["nasir", "din"]),
        ("Abdullah", ["abdullah"]),
        ("جناب حاجی محمد اسلم", ["محمد", "اسلم"]),
        ("Haji", ["haji"]),
        ("Muḥammad  Ḥusayn", ["muhammad", "husayn"]),
        ("Ali s/o Ghulam Rasool", ["ali"]),
    ],
)
def test_it_cleans_name_tokens(text: str, expected: list[str]) -> None:
    assert name_tokens(text) == expected


def test_it_keeps_lineage_names_but_calls_them_weak() -> None:
    assert is_weak("Ch.") and is_weak("Syed") and is_weak("Mohd")
    assert not is_weak("Aslam")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Muhammad Ali s/o Ghulam Rasool", ("Muhammad Ali", "s/o", "Ghulam Rasool")),
        ("Fatima D/O Muhammad Aslam", ("Fatima", "d/o", "Muhammad Aslam")),
        ("Sajida w/o Khalid", ("Sajida", "w/o", "Khalid")),
        ("Ali son of Akbar", ("Ali", "s/o", "Akbar")),
        ("Aslam S.O. Akram", ("Aslam", "s/o", "Akram")),
        ("Muhammad bin Qasim", ("Muhammad", "s/o", "Qasim")),
        ("Zainab binte Ali", ("Zainab", "d/o", "Ali")),
        ("محمد علی ولد غلام رسول", ("محمد علی", "s/o", "غلام رسول")),
        ("فاطمہ بنت اسلم", ("فاطمہ", "d/o", "اسلم")),
        ("ساجدہ زوجہ خالد", ("ساجدہ", "w/o", "خالد")),
        ("Robina Sobia", ("Robina Sobia", "", "")),
    ],
)
def test_it_splits_the_relation(text: str, expected: tuple[str, str, str]) -> None:
    assert split_relation(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("35202-1234567-1", "3520212345671"),
        (" 35202 1234567 1 ", "3520212345671"),
        ("۳۵۲۰۲-۱۲۳۴۵۶۷-۱", "3520212345671"),
        ("95202-1234567-1", None),
        ("35202-123456-1", None),
        ("35202-XXXXXXX-1", None),
    ],
)
def test_it_reads_a_full_cnic(text: str, expected: str | None) -> None:
    assert cnic_digits(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("35202-XXXXXXX-1", "35202???????1"),
        ("35202-*******-1", "35202???????1"),
        ("35202", "35202????????"),
        ("35202-", "35202????????"),
        ("35202-1234", "352021234????"),
        ("XXXXX-1234567-1", "?????12345671"),
        ("3520212345671", None),
        ("3520", None),
        ("95202", None),
        ("35202-ABC", None),
        ("", None),
    ],
)
def test_it_reads_a_partial_cnic(text: str, expected: str | None) -> None:
    assert cnic_partial(text) == expected


def test_it_fits_a_cnic_to_a_mask() -> None:
    assert cnic_fits("3520212345671", "35202???????1")
    assert not cnic_fits("3520212345672", "35202???????1")


@pytest.mark.parametrize(
    ("a", "b", "distance"),
    [
        ("3520212345671", "3520212345671", 0),
        ("3520212345671", "3520212845671", 1),
        ("3520212345671", "3520213245671", 1),  # neighbours swapped
        ("3520212345671", "3520298745671", 3),
    ],
)
def test_it_counts_cnic_typing_slips(a: str, b: str, distance: int) -> None:
    assert cnic_distance(a, b) == distance


def test_it_normalises_passports_and_phones() -> None:
    assert passport_key("ab 123-4567") == "AB1234567"
    assert passport_key("A1") is None
    assert phone_key("0300-1234567") == "+923001234567"
    assert phone_key("+92 300 1234567") == "+923001234567"
    assert phone_key("0092-300-1234567") == "+923001234567"
    assert phone_key("12") is None


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("1984", (date(1984, 1, 1), "year")),
        ("1984-03", (date(1984, 3, 1), "month")),
        ("03/1984", (date(1984, 3, 1), "month")),
        ("1984-03-12", (date(1984, 3, 12), "day")),
        ("12/03/1984", (date(1984, 3, 12), "day")),
        ("31/02/1984", None),
        ("yesterday", None),
    ],
)
def test_it_keeps_the_precision_of_a_date(text: str, expected: tuple[date, str] | None) -> None:
    assert parse_partial_date(text) == expected


def test_it_gives_the_birth_years_a_date_or_an_age_allows() -> None:
    assert birth_year_range(date(1984, 1, 1), "year") == (1984, 1984)
    assert birth_year_range(None, "") is None
    assert age_birth_years(30, date(2026, 5, 1)) == (1995, 1996)
