"""When the server fails, the officer reads what happened in plain words, in their language,
with a reference that the server log also holds."""

import logging
import re

import pytest
from django.http import HttpRequest, HttpResponse
from django.test import Client, override_settings
from django.urls import include, path


def _failing_view(request: HttpRequest) -> HttpResponse:
    raise RuntimeError("the disk is full")


urlpatterns = [
    path("broken/", _failing_view),
    path("api/broken/", _failing_view),
    path("", include("htms.web.urls")),
]
handler500 = "htms.web.views.errors.server_error"


def _reference(html: str) -> str:
    match = re.search(r'class="reference">([0-9A-F]{8})<', html)
    assert match, html
    return match.group(1)


@pytest.fixture
def client() -> Client:
    return Client(raise_request_exception=False)


@override_settings(ROOT_URLCONF=__name__)
def test_it_explains_a_server_error_with_the_reference_in_the_log(
    client: Client, caplog: pytest.LogCaptureFixture
) -> None:
    with caplog.at_level(logging.ERROR, logger="htms.errors"):
        response = client.get("/broken/")
    html = response.content.decode()
    assert response.status_code == 500
    assert "your last action may not have been saved" in html
    reference = _reference(html)
    logged = [r for r in caplog.records if r.name == "htms.errors"]
    assert len(logged) == 1
    assert reference in logged[0].getMessage()
    assert logged[0].exc_info and "the disk is full" in str(logged[0].exc_info[1])
    assert "the disk is full" not in html


@override_settings(ROOT_URLCONF=__name__)
def test_it_explains_a_server_error_in_urdu(client: Client) -> None:
    response = client.get("/broken/", headers={"accept-language": "ur"})
    html = response.content.decode()
    assert response.status_code == 500
    assert 'dir="rtl"' in html
    assert "کوئی خرابی ہو گئی" in html
    _reference(html)


@override_settings(ROOT_URLCONF=__name__)
def test_it_answers_api_clients_in_json(client: Client) -> None:
    response = client.get("/api/broken/")
    body = response.json()
    assert response.status_code == 500
    assert re.fullmatch(r"[0-9A-F]{8}", body["reference"])
    assert body["reference"] in body["detail"]
