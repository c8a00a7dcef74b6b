"""Statute sections found by typing, on the real reference data."""

import pytest

from htms.reference.models import Statute
from htms.reference.statute_search import statute_matches

pytestmark = pytest.mark.django_db


def _codes(text: str) -> list[str]:
    return sorted(s.code for s in statute_matches(text, Statute.objects.all()))


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("PTPA 3", "PTPA2018-3"),
        ("ptpa 3", "PTPA2018-3"),
        ("PTPA 2018 s.3", "PTPA2018-3"),
        ("PEO 17", "EO1979-17"),
        ("EO 17", "EO1979-17"),
        ("PPC 370", "PPC-370"),
        ("370 PPC", "PPC-370"),
        ("s. 371-A PPC", "PPC-371A"),
        ("PPC 371A", "PPC-371A"),
        ("PPC 371 A", "PPC-371A"),
        ("Foreigners Act 14", "FA1946-14"),
        ("FA 13B", "FA1946-13B"),
        ("PSMA 4", "PSMA2018-4"),
    ],
)
def test_it_finds_the_one_section_typed(db: None, text: str, code: str) -> None:
    assert _codes(text) == [code]


def test_an_act_alone_finds_its_sections(db: None) -> None:
    assert _codes("PTPA") == ["PTPA2018-3", "PTPA2018-4"]


@pytest.mark.parametrize("text", ["", "  ", "PPC 999", "XYZ 3", "PTPA 3 4", "section"])
def test_it_finds_nothing_for_what_fits_no_section(db: None, text: str) -> None:
    assert _codes(text) == []
