"""The victim-protection pages, in English and Urdu, as each member of the cast."""

from datetime import timedelta

import pytest
from django.utils import timezone

from htms.accounts.models import User
from htms.audit.models import AuditEvent, AuditObject
from htms.cases.models import Case
from htms.protection.models import Organisation, Referral, ReferralState
from htms.protection.services.referrals import referral_propose
from htms.protection.tests.conftest import case_referral_input, victim_of
from htms.web.tests.support import client_for, count_queries, page


def _url(referral: Referral, tail: str = "") -> str:
    return f"/protection/referrals/{referral.pk}/{tail}"


def test_it_lets_an_officer_refer_a_victim_of_her_case(
    alice: User, tip_case: Case, shelter: Organisation
) -> None:
    url = f"/protection/referrals/new/?source=case&case={tip_case.pk}&person={victim_of(tip_case)}"
    client = client_for(alice)
    assert "Sajida Bibi" in page(client, url)
    response = client.post(url, {
        "organisation": shelter.pk, "service": "shelter", "consent_by": "person",
        "shared_fields": ["name"], "send": "on",
    })  # fmt: skip
    assert response.status_code == 302
    referral = Referral.objects.get()
    assert referral.state == ReferralState.SENT


def test_it_explains_a_refused_referral_on_the_form(
    alice: User, tip_case: Case, shelter: Organisation
) -> None:
    url = f"/protection/referrals/new/?source=case&case={tip_case.pk}&person={victim_of(tip_case)}"
    response = client_for(alice).post(url, {
        "organisation": shelter.pk, "service": "legal_aid", "consent_by": "guardian",
    })  # fmt: skip
    assert response.status_code == 400
    html = response.content.decode()
    assert "does not offer this service" in html and "An adult gives consent personally" in html
    assert not Referral.objects.exists()


def test_it_lets_the_caseworker_accept_admit_and_write_a_plan(
    referral: Referral, carl: User
) -> None:
    client = client_for(carl)
    assert "Sajida Bibi" in page(client, "/")
    move = {"to_state": "accepted", "version": referral.version}
    assert client.post(_url(referral, "move/"), move).status_code == 302
    today = timezone.localdate().isoformat()
    assert client.post(_url(referral, "admit/"), {"admitted_on": today}).status_code == 302
    plan = {"kind": "counselling", "objectives": "Weekly sessions", "planned_end": today}
    assert client.post(_url(referral, "plan/"), plan).status_code == 302
    html = page(client, _url(referral))
    assert "Weekly sessions" in html and "In service" in html
    assert "1" in page(client, "/protection/shelters/")


def test_it_refuses_an_illegal_move_in_words(referral: Referral, carl: User) -> None:
    move = {"to_state": "completed", "version": referral.version}
    response = client_for(carl).post(_url(referral, "move/"), move)
    assert response.status_code == 400
    assert "cannot become" in response.content.decode()


@pytest.mark.parametrize("name", ["bob", "cleo", "zara", "hana", "mona", "adam", "nora"])
def test_it_answers_404_to_everyone_else(
    referral: Referral, name: str, request: pytest.FixtureRequest
) -> None:
    client = client_for(request.getfixturevalue(name))
    assert client.get(_url(referral)).status_code == 404
    assert client.post(_url(referral, "note/"), {"text": "x"}).status_code == 404


def test_it_hides_the_name_from_the_caseworker_after_consent_is_withdrawn(
    referral: Referral, alice: User, carl: User
) -> None:
    assert client_for(alice).post(_url(referral, "consent/"), {"note": "asked"}).status_code == 302
    html = page(client_for(carl), _url(referral))
    assert "Sajida" not in html and referral.person.pseudonym in html


def test_it_shows_a_minors_overdue_referral_on_the_in_charges_home(
    referral: Referral, anne: User
) -> None:
    Referral.objects.filter(pk=referral.pk).update(
        minor=True, state="proposed", sent_at=None,
        proposed_at=timezone.now() - timedelta(hours=25),
    )  # fmt: skip
    html = page(client_for(anne), "/")
    assert "Referrals past their deadline" in html and referral.reference in html


