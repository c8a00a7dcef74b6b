"""Free-text search of the case list (``case_list(filters=CaseFilters(text=...))``): by
reference, FIR number and party names in either script, never by a name the user may not see."""

import pytest

from htms.accounts.models import User
from htms.cases.models import Case
from htms.cases.selectors import CaseFilters, case_list

pytestmark = pytest.mark.django_db


def _found(user: User, text: str, **filters: object) -> list[int]:
    return [c.pk for c in case_list(user=user, filters=CaseFilters(text=text, **filters))]


@pytest.mark.parametrize(
    "text",
    ["Imran Butt", "imran butt", "عمران بٹ", "Butt Imran", "Imraan", "Tariq Mehmood", "طارق محمود"],
)
def test_it_finds_a_case_by_an_accused_in_either_script(
    alice: User, tip_case: Case, text: str
) -> None:
    assert _found(alice, text) == [tip_case.pk]


def test_it_finds_a_case_by_reference_or_fir_number(alice: User, tip_case: Case) -> None:
    assert _found(alice, tip_case.reference.lower()) == [tip_case.pk]
    assert _found(alice, tip_case.fir_number) == [tip_case.pk]


def test_it_finds_nothing_for_an_unknown_name_or_a_lone_common_word(
    alice: User, tip_case: Case
) -> None:
    assert _found(alice, "Zubair Qureshi") == []
    assert _found(alice, "Imran Qureshi") == []
    assert _found(alice, "Khan") == []


def test_it_finds_a_victim_for_officers_of_the_handling_circle(
    alice: User, anne: User, tip_case: Case
) -> None:
    for user in (alice, anne):
        assert _found(user, "Sajida Bibi") == [tip_case.pk]
        assert _found(user, "ساجدہ بی بی") == [tip_case.pk]


@pytest.mark.parametrize("who", ["zara", "hana", "mona"])
def test_it_never_finds_a_case_by_a_victim_name_hidden_from_the_user(
    request: pytest.FixtureRequest, tip_case: Case, who: str
) -> None:
    """The zone, the analyst and the monitoring cell see the case, but the victim only under
    a pseudonym: searching her name must not reveal which case she is in."""
    user = request.getfixturevalue(who)
    assert _found(user, "") == [tip_case.pk]
    assert _found(user, "Sajida Bibi") == []
    assert _found(user, "ساجدہ بی بی") == []
    assert _found(user, "Sajida") == []
    assert _found(user, "Imran Butt") == [tip_case.pk]


def test_it_finds_nothing_in_cases_the_user_may_not_see(bob: User, tip_case: Case) -> None:
    assert _found(bob, "Imran Butt") == []
    assert _found(bob, tip_case.reference) == []


def test_it_combines_with_the_other_filters(alice: User, tip_case: Case) -> None:
    assert _found(alice, "Imran Butt", crime_type="TIP") == [tip_case.pk]
    assert _found(alice, "Imran Butt", crime_type="SOM") == []
    assert _found(alice, "Imran Butt", stage="trial") == []
