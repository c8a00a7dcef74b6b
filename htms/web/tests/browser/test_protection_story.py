"""The victim-protection story of issue 13 in a real browser, in English and in Urdu, through
the pages only: the fixtures make the users, the organisations, the deportee's border event and
a circle's case with a child victim; every step of the story is a click or a form.

1. An immigration officer screens a deportee as a possible victim and refers her to a shelter
   with her consent; the interview becomes a case, which goes to court.
2. The shelter's caseworker accepts, admits her and writes a support plan.
3. Her hearing shows as a reminder on the caseworker's home.
4. She is discharged to her family, with follow-ups, and the service is completed.
5. An officer of another circle, an analyst and a caseworker of another organisation do not see
   her: 404 for her referral, and her name and CNIC on none of the pages they open (home, her
   person page, the register's search, referrals, the border queue).
6. An anonymous help-line call about an agent becomes a lead and a complaint at the circle of
   the caller's district, keeping the link.
7. A minor's referral not sent for 30 hours shows on the circle in-charge's home page.
"""

import re
from dataclasses import replace
from datetime import date, timedelta

import pytest
from django.utils import timezone, translation
from playwright.sync_api import Page, expect

from htms.accounts.models import Role, User
from htms.cases.models import Case, Origin, PartyRole, Stage
from htms.cases.services.registration import case_register
from htms.conftest import tip_case_input, victim_input
from htms.helpline.models import Call
from htms.helpline.tests.support import staff
from htms.intake.models import BorderEvent
from htms.intake.tests.conftest import KARACHI_AIRPORT, deportee, record
from htms.protection.models import Organisation, Referral, ReferralState, StayDestination
from htms.protection.services.directory import OrganisationInput, organisation_save
from htms.reference.models import Court, Unit, UnitKind
from htms.web.tests.browser.support import Steps, log_in, switch_language

DEPORTEE, DEPORTEE_CNIC = "Nasreen Akhtar", "42101-5555555-2"
CHILD = "Rubina Kausar"
KARACHI_COURT = "CRT-SJ-KHI-SOUTH"
AGENT = "Shahid Gujjar"


def _in(language: str, label: object) -> str:
    """A message, a choice's label or a reference row as the page shows it in ``language``
    (in Urdu it must differ from English)."""
    with translation.override(language):
        shown = translation.gettext(label) if isinstance(label, str) else str(label)
    assert language == "en" or shown != str(label), f"not translated: {label}"
    return shown


def _as(page: Page, user: User, language: str) -> None:
    """A fresh login; the Urdu run turns the interface to Urdu with the header's switch."""
    page.context.clear_cookies()
    log_in(page, user)
    if language == "ur":
        switch_language(page, "ur")
        expect(page.locator("html")).to_have_attribute("dir", "rtl")


@pytest.fixture
def cast(db: None, adam: User) -> dict[str, User]:
    """The immigration post's officer and in-charge, a caseworker of another organisation, a
    help-line call-taker and an officer of the Gujranwala circle."""
    ngo = Unit.objects.create(code="T-NGO", name="Test NGO", kind=UnitKind.NGO)
    organisation_save(actor=adam, data=OrganisationInput(
        name="Test legal aid", kind="NGO", services=["legal_aid"], unit_id=ngo.pk,
    ))  # fmt: skip
    return {
        "ivan": staff("ivan", KARACHI_AIRPORT, Role.INVESTIGATING_OFFICER),
        "ines": staff("ines", KARACHI_AIRPORT, Role.CIRCLE_INCHARGE),
        "nora": staff("nora", "T-NGO", Role.CASEWORKER),
        "tina": staff("tina", "HELPLINE-NATIONAL", Role.CALL_TAKER),
        "gul": staff("gul", "AHTC-GRW", Role.INVESTIGATING_OFFICER),
    }


@pytest.fixture
def shelter(adam: User) -> Organisation:
    return organisation_save(actor=adam, data=OrganisationInput(
        name="Test Dar-ul-Aman", kind="LocalGovernmentOrganisation",
        services=["shelter", "counselling"], unit_id=Unit.objects.get(code="T-SH").pk,
        accepts_sex="F", beds=4, phone="042 0000000", demo_contacts=True,
    ))  # fmt: skip


@pytest.fixture
def arrival(cast: dict[str, User]) -> BorderEvent:
    """A woman deported from Oman two days ago, recorded at Karachi airport."""
    entry = deportee(name=DEPORTEE, cnic=DEPORTEE_CNIC, born=date(1996, 3, 2))
    person = replace(entry.person, sex="F")
    entry = replace(entry, person=person, occurred_on=timezone.localdate() - timedelta(days=2))
    return record(cast["ivan"], entry)


