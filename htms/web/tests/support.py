"""Helpers for the page tests: a logged-in client, query counting, moving a case on."""

from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from htms.accounts.models import User
from htms.cases.models import Case


def client_for(user: User) -> Client:
    client = Client()
    client.force_login(user)
    return client


def count_queries(client: Client, url: str) -> int:
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(url).status_code == 200
    return len(ctx.captured_queries)


def page(client: Client, url: str) -> str:
    response = client.get(url)
    assert response.status_code == 200, response.status_code
    return response.content.decode()


def version(case: Case) -> int:
    case.refresh_from_db(fields=["version", "stage"])
    return case.version
