"""The return pages, in English and Urdu, as each member of the cast."""

from datetime import timedelta

import pytest
from django.utils import timezone

from htms.accounts.models import User
from htms.audit.models import AuditEvent, AuditObject
from htms.protection.models import Referral, Return
from htms.protection.services.reintegration import return_plan
from htms.protection.services.returns import ReturnInput, return_open
from htms.protection.tests.test_returns import country
from htms.web.tests.support import client_for, count_queries, page


@pytest.fixture
def returnee(accepted: Referral, carl: User) -> Return:
    """The accepted referral's person, back from Oman 200 days ago: two follow-ups overdue."""
    returned_on = timezone.localdate() - timedelta(days=200)
    data = ReturnInput(kind="returnee", country_id=country("OM"), returned_on=returned_on)
    record = return_open(actor=carl, referral_id=accepted.pk, data=data)
    return return_plan(actor=carl, return_id=record.pk, plan="Tailoring course in Gujrat")


def test_it_lets_the_caseworker_open_a_foreign_return_and_request_a_document(
    accepted: Referral, carl: User
) -> None:
    client = client_for(carl)
    assert "Record a return home or from abroad" in page(
        client, f"/protection/referrals/{accepted.pk}/"
    )
    url = f"/protection/referrals/{accepted.pk}/return/"
    response = client.post(url, {"kind": "foreign", "country": country("BD")})
    assert response.status_code == 302, response.content
    record = Return.objects.get()
    today = timezone.localdate().isoformat()
    step = {"state": "requested", "document_kind": "emergency", "on": today, "version": 1}
    assert client.post(f"/protection/returns/{record.pk}/document/", step).status_code == 302
    html = page(client, f"/protection/returns/{record.pk}/")
    assert "Emergency travel document" in html and "Requested" in html


def test_it_explains_a_refused_step_on_its_form(accepted: Referral, carl: User) -> None:
    data = ReturnInput(kind="foreign", country_id=country("BD"))
    record = return_open(actor=carl, referral_id=accepted.pk, data=data)
    step = {"state": "issued", "on": timezone.localdate().isoformat(), "version": 1}
    response = client_for(carl).post(f"/protection/returns/{record.pk}/document/", step)
    assert response.status_code == 400
    assert "cannot become" in response.content.decode()


def test_it_shows_overdue_follow_ups_on_both_home_pages(
    returnee: Return, carl: User, alice: User
) -> None:
    for user in (carl, alice):
        html = page(client_for(user), "/")
        assert "Reintegration follow-ups overdue" in html and returnee.reference in html


def test_it_marks_a_follow_up_done_with_the_situation(returnee: Return, carl: User) -> None:
    follow_up = returnee.follow_ups.get(months=3)
    url = f"/protection/return-follow-ups/{follow_up.pk}/done/"
    client = client_for(carl)
    assert "Situation" in page(client, url)
    done = {"done_on": timezone.localdate().isoformat(), "situation": "stable", "note": "Working"}
    assert client.post(url, done).status_code == 302
    html = page(client, f"/protection/returns/{returnee.pk}/")
    assert "Stable" in html and "Working" in html


def test_it_shows_the_referring_unit_no_plan_and_lets_it_change_nothing(
    returnee: Return, alice: User
) -> None:
    client = client_for(alice)
    html = page(client, f"/protection/returns/{returnee.pk}/")
    assert "Tailoring" not in html and "Mark done" not in html
    tracing = {"outcome": "traced", "traced_on": timezone.localdate().isoformat()}
    assert client.post(f"/protection/returns/{returnee.pk}/tracing/", tracing).status_code == 403
    follow_up = returnee.follow_ups.first()
    assert follow_up is not None
    done_url = f"/protection/return-follow-ups/{follow_up.pk}/done/"
    assert client.get(done_url).status_code == 403


@pytest.mark.parametrize("name", ["bob", "cleo", "zara", "hana", "mona", "adam", "nora"])
def test_it_answers_404_to_everyone_else(
    returnee: Return, name: str, request: pytest.FixtureRequest
) -> None:
    client = client_for(request.getfixturevalue(name))
    follow_up = returnee.follow_ups.first()
    assert follow_up is not None
    assert client.get(f"/protection/returns/{returnee.pk}/").status_code == 404
    assert client.post(f"/protection/returns/{returnee.pk}/plan/", {"plan": "x"}).status_code == 404
    assert client.get(f"/protection/return-follow-ups/{follow_up.pk}/done/").status_code == 404
    url = f"/protection/referrals/{returnee.referral_id}/return/"
    assert client.get(url).status_code == 404


def test_it_draws_the_return_pages_in_urdu_and_audits_them(returnee: Return, carl: User) -> None:
    client = client_for(carl)
    client.cookies["django_language"] = "ur"
    follow_up = returnee.follow_ups.first()
    assert follow_up is not None
    for url in (
        f"/protection/returns/{returnee.pk}/",
        f"/protection/return-follow-ups/{follow_up.pk}/done/",
        "/",
    ):
        assert 'lang="ur"' in page(client, url)
    views = AuditEvent.objects.filter(action="view", object_type=AuditObject.PROTECTION_RETURN)
    assert views.filter(object_id=str(returnee.pk)).exists()


def test_it_counts_returned_persons_by_kind_and_end_for_the_figures(
    returnee: Return, hana: User, settings: object
) -> None:
    row = '<th scope="row">Pakistani returned from abroad</th><td>{}</td>'
    assert row.format("•") in page(client_for(hana), "/protection/figures/")
    settings.HTMS_STATISTICS_K = 1  # type: ignore[attr-defined]
    html = page(client_for(hana), "/protection/figures/")
    assert row.format("1") in html
    assert '<th scope="row">Foreign victim going home: not ended yet</th><td>0</td>' in html


def test_the_return_page_costs_a_fixed_number_of_queries(returnee: Return, carl: User) -> None:
    """The session, the user, the return with its referral and person, the follow-ups in one
    query, the audit row."""
    url = f"/protection/returns/{returnee.pk}/"
    assert count_queries(client_for(carl), url) <= 14