@pytest.fixture
def child_case(alice: User) -> Case:
    """A case of circle A with a girl of 14 as its victim."""
    born = timezone.localdate().replace(day=1) - timedelta(days=14 * 366)
    data = tip_case_input()
    victim = replace(
        data.parties[0],
        person=victim_input(full_name=CHILD, full_name_ur="", birth_date=born, documents=[]),
    )
    return case_register(actor=alice, data=replace(data, parties=[victim, *data.parties[1:]]))


def _screen_and_refer(page: Page, steps: Steps, event: BorderEvent, shelter: Organisation) -> int:
    """The immigration officer's interview and referral; returns the referral's id."""
    page.goto(f"/intake/people/{event.pk}/screening/")
    for question in ("recruited", "deceived", "forced_labour"):
        page.check(f"#id_q_{question}")
    page.click("#screening-form button[type=submit]")
    page.click("#refer-to-service")
    page.select_option("#id_organisation", str(shelter.pk))
    page.select_option("#id_service", "shelter")
    page.check("input[name=consent_by][value=person]")
    for shared in ("name", "phones"):
        page.check(f"input[name=shared_fields][value={shared}]")
    page.fill("#id_reason", "Domestic servitude in Muscat; no safe place at home.")
    page.check("#id_send")
    steps.accessible("referral-form")
    page.click("#referral-form button[type=submit]")
    page.wait_for_url(re.compile(r"/protection/referrals/\d+/$"))
    return int(page.url.rstrip("/").rsplit("/", 1)[-1])


def _karachi_court() -> str:
    return str(Court.objects.get(code=KARACHI_COURT).pk)


def _take_case_to_court(page: Page, event: BorderEvent) -> Case:
    """The agent she names and the interview become a case, with its FIR; the agent is
    arrested and the officer files the interim challan."""
    page.goto(f"/intake/people/{event.pk}/")
    agent_form = page.locator(f"form[action$='/people/{event.pk}/agents/']")
    agent_form.locator("[name=name]").fill("Javed Iqbal")
    agent_form.locator("[name=place]").fill("Muscat")
    agent_form.locator("button[type=submit]").click()
    expect(page.locator("main")).to_contain_text("Javed Iqbal")
    page.click(f"form[action$='/people/{event.pk}/case/'] button[type=submit]")
    case = Case.objects.get(pk=BorderEvent.objects.get(pk=event.pk).case_id)
    accused = case.parties.get(role=PartyRole.ACCUSED)
    page.goto(f"/cases/{case.pk}/")
    page.select_option(f"#status-{accused.pk}", "arrested")
    page.click(f"form[action$='/parties/{accused.pk}/status/'] button[type=submit]")
    expect(page.locator(".message")).to_be_visible()
    today = timezone.localdate().isoformat()
    page.goto(f"/cases/{case.pk}/edit/")
    page.fill("#id_fir_number", f"{case.pk}/2026")
    page.fill("#id_fir_date", today)
    page.fill("#id_police_station", "FIA AHTC Karachi")
    page.click("#case-edit-form button[type=submit]")
    page.wait_for_url(re.compile(rf"/cases/{case.pk}/$"))
    for stage in (Stage.FIR, Stage.INVESTIGATION, Stage.INTERIM_CHALLAN):
        page.goto(f"/cases/{case.pk}/stage/{stage.value}/")
        if page.locator("#id_challan_number").count():
            page.fill("#id_challan_number", f"CH-{case.pk}/2026")
            page.select_option("#id_court", _karachi_court())
        page.click("#stage-form button[type=submit]")
        page.wait_for_url(re.compile(rf"/cases/{case.pk}/$"))
    expect(page.locator("#pending-change")).to_be_visible()
    return case


def _approve_and_hear(
    page: Page, steps: Steps, case: Case, cast: dict[str, User], lang: str
) -> None:
    """The post's in-charge approves the challan; the officer records the first hearing, set
    again in six days."""
    _as(page, cast["ines"], lang)
    page.goto("/approvals/")
    page.click(f"article:has-text('{case.reference}') a[href^='/approvals/']")
    page.click("#approve-form button[type=submit]")
    expect(page.locator(".message")).to_be_visible()
    _as(page, cast["ivan"], lang)
    page.goto(f"/cases/{case.pk}/hearings/new/")
    today = timezone.localdate()
    page.select_option("#id_court", _karachi_court())
    page.fill("#id_date", today.isoformat())
    page.fill("#id_purpose", "Framing of charge")
    page.fill("#id_next_date", (today + timedelta(days=6)).isoformat())
    page.click("#hearing-form button[type=submit]")
    expect(page.locator("main")).to_contain_text("Framing of charge")
    steps.shot("hearing-recorded")