def test_it_audits_the_referral_page_and_the_notes_shown(referral: Referral, carl: User) -> None:
    client = client_for(carl)
    client.post(_url(referral, "move/"), {"to_state": "accepted", "version": referral.version})
    client.post(_url(referral, "note/"), {"text": "First meeting"})
    page(client, _url(referral))
    kinds = set(AuditEvent.objects.filter(action="view").values_list("object_type", flat=True))
    assert {AuditObject.PROTECTION_REFERRAL, AuditObject.CASE_NOTE} <= kinds


def test_it_lets_only_administrators_keep_the_directory(adam: User, alice: User) -> None:
    form = {"name": "Sahara shelter", "kind": "NGO", "services": ["shelter"], "accepts_sex": "F",
            "beds": "12", "active": "on"}  # fmt: skip
    assert client_for(alice).post("/protection/organisations/new/", form).status_code == 403
    assert client_for(adam).post("/protection/organisations/new/", form).status_code == 302
    assert "Sahara shelter" in page(client_for(alice), "/protection/organisations/")


def test_it_draws_the_pages_in_urdu(referral: Referral, carl: User) -> None:
    client = client_for(carl)
    client.cookies["django_language"] = "ur"
    for url in ("/", _url(referral), "/protection/referrals/", "/protection/organisations/"):
        assert 'lang="ur"' in page(client, url)


def test_it_keeps_typed_text_and_times_in_order_on_an_urdu_page(
    referral: Referral, carl: User
) -> None:
    """What officers typed takes its direction from its first letter; times use the page's
    own date format, with the Urdu comma."""
    client = client_for(carl)
    client.cookies["django_language"] = "ur"
    html = page(client, _url(referral))
    assert '<dd dir="auto" id="referral-reason">Needs a safe place</dd>' in html
    assert "، " in html.split("</dt><dd><bdi>")[1].split("</bdi>")[0]


def test_it_isolates_the_persons_name_on_the_urdu_referral_form(
    alice: User, tip_case: Case, shelter: Organisation
) -> None:
    """A name in Latin letters does not turn the line about the person left to right."""
    client = client_for(alice)
    client.cookies["django_language"] = "ur"
    url = f"/protection/referrals/new/?source=case&case={tip_case.pk}&person={victim_of(tip_case)}"
    html = page(client, url)
    assert '<p id="referred"><strong><bdi dir="auto">Sajida Bibi</bdi></strong>' in html


def test_it_records_protection_in_court_and_compensation(referral: Referral, alice: User) -> None:
    client = client_for(alice)
    court = {"court_measures": ["video_link"], "compensation_ordered": "200000",
             "compensation_paid": "300000"}  # fmt: skip
    refused = client.post(_url(referral, "court/"), court)
    assert refused.status_code == 400
    assert "More cannot be paid than the court ordered" in refused.content.decode()
    court["compensation_paid"] = "50000"
    assert client.post(_url(referral, "court/"), court).status_code == 302
    referral.refresh_from_db()
    assert referral.court_measures == ["video_link"] and referral.compensation_paid == 50000
    assert "Evidence by video link" in page(client, _url(referral))


def test_it_withholds_small_figures_from_the_analyst(
    referral: Referral, carl: User, hana: User, settings: object
) -> None:
    referral_accept = {"to_state": "accepted", "version": referral.version}
    client_for(carl).post(_url(referral, "move/"), referral_accept)
    shelter_row = '<th scope="row">Shelter</th><td>{}</td>'
    html = page(client_for(hana), "/protection/figures/")
    assert shelter_row.format("•") in html
    settings.HTMS_STATISTICS_K = 1  # type: ignore[attr-defined]
    html = page(client_for(hana), "/protection/figures/")
    assert shelter_row.format("1") in html


def test_it_refuses_the_figures_to_caseworkers(carl: User) -> None:
    assert client_for(carl).get("/protection/figures/").status_code == 403


def test_the_referral_list_costs_the_same_for_1_or_4_referrals(
    referral: Referral, alice: User, carl: User, tip_case: Case, shelter: Organisation
) -> None:
    clients = {u.username: client_for(u) for u in (alice, carl)}
    few = {name: count_queries(c, "/protection/referrals/") for name, c in clients.items()}
    for _ in range(3):
        referral_propose(actor=alice, data=case_referral_input(tip_case, shelter))
    for name, client in clients.items():
        assert count_queries(client, "/protection/referrals/") == few[name] <= 12, name
