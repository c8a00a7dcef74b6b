"""The offences step finds a statute section by what the officer types, without JavaScript."""

import re

import pytest
from django.test import Client

from htms.accounts.models import User
from htms.web.tests.support import client_for, page
from htms.web.tests.test_wizard import ORIGIN

pytestmark = pytest.mark.django_db


def _find(client: Client, text: str, ticked: list[str]) -> str:
    response = client.post(
        "/cases/new/offences/", {"action": "find", "statute_find": text, "statutes": ticked}
    )
    assert response.status_code == 200
    return response.content.decode()


def _ticked(html: str) -> list[str]:
    return re.findall(r'name="statutes" value="([^"]+)"[^>]* checked>', html)


def test_typing_a_section_ticks_it_and_keeps_the_others(alice: User) -> None:
    client = client_for(alice)
    client.post("/cases/new/origin/", ORIGIN)
    html = _find(client, "PEO 17", ["PTPA2018-3"])
    assert "Ticked EO 1979 s.17." in html
    assert sorted(_ticked(html)) == ["EO1979-17", "PTPA2018-3"]
    three = ["EO1979-17", "PPC-370", "PTPA2018-3"]
    assert sorted(_ticked(_find(client, "ppc 370", ["PTPA2018-3", "EO1979-17"]))) == three
    # Kept in the draft: the step opened again shows them ticked.
    assert sorted(_ticked(page(client, "/cases/new/offences/"))) == three


def test_it_says_when_nothing_or_several_sections_fit(alice: User) -> None:
    client = client_for(alice)
    html = _find(client, "PPC 999", [])
    assert "No section matches “PPC 999”." in html
    html = _find(client, "PTPA", [])
    assert "Several sections match “PTPA”: PTPA 2018 s.3, PTPA 2018 s.4." in html
    assert 'value="PTPA"' in html


def test_the_step_offers_every_section_as_a_suggestion(alice: User) -> None:
    html = page(client_for(alice), "/cases/new/offences/")
    assert 'list="statute-options"' in html
    assert '<option value="PPC s.370">' in html