def _state(page: Page, language: str, state: ReferralState) -> None:
    expect(page.locator("#referral-state")).to_have_text(_in(language, state.label))


def _care(page: Page, steps: Steps, referral_id: int, language: str) -> None:
    """The caseworker accepts, admits and writes a support plan."""
    today = timezone.localdate()
    page.click(f"#open-referrals a[href='/protection/referrals/{referral_id}/']")
    expect(page.locator("main h1")).to_contain_text(DEPORTEE)
    expect(page.locator("#consent")).to_have_text(_in(language, "Given"))
    page.click("#move-accepted button")
    _state(page, language, ReferralState.ACCEPTED)
    page.fill("#admit-form [name=admitted_on]", today.isoformat())
    page.click("#admit-form button[type=submit]")
    _state(page, language, ReferralState.IN_SERVICE)
    page.select_option("#plan-form [name=kind]", "shelter")
    page.fill("#plan-form [name=objectives]", "A safe place; counselling twice a week.")
    page.fill("#plan-form [name=actions]", "Trace the family in Sialkot.")
    page.fill("#plan-form [name=planned_end]", (today + timedelta(days=60)).isoformat())
    page.click("#plan-form button[type=submit]")
    expect(page.locator("article.plan")).to_contain_text("counselling twice a week")
    steps.accessible("support-plan")


def _discharge(page: Page, steps: Steps, referral_id: int, language: str) -> None:
    """Home to her family, with follow-ups in one and three months; the service is complete."""
    today = timezone.localdate()
    page.goto(f"/protection/referrals/{referral_id}/")
    page.fill("#discharge-form [name=discharged_on]", today.isoformat())
    page.select_option("#discharge-form [name=destination]", StayDestination.FAMILY.value)
    page.click("#discharge-form button[type=submit]")
    expect(page.locator("#stays")).to_contain_text(_in(language, StayDestination.FAMILY.label))
    for count, days in enumerate((30, 90), start=1):
        page.fill("#follow-up-form [name=due_on]", (today + timedelta(days=days)).isoformat())
        page.fill("#follow-up-form [name=note]", "Visit at home with her mother.")
        page.click("#follow-up-form button[type=submit]")
        expect(page.locator("#follow-ups li")).to_have_count(count)
    page.click("#move-completed button")
    _state(page, language, ReferralState.COMPLETED)
    steps.accessible("discharged-with-follow-up")


def _cannot_see(page: Page, urls: list[str], *, hidden: list[str], missing: str) -> None:
    """``missing`` answers 404; no page shows any of ``hidden`` (the person page and the
    register's search at most a pseudonym, for a national reader)."""
    for url in [*urls, missing]:
        response = page.goto(url)
        assert response is not None
        assert url != missing or response.status == 404, url
        for text in hidden:
            expect(page.locator("body")).not_to_contain_text(text)


@pytest.mark.parametrize("language", ["en", "ur"])
def test_it_protects_a_deportee_from_the_border_to_her_family(
    browser_page: Page,
    steps: Steps,
    language: str,
    cast: dict[str, User],
    shelter: Organisation,
    arrival: BorderEvent,
    child_case: Case,
    alice: User,
    anne: User,
    bob: User,
    hana: User,
    carl: User,
) -> None:
    page = browser_page
    _as(page, cast["ivan"], language)
    referral_id = _screen_and_refer(page, steps, arrival, shelter)
    _state(page, language, ReferralState.SENT)
    steps.accessible("referral-sent")
    case = _take_case_to_court(page, arrival)
    _approve_and_hear(page, steps, case, cast, language)

    _as(page, carl, language)
    _care(page, steps, referral_id, language)
    page.goto("/")
    reminders = page.locator("#hearing-reminders")
    expect(reminders).to_contain_text(Referral.objects.get(pk=referral_id).reference)
    expect(reminders).to_contain_text(_in(language, Court.objects.get(code=KARACHI_COURT)))
    steps.accessible("caseworker-home-hearing")
    _discharge(page, steps, referral_id, language)

    person = f"/persons/{arrival.person_id}/"
    search = f"/persons/?name={DEPORTEE.replace(' ', '+')}&cnic={DEPORTEE_CNIC}"
    referral = f"/protection/referrals/{referral_id}/"
    for outsider in (bob, hana, cast["nora"]):
        _as(page, outsider, language)
        _cannot_see(
            page, ["/", person, search, "/protection/referrals/", "/intake/people/"],
            hidden=[DEPORTEE, DEPORTEE_CNIC], missing=referral,
        )  # fmt: skip
    steps.shot("outsiders-see-nothing")

    _help_line_story(page, steps, cast, language)
    _minor_overdue(page, steps, child_case, shelter, alice, anne, language)


