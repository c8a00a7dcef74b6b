"""GET /identity/candidates/: the fragment forms insert while an officer types."""

from django.test import Client

from htms.accounts.models import User
from htms.audit.models import AuditEvent
from htms.cases.models import Case
from htms.identity.inputs import BAD_CNIC
from htms.persons.models import Person

URL = "/identity/candidates/"


def logged_in(user: User) -> Client:
    client = Client()
    client.force_login(user)
    return client


def test_it_shows_candidates_with_reasons_and_conflicts(
    alice: User, register: dict[str, Person]
) -> None:
    page = logged_in(alice).get(URL, {"name": "Muhammad Ali", "cnic": "35201-7777777-3"})
    html = page.content.decode()
    assert page.status_code == 200
    assert html.index(f'value="{register["namesake"].pk}"') < html.index(
        f'value="{register["ali"].pk}"'
    )
    assert "same CNIC" in html and "different CNIC" in html
    assert "محمد علی" in html and "35202-1234567-1" in html
    assert 'id="candidate-none" value="" checked' in html
    assert "<html" not in html


def test_it_shows_a_field_message_for_a_bad_cnic(alice: User) -> None:
    page = logged_in(alice).get(URL, {"name": "Ali", "cnic": "3520"})
    assert page.status_code == 400
    assert BAD_CNIC in page.content.decode()


def test_it_shows_nothing_before_anything_searchable_is_typed(alice: User) -> None:
    page = logged_in(alice).get(URL, {"name": "", "birth_date": "1984"})
    assert (page.status_code, page.content) == (200, b"")
    assert not AuditEvent.objects.filter(object_type="person_search").exists()


def test_it_says_when_no_one_matches_and_audits_it(alice: User, tip_case: Case) -> None:
    page = logged_in(alice).get(URL, {"name": "Zzyzx Qwerty"})
    assert "No one you may see in the register matches" in page.content.decode()
    event = AuditEvent.objects.latest("seq")
    assert (event.object_type, event.changes["ids"]) == ("person_search", [])


def test_it_hides_another_circles_victim(bob: User, tip_case: Case) -> None:
    page = logged_in(bob).get(URL, {"name": "Sajida Bibi", "cnic": "34101-1234567-2"})
    assert "Sajida" not in page.content.decode()


def test_it_sends_visitors_to_the_login_page(db: None) -> None:
    page = Client().get(URL, {"name": "Ali"})
    assert page.status_code == 302 and "/login/" in page["Location"]


def test_it_answers_a_non_ascii_digit_age_without_a_server_error(alice: User) -> None:
    page = logged_in(alice).get(URL, {"name": "Ali", "age": "²"})
    assert page.status_code in (200, 400)
