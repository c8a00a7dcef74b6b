"""The Gazette's pages: the month with its publish form, the archive and the downloads."""

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from htms.accounts.models import User
from htms.audit.models import AuditEvent
from htms.cases.models import Case
from htms.intelligence.gazette.issues import ALREADY_PUBLISHED, NO_UNITS, gazette_issue_publish
from htms.intelligence.gazette.models import GazetteIssue
from htms.intelligence.gazette.months import month_parse
from htms.reference.models import Unit
from htms.web.tests.support import client_for, page

pytestmark = pytest.mark.django_db

MONTH_PAGE = "/intelligence/gazette/"
ARCHIVE = "/intelligence/gazette/issues/"


def _publish(user: User, unit_code: str) -> GazetteIssue:
    unit = Unit.objects.get(code=unit_code)
    response = client_for(user).post(MONTH_PAGE, {"units": [unit.pk]})
    assert response.status_code == 302
    return GazetteIssue.objects.get()


def test_it_shows_the_month_restricted_to_an_analyst_and_audits_it(
    hana: User, tip_case: Case
) -> None:
    html = page(client_for(hana), MONTH_PAGE)
    assert "RESTRICTED" in html and "Imran Butt" in html and 'id="gazette-publish"' in html
    month = timezone.localdate().strftime("%Y-%m")
    assert AuditEvent.objects.filter(object_type="gazette", action="view", object_id=month)


@pytest.mark.parametrize("who", ["alice", "anne", "carl", "adam"])
def test_it_is_not_found_for_roles_that_do_not_compose(
    request: pytest.FixtureRequest, who: str
) -> None:
    user: User = request.getfixturevalue(who)
    assert client_for(user).get(MONTH_PAGE).status_code == 404


def test_it_explains_a_bad_month(mona: User) -> None:
    response = client_for(mona).get(MONTH_PAGE, {"month": "2026-13"})
    assert response.status_code == 400 and b"YYYY-MM" in response.content


def test_publishing_stores_both_pdfs_for_the_distribution_list_and_audits_it(
    mona: User, tip_case: Case
) -> None:
    issue = _publish(mona, "T-A")
    assert [u.code for u in issue.units.all()] == ["T-A"]
    for stored in (issue.pdf_en, issue.pdf_ur):
        with stored.open("rb") as file:
            assert file.read(4) == b"%PDF"
    created = AuditEvent.objects.get(object_type="gazette", action="create")
    assert created.object_id == str(issue.pk) and created.changes["units"] == [issue.units.get().pk]


def test_it_refuses_a_second_issue_and_an_empty_distribution_list(mona: User) -> None:
    empty = client_for(mona).post(MONTH_PAGE, {})
    assert empty.status_code == 400 and not GazetteIssue.objects.exists()
    _publish(mona, "T-A")
    again = client_for(mona).post(MONTH_PAGE, {"units": [Unit.objects.get(code="T-B").pk]})
    assert again.status_code == 400 and str(ALREADY_PUBLISHED) in again.content.decode()
    assert GazetteIssue.objects.count() == 1


def test_the_service_refuses_an_unknown_unit(mona: User) -> None:
    with pytest.raises(ValidationError) as error:
        gazette_issue_publish(actor=mona, month=month_parse("2026-11"), unit_ids=[987654])
    assert error.value.message_dict == {"units": [str(NO_UNITS)]}
    assert not GazetteIssue.objects.exists()


def test_a_unit_on_the_list_reads_and_downloads_the_issue_audited(
    mona: User, alice: User, tip_case: Case
) -> None:
    issue = _publish(mona, "T-A")
    assert f"/intelligence/gazette/issues/{issue.pk}/ur.pdf" in page(client_for(alice), ARCHIVE)
    response = client_for(alice).get(f"/intelligence/gazette/issues/{issue.pk}/ur.pdf")
    assert response.status_code == 200 and response.content.startswith(b"%PDF")
    download = AuditEvent.objects.get(object_type="gazette", action="export")
    assert download.actor == alice and download.changes["language"] == "ur"


def test_a_unit_not_on_the_list_gets_404(mona: User, bob: User, carl: User) -> None:
    issue = _publish(mona, "T-A")
    for user in (bob, carl):
        assert f"issues/{issue.pk}/" not in page(client_for(user), ARCHIVE)
        assert client_for(user).get(f"{ARCHIVE}{issue.pk}/en.pdf").status_code == 404
    assert client_for(mona).get(f"{ARCHIVE}{issue.pk}/fr.pdf").status_code == 404
    assert not AuditEvent.objects.filter(object_type="gazette", action="export")
