"""Every answer carries a Content-Security-Policy; answers to logged-in users, pages and API,
are never stored by a browser or proxy; production mode serves HTTPS only."""

from typing import Any

import pytest
from django.test import Client

from htms.accounts.models import User
from htms.accounts.tokens import api_token_issue
from htms.cases.models import Case

pytestmark = pytest.mark.django_db


def _no_store(response: Any) -> bool:
    return "no-store" in response.headers.get("Cache-Control", "")


def test_it_sends_a_strict_content_security_policy_on_every_page(client: Client) -> None:
    policy = client.get("/login/").headers["Content-Security-Policy"]
    assert "default-src 'self'" in policy
    assert "script-src 'self'" in policy and "unsafe-inline" not in policy
    assert "frame-ancestors 'none'" in policy


def test_it_forbids_storing_a_page_that_shows_a_person(alice: User, tip_case: Case) -> None:
    client = Client()
    client.force_login(alice)
    response = client.get(f"/cases/{tip_case.pk}/")
    assert response.status_code == 200
    assert _no_store(response)


def test_it_forbids_storing_an_api_answer_given_to_a_token(alice: User, tip_case: Case) -> None:
    _token, key = api_token_issue(user=alice)
    response = Client().get(f"/api/cases/{tip_case.pk}/", HTTP_AUTHORIZATION=f"Token {key}")
    assert response.status_code == 200
    assert _no_store(response) and "private" in response.headers["Cache-Control"]


def test_it_forbids_storing_the_answer_that_hands_out_a_token(alice: User) -> None:
    response = Client().post(
        "/api/auth/token/",
        {"username": alice.username, "password": "wrong"},
        content_type="application/json",
    )
    assert _no_store(response)


def test_production_mode_redirects_to_https_and_sends_hsts(settings: Any) -> None:
    """The settings production mode turns on (see test_deploy_check for the environment)."""
    settings.SECURE_SSL_REDIRECT = True
    settings.SECURE_HSTS_SECONDS = 31536000
    settings.SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    settings.SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    plain = Client().get("/login/")
    assert plain.status_code == 301 and plain.headers["Location"].startswith("https://")
    secure = Client().get("/login/", HTTP_X_FORWARDED_PROTO="https")
    assert secure.status_code == 200
    assert secure.headers["Strict-Transport-Security"] == "max-age=31536000; includeSubDomains"
