"""A possible victim found at the border, and the cells of a list, stay need-to-know on every
page and in the API: national readers and the zone see the pseudonym and masks, the post that
received the list sees everything."""

import pytest
from django.test import Client

from htms.accounts.models import User
from htms.intake.models import BorderEvent, Manifest, ManifestSource, RowStatus
from htms.intake.services.screening import ScreeningInput, screening_record
from htms.intake.tests.conftest import csv_bytes, deportee, import_all, record, upload

pytestmark = pytest.mark.django_db

NAME, CNIC, CNIC_SHOWN = "Nasreen Akhtar", "4210177777772", "42101-7777777-2"
HEAD = "Name,Father Name,CNIC,Passport No,Date of Birth,Gender,Nationality"


def _client(user: User) -> Client:
    client = Client()
    client.force_login(user)
    return client


@pytest.fixture
def victim_event(ivan: User) -> BorderEvent:
    """Screened as a possible victim at Karachi airport, on no case."""
    event = record(ivan, deportee(name=NAME, cnic=CNIC_SHOWN))
    screening_record(actor=ivan, event_id=event.pk, data=ScreeningInput({"sold": True}))
    return event


def _person_pages(event: BorderEvent) -> list[str]:
    pid = event.person_id
    return [
        f"/persons/{pid}/",
        f"/api/persons/{pid}/",
        f"/api/persons/?q={NAME.split()[0]}",
        f"/api/persons/?cnic={CNIC}",
        f"/intake/people/{event.pk}/",
        "/intake/people/",
        f"/resolution/persons/{pid}/",
    ]


def _texts(user: User, urls: list[str], *, hidden_ok: bool = False) -> str:
    """The pages' text; a page the user may not know exists (404) shows nothing either."""
    client = _client(user)
    answers = [client.get(url) for url in urls]
    allowed = {200, 404} if hidden_ok else {200}
    assert all(a.status_code in allowed for a in answers), [
        (a.status_code, u) for a, u in zip(answers, urls, strict=True)
    ]
    return "\n".join(a.content.decode() for a in answers)


def test_it_masks_a_possible_victim_from_national_readers_and_the_zone(
    victim_event: BorderEvent, hana: User, mona: User, sadia: User
) -> None:
    pseudonym = victim_event.person.pseudonym
    for user in (hana, mona, sadia):
        text = _texts(user, _person_pages(victim_event), hidden_ok=True)
        assert NAME not in text and CNIC not in text and CNIC_SHOWN not in text, user
        assert "Muhammad Akram" not in text and "1990-04-01" not in text, user
        assert pseudonym in text


def test_it_shows_the_possible_victim_to_the_post_that_intercepted_her(
    victim_event: BorderEvent, ivan: User
) -> None:
    text = _texts(ivan, _person_pages(victim_event))
    assert NAME in text and CNIC in text and "1990-04-01" in text


@pytest.fixture
def bad_list(ivan: User, oman_source: ManifestSource) -> Manifest:
    """One row that imports and one that waits in the correction queue."""
    data = csv_bytes(
        HEAD,
        "Shazia Parveen,Ghulam Nabi,42101-5555555-6,AB7654321,1995-02-03,F,Pakistani",
        "Rukhsana Bibi,Allah Ditta,3.52021E+12,AB7654322,1996-07-08,F,Pakistani",
    )
    manifest = upload(ivan, oman_source, data)
    import_all(ivan, manifest)
    return manifest


def _list_pages(manifest: Manifest) -> list[str]:
    rows = list(manifest.rows.order_by("number").values_list("pk", flat=True))
    return [
        f"/intake/manifests/{manifest.pk}/",
        f"/intake/manifests/{manifest.pk}/corrections/",
        f"/intake/manifests/{manifest.pk}/corrections.csv",
        *[f"/intake/rows/{pk}/" for pk in rows],
    ]


def _csv_text(user: User, manifest: Manifest) -> str:
    response = _client(user).get(f"/intake/manifests/{manifest.pk}/corrections.csv")
    return b"".join(response.streaming_content).decode()  # type: ignore[attr-defined]


LIST_VALUES = ("Rukhsana", "Allah Ditta", "3.52021E+12", "AB7654322", "1996-07-08")


def test_it_masks_the_cells_of_a_list_outside_the_post(
    bad_list: Manifest, hana: User, mona: User, sadia: User
) -> None:
    assert bad_list.rows.filter(status=RowStatus.INVALID).count() == 1
    for user in (hana, mona, sadia):
        text = _texts(user, _list_pages(bad_list)[:2]) + _csv_text(user, bad_list)
        text += _texts(user, _list_pages(bad_list)[3:])
        for value in (*LIST_VALUES, "Shazia", "42101-5555555-6", "AB7654321"):
            assert value not in text, (user, value)
        assert "Pakistani" in text  # a cell that identifies nobody


def test_it_shows_the_cells_of_a_list_to_the_post(bad_list: Manifest, ivan: User) -> None:
    text = _texts(ivan, _list_pages(bad_list)[:2]) + _csv_text(ivan, bad_list)
    text += _texts(ivan, _list_pages(bad_list)[3:])
    for value in LIST_VALUES:
        assert value in text, value
