"""Saved searches: kept per officer, listed on the case list and home page, owner-only."""

import pytest

from htms.accounts.models import User
from htms.cases.models import Case
from htms.web.models import SavedSearch
from htms.web.tests.support import client_for, page

pytestmark = pytest.mark.django_db


def test_it_saves_the_current_filters_under_a_name(alice: User, tip_case: Case) -> None:
    client = client_for(alice)
    response = client.post(
        "/cases/saved/", {"name": "Overdue TIP", "query": "crime_type=TIP&overdue=on&page=3&stage="}
    )
    search = SavedSearch.objects.get(user=alice)
    assert search.query == "crime_type=TIP&overdue=on"
    assert response["Location"] == "/cases/?crime_type=TIP&overdue=on"
    assert "Overdue TIP" in page(client, "/cases/")
    assert "Overdue TIP" in page(client, "/")


def test_it_explains_a_missing_or_repeated_name(alice: User) -> None:
    client = client_for(alice)
    html = client.post("/cases/saved/", {"name": " ", "query": "stage=fir"}).content.decode()
    assert "Give the search a name" in html
    client.post("/cases/saved/", {"name": "Mine", "query": "stage=fir"})
    html = client.post("/cases/saved/", {"name": "Mine", "query": "stage=trial"}).content.decode()
    assert "You already have a search with this name." in html
    assert SavedSearch.objects.count() == 1


def test_only_the_owner_sees_and_deletes_a_saved_search(alice: User, anne: User) -> None:
    client_for(alice).post("/cases/saved/", {"name": "Alice's list", "query": "stage=fir"})
    search = SavedSearch.objects.get()
    assert "Alice&#x27;s list" not in page(client_for(anne), "/cases/")
    assert "Alice&#x27;s list" not in page(client_for(anne), "/")
    assert client_for(anne).post(f"/cases/saved/{search.pk}/delete/").status_code == 404
    assert SavedSearch.objects.exists()
    assert client_for(alice).post(f"/cases/saved/{search.pk}/delete/").status_code == 302
    assert not SavedSearch.objects.exists()