def _help_line_story(page: Page, steps: Steps, cast: dict[str, User], language: str) -> None:
    """An anonymous tip about an agent in Gujranwala: a lead, then a complaint of the
    Gujranwala circle, linked to the call."""
    _as(page, cast["tina"], language)
    page.goto("/helpline/calls/new/")
    page.select_option("#id_channel", "phone")
    page.check("#id_anonymous")
    page.select_option("#id_district", "PB-GUJRANWALA")
    page.select_option("#id_language", "pa")
    page.fill("#id_summary", f"{AGENT} of Wazirabad takes 800,000 for Italy by boat.")
    page.select_option("#id_category", "agent_tip")
    page.select_option("#id_urgency", "today")
    page.click("main form button[type=submit]")
    page.wait_for_url(re.compile(r"/helpline/calls/\d+/$"))
    call = Call.objects.order_by("-pk").first()
    assert call is not None and call.caller_name == "" and call.caller_phone == ""
    page.fill("#id_agent_name", AGENT)
    page.fill("#id_what_was_said", "Takes money for Italy by boat; works from Wazirabad.")
    page.click(f"form[action$='/calls/{call.pk}/leads/'] button[type=submit]")
    expect(page.locator("#leads")).to_contain_text(AGENT)
    page.click(f"form[action$='/calls/{call.pk}/hand/'] button[type=submit]")
    steps.accessible("call-handed")

    _as(page, cast["gul"], language)
    page.click(f"#helpline-to-register a[href$='/calls/{call.pk}/']")
    page.check("input[name=statutes][value='PSMA2018-3']")
    page.click(f"form[action$='/calls/{call.pk}/register/'] button[type=submit]")
    page.wait_for_url(re.compile(r"/cases/\d+/$"))
    call.refresh_from_db()
    assert call.case is not None and call.case.unit.code == "AHTC-GRW"
    expect(page.locator("main")).to_contain_text(_in(language, Origin.HELPLINE.label))
    expect(page.locator("main")).to_contain_text(call.reference)
    page.goto(f"/helpline/calls/{call.pk}/")
    expect(page.locator("#call-facts")).to_contain_text(call.case.reference)
    lead = call.leads.get()
    assert lead.circle is not None and lead.circle.code == "AHTC-GRW"
    page.goto("/helpline/leads/")
    expect(page.locator("main")).to_contain_text(AGENT)
    steps.accessible("lead-at-the-circle")


def _minor_overdue(
    page: Page, steps: Steps, case: Case, shelter: Organisation, alice: User, anne: User,
    language: str,
) -> None:  # fmt: skip
    """Alice proposes the girl's referral with her guardian's consent but does not send it;
    30 hours later it is on her in-charge's home page."""
    _as(page, alice, language)
    victim = case.parties.get(role=PartyRole.VICTIM).person_id
    page.goto(f"/cases/{case.pk}/")
    page.click(f"a.refer[href*='person={victim}']")
    page.select_option("#id_organisation", str(shelter.pk))
    page.select_option("#id_service", "shelter")
    page.check("input[name=consent_by][value=guardian]")
    page.check("input[name=shared_fields][value=name]")
    page.click("#referral-form button[type=submit]")
    _state(page, language, ReferralState.PROPOSED)
    # The clock moves on 30 hours: nothing in the story may be done in between.
    referral = Referral.objects.get(person_id=victim)
    Referral.objects.filter(pk=referral.pk).update(proposed_at=timezone.now() - timedelta(hours=30))
    _as(page, anne, language)
    alerts = page.locator("#protection-alerts")
    expect(alerts).to_contain_text(referral.reference)
    expect(alerts).to_contain_text(CHILD)
    expect(alerts.locator(".flag.minor")).to_have_text(_in(language, "minor"))
    steps.accessible("incharge-home-minor-overdue")
