"""A candidate as pages show it: the API keeps the ISO date, the page a localised one."""

import pytest
from django.utils import translation

from htms.identity.present import CandidateOut


def _candidate(birth_date: str) -> CandidateOut:
    return CandidateOut(
        person_id=1,
        name="Ali Raza",
        name_ur="",
        father_name="",
        birth_date=birth_date,
        cnics=[],
        score=0.9,
        reasons=[],
        conflicts=[],
    )


@pytest.mark.parametrize(
    ("language", "birth_date", "expected"),
    [
        ("en", "1984-03", "Mar 1984"),
        ("en", "1984-03-12", "12 Mar 1984"),
        ("ur", "1984-03", "مارچ 1984"),
        ("ur", "1984", "1984"),
        ("en", "", ""),
    ],
)
def test_it_shows_the_birth_date_at_its_precision(
    language: str, birth_date: str, expected: str
) -> None:
    with translation.override(language):
        assert _candidate(birth_date).birth_date_text == expected
