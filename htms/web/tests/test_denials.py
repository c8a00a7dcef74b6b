"""Every case page and action answers 404 to whoever may not know the case exists, and 403 to
whoever may read it but not change it. Nothing is written either way."""

import pytest
from django.test import Client

from htms.accounts.models import User
from htms.audit.models import AuditEvent
from htms.cases.models import Case
from htms.web.tests.support import client_for

pytestmark = pytest.mark.django_db

READ_PAGES = ("", "documents/1/file/")
WRITE_PAGES = (
    "edit/",
    "stage/investigation/",
    "stage/closed/",
    "hearings/new/",
    "judgment/",
    "parties/new/",
    "documents/new/",
)


def _answers(client: Client, case: Case, method: str, suffix: str) -> int:
    url = f"/cases/{case.pk}/{suffix}"
    if method == "get":
        return client.get(url).status_code
    return client.post(url, {"expected_version": case.version, "status": "arrested"}).status_code


@pytest.mark.parametrize("who", ["bob", "cleo", "carl", "adam"])
def test_users_outside_the_case_get_404_everywhere(
    who: str, request: pytest.FixtureRequest, tip_case: Case
) -> None:
    client = client_for(request.getfixturevalue(who))
    party = tip_case.parties.get(role="victim")
    writes_before = AuditEvent.objects.exclude(action__in=["view", "refused"]).count()
    for suffix in READ_PAGES + WRITE_PAGES:
        assert _answers(client, tip_case, "get", suffix) == 404, suffix
    for suffix in WRITE_PAGES + (f"parties/{party.pk}/status/",):
        assert _answers(client, tip_case, "post", suffix) == 404, suffix
    assert client.get(f"/persons/{party.person_id}/").status_code == 404
    assert AuditEvent.objects.exclude(action__in=["view", "refused"]).count() == writes_before
    refused = AuditEvent.objects.filter(action="refused", actor=request.getfixturevalue(who))
    assert refused.count() == len(READ_PAGES) + 2 * len(WRITE_PAGES) + 2, "each refusal audited"


@pytest.mark.parametrize("who", ["hana", "mona", "zara"])
def test_readers_of_the_case_may_not_change_it(
    who: str, request: pytest.FixtureRequest, tip_case: Case
) -> None:
    client = client_for(request.getfixturevalue(who))
    assert client.get(f"/cases/{tip_case.pk}/").status_code == 200
    for suffix in WRITE_PAGES:
        assert _answers(client, tip_case, "get", suffix) == 403, suffix
        assert _answers(client, tip_case, "post", suffix) == 403, suffix
    tip_case.refresh_from_db()
    assert tip_case.stage == "fir"


def test_a_refusal_explains_itself(hana: User, tip_case: Case) -> None:
    html = client_for(hana).get(f"/cases/{tip_case.pk}/edit/").content.decode()
    assert "Your role does not allow this action on this record." in html
