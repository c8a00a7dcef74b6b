"""Victim-protection demo data: the service directory (real organisations, demo contacts), one
caseworker per organisation with a unit, and referrals in every state: from the Lahore circle's
victims, from a deportee screened at Karachi airport (back home, with reintegration
follow-ups), from a Bangladeshi woman offloaded there (on her way home), and after help-line
calls. Everything is synthetic and marked so; contacts are demo values, never real numbers."""

from dataclasses import dataclass
from datetime import date, timedelta

from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from htms.accounts.models import Role, User
from htms.accounts.services import user_create
from htms.cases.models import CaseParty, Hearing, PartyRole
from htms.cases.services.court import COURT_STAGES, hearing_record
from htms.helpline.models import Call
from htms.intake.entries import EntryInput
from htms.intake.services.events import border_event_record
from htms.intake.services.screening import ScreeningInput, screening_record
from htms.persons.inputs import PersonInput
from htms.protection.models import Organisation, Referral
from htms.protection.services.care import PlanInput, case_note_add, follow_up_add, support_plan_add
from htms.protection.services.directory import OrganisationInput, organisation_save
from htms.protection.services.referrals import (
    ReferralInput,
    called_person,
    referral_move,
    referral_propose,
)
from htms.protection.services.reintegration import return_plan
from htms.protection.services.returns import ReturnInput, return_open, return_step
from htms.protection.services.stays import stay_admit, stay_discharge
from htms.reference.models import Country, Court, Unit
from htms.synthetic.demo import DEMO_PASSWORD
from htms.synthetic.second_factor import demo_second_factor

DEMO_PHONE = "000 0000000"  # never a real number
F, ANY = "F", "any"


@dataclass(frozen=True)
class DemoOrganisation:
    name: str
    kind: str
    services: tuple[str, ...]
    unit_code: str = ""
    accepts_sex: str = ANY
    max_age: int | None = None
    beds: int | None = None
    languages: str = "Urdu, Punjabi"
    caseworker: str = ""


ORGANISATIONS = (
    DemoOrganisation(
        "Dar-ul-Aman Lahore", "LocalGovernmentOrganisation",
        ("shelter", "counselling", "legal_aid", "medical"), "SHL-DUA-LHR", F, beds=40,
    ),
    DemoOrganisation(
        "Dar-ul-Aman Karachi", "LocalGovernmentOrganisation", ("shelter", "counselling"),
        "SHL-DUA-KHI", F, beds=30, languages="Urdu, Sindhi", caseworker="demo-caseworker-khi",
    ),
    DemoOrganisation(
        "Child Protection and Welfare Bureau, Lahore", "LocalGovernmentOrganisation",
        ("child_protection", "shelter", "counselling"), "SHL-CPWB-LHR", max_age=17, beds=60,
        caseworker="demo-caseworker-cpwb",
    ),
    DemoOrganisation(
        "Edhi Foundation", "NGO", ("shelter", "medical", "reintegration"), "NGO-EDHI",
        beds=100, caseworker="demo-caseworker-edhi",
    ),
    DemoOrganisation("AGHS Legal Aid Cell", "LegalService", ("legal_aid",), "NGO-AGHS"),
    DemoOrganisation(
        "International Organization for Migration (IOM) Pakistan", "NGO",
        ("repatriation", "reintegration", "vocational"), "NGO-IOM", languages="Urdu, English",
    ),
    DemoOrganisation("Services Hospital Lahore", "HealthServiceOrganisation", ("medical",)),
    DemoOrganisation(
        "Embassy of Bangladesh, Islamabad", "CentralGovernmentOrganisation", ("consular",),
        languages="Bengali, English",
    ),
)  # fmt: skip


def protection_demo_seeded() -> bool:
    return Organisation.objects.exists()


def _directory(admin: User) -> dict[str, Organisation]:
    orgs = {}
    for o in ORGANISATIONS:
        unit = Unit.objects.filter(code=o.unit_code).first() if o.unit_code else None
        data = OrganisationInput(
            name=o.name, kind=o.kind, services=list(o.services), unit_id=unit.pk if unit else None,
            accepts_sex=o.accepts_sex, max_age=o.max_age, beds=o.beds, languages=o.languages,
            phone=DEMO_PHONE, email="demo@example.org", hours="24 hours", demo_contacts=True,
            district_ids=[unit.district_id] if unit and unit.district_id else [],
        )  # fmt: skip
        orgs[o.name] = organisation_save(actor=admin, data=data)
    return orgs


def _caseworkers() -> None:
    for o in ORGANISATIONS:
        if o.caseworker and not User.objects.filter(username=o.caseworker).exists():
            user = user_create(
                actor=None, username=o.caseworker, password=DEMO_PASSWORD,
                unit_code=o.unit_code, role=Role.CASEWORKER, first_name="Demo",
                last_name=str(Role.CASEWORKER.label),
            )  # fmt: skip
            demo_second_factor(user)


def _lahore_victims(io: User, today: date) -> list[CaseParty]:
    """Female victims of the Lahore circle's cases, those with a hearing soon first."""
    parties = CaseParty.objects.filter(
        case__unit_id=io.unit_id or 0, role=PartyRole.VICTIM, person__sex=F
    ).select_related("person", "case")
    end = today + timedelta(days=14)
    held = Q(date__gte=today, date__lte=end)
    next_one = Q(next_date__gte=today, next_date__lte=end)
    soon = set(Hearing.objects.filter(held | next_one).values_list("case_id", flat=True))
    return sorted(parties, key=lambda p: (p.case.stage not in COURT_STAGES, p.case_id not in soon))


def _hearing_ahead(io: User, party: CaseParty, today: date) -> None:
    """A hearing in six days where the victim gives evidence, unless one is set already."""
    if party.case.stage not in COURT_STAGES:
        return
    court = Hearing.objects.filter(case_id=party.case_id).values_list("court_id", flat=True)
    court_id = court.first() or Court.objects.values_list("pk", flat=True).first()
    if court_id is None:
        return
    hearing_record(
        actor=io, case_id=party.case_id, court_id=court_id, date=today + timedelta(days=6),
        purpose="Evidence of the victim-witness",
    )  # fmt: skip


def _refer(actor: User, party: CaseParty, org: Organisation, **extra: object) -> Referral:
    values: dict[str, object] = {
        "source": "case", "case_id": party.case_id, "person_id": party.person_id,
        "organisation_id": org.pk, "service": "shelter",
        "consent_by": "guardian" if _is_minor(party) else "person",
        "shared_fields": ["name", "phones"],
        "reason": "Needs a safe place away from the agent's family", "send": True,
        "is_synthetic": True,
    } | extra  # fmt: skip
    return referral_propose(actor=actor, data=ReferralInput(**values))  # type: ignore[arg-type]


def _journey(io: User, caseworker: User, org: Organisation, victims: list[CaseParty]) -> int:
    """One victim admitted with a plan; one discharged to her family with follow-ups; one
    waiting for an answer for three days; one minor's referral not sent for 30 hours."""
    today = timezone.localdate()
    made = 0
    if victims:
        r = _refer(io, victims[0], org)
        referral_move(actor=caseworker, referral_id=r.pk, to_state="accepted")
        stay_admit(actor=caseworker, referral_id=r.pk, admitted_on=today - timedelta(days=12))
        _hearing_ahead(io, victims[0], today)
        plan = PlanInput(
            kind="counselling",
            objectives="Weekly counselling; prepare for court",
            planned_end=today + timedelta(days=48),
            actions="Accompany to hearings",
        )
        support_plan_add(actor=caseworker, referral_id=r.pk, data=plan)
        case_note_add(actor=caseworker, referral_id=r.pk, text="Settled in; afraid of the agent.")
        made += 1
    if len(victims) > 1:
        r = _refer(io, victims[1], org)
        referral_move(actor=caseworker, referral_id=r.pk, to_state="accepted")
        stay_admit(actor=caseworker, referral_id=r.pk, admitted_on=today - timedelta(days=70))
        stay_discharge(
            actor=caseworker, referral_id=r.pk, discharged_on=today - timedelta(days=5),
            destination="family",
        )  # fmt: skip
        for days in (10, 90):
            follow_up_add(actor=caseworker, referral_id=r.pk, due_on=today + timedelta(days=days))
        referral_move(actor=caseworker, referral_id=r.pk, to_state="completed")
        made += 1
    if len(victims) > 2:
        r = _refer(io, victims[2], org)
        Referral.objects.filter(pk=r.pk).update(sent_at=timezone.now() - timedelta(days=3))
        made += 1
    return made


def _is_minor(party: CaseParty) -> bool:
    age = party.person.youngest_age_on(timezone.localdate())
    return age is not None and age < 18


def _minor_overdue(io: User, org: Organisation, minors: list[CaseParty]) -> int:
    if not minors:
        return 0
    r = _refer(io, minors[0], org, send=False, consent_by="best_interest",
               consent_note="Decided by the in-charge: no guardian reachable")  # fmt: skip
    # Shown on the in-charge's home as a minor's referral not sent within 24 hours.
    Referral.objects.filter(pk=r.pk).update(
        minor=True, proposed_at=timezone.now() - timedelta(hours=30)
    )
    return 1


def _screened_victim(officer: User, entry: EntryInput, org: Organisation, reason: str) -> Referral:
    """A border event screened as a possible victim, referred to ``org`` with her consent."""
    event = border_event_record(actor=officer, entry=entry, is_synthetic=True)
    answers = {"recruited": True, "deceived": True, "documents_withheld": True, "servitude": True}
    screening_record(actor=officer, event_id=event.pk, data=ScreeningInput(answers))
    return referral_propose(actor=officer, data=ReferralInput(
        source="screening", event_id=event.pk, organisation_id=org.pk, service="shelter",
        consent_by="person", shared_fields=["name", "father_name"], send=True, is_synthetic=True,
        reason=reason,
    ))  # fmt: skip


def _country(code: str) -> int:
    return Country.objects.get(code=code).pk


def _returnee(caseworker: User, referral: Referral) -> None:
    """Back from Oman 100 days ago: her family traced, a plan, the 3-month follow-up overdue
    (the 6- and 12-month ones ahead)."""
    today = timezone.localdate()
    returned_on = today - timedelta(days=100)
    referral_move(actor=caseworker, referral_id=referral.pk, to_state="accepted")
    data = ReturnInput(kind="returnee", country_id=_country("OM"), returned_on=returned_on)
    record = return_open(actor=caseworker, referral_id=referral.pk, data=data)
    return_plan(
        actor=caseworker, return_id=record.pk,
        plan="Tailoring course in Karachi; help to open a bank account; family counselling.",
    )  # fmt: skip


def _foreign_victim(officer: User, caseworker: User, shelter: Organisation,
                    embassy: Organisation) -> int:  # fmt: skip
    """A Bangladeshi woman offloaded at Karachi airport with another woman's passport, screened
    as a victim, sheltered and on her way home: nationality confirmed by her embassy, travel
    document requested, IOM's assisted return accepted."""
    today = timezone.localdate()
    entry = EntryInput(
        person=PersonInput(
            full_name="Rokeya Begum", sex=F, birth_date=date(1999, 7, 2), nationality_code="BD"
        ),
        kind="offloaded", occurred_on=today - timedelta(days=25), destination_code="AE",
        fraud_kind="impostor", flight_or_vessel="EK 601",
    )  # fmt: skip
    referral = _screened_victim(
        officer, entry, shelter, "Brought from Dhaka for domestic work, then sent on to Dubai"
    )
    referral_move(actor=caseworker, referral_id=referral.pk, to_state="accepted")
    stay_admit(actor=caseworker, referral_id=referral.pk, admitted_on=today - timedelta(days=24))
    data = ReturnInput(kind="foreign", country_id=_country("BD"), embassy_id=embassy.pk)
    record = return_open(actor=caseworker, referral_id=referral.pk, data=data)
    steps = (
        ("nationality", "requested", 20), ("nationality", "confirmed", 9),
        ("document", "requested", 8), ("avr", "requested", 8), ("avr", "accepted", 2),
    )  # fmt: skip
    for step, state, days in steps:
        return_step(
            actor=caseworker, return_id=record.pk, step=step, state=state,
            on=today - timedelta(days=days), document_kind="emergency",
        )  # fmt: skip
    return 1


def _from_border(officer: User, org: Organisation) -> int:
    """Shazia, deported from Oman, screened at Karachi airport; a returnee with follow-ups."""
    entry = EntryInput(
        person=PersonInput(
            full_name="Shazia Parveen", sex=F, father_name="Abdul Ghafoor", relation="d/o",
            birth_date=date(1996, 3, 14), nationality_code="PK",
        ),
        kind="deported", occurred_on=timezone.localdate() - timedelta(days=100),
        deporting_country_code="OM", return_reason="labour_violation", flight_or_vessel="WY 323",
    )  # fmt: skip
    referral = _screened_victim(
        officer, entry, org, "Domestic servitude in Muscat; no safe place at home"
    )
    caseworker = User.objects.filter(username="demo-caseworker-khi").first()
    if caseworker is not None:
        _returnee(caseworker, referral)
    return 1


def _after_calls(org: Organisation) -> int:
    """The help line's call-taker refers the deportee of the help-line demo's call."""
    call_taker = User.objects.filter(username="demo-calltaker").first()
    # Callers' names are sealed at rest: compared once read, never in the database.
    calls = Call.objects.filter(category="victim_help").order_by("pk")
    call = next((c for c in calls if c.caller_name == "Zubair Ahmed"), None)
    if call_taker is None or call is None:
        return 0
    referral_propose(actor=call_taker, data=ReferralInput(
        source="helpline", call_id=call.pk, organisation_id=org.pk, service="legal_aid",
        consent_by="person", shared_fields=["name", "phones"], send=True, is_synthetic=True,
        called=called_person(full_name="Zubair Ahmed", sex="M", birth_year=1994),
        reason="Called the help line: deported from Oman, his passport kept by the employer",
    ))  # fmt: skip
    return 1


@transaction.atomic
def protection_demo_seed() -> int:
    """The directory, the caseworkers and the referrals, all or nothing. Needs the demo users
    (``seed_demo``) and, for the border referral, the intake demo (``seed_intake_demo``)."""
    admin = User.objects.get(username="demo-admin")
    orgs = _directory(admin)
    _caseworkers()
    io = User.objects.get(username="demo-io")
    caseworker = User.objects.get(username="demo-caseworker")
    everyone = _lahore_victims(io, timezone.localdate())
    victims = [v for v in everyone if not _is_minor(v)]
    lahore = orgs["Dar-ul-Aman Lahore"]
    minors = [v for v in everyone if _is_minor(v)]
    made = _journey(io, caseworker, lahore, victims) + _minor_overdue(io, lahore, minors)
    made += _after_calls(orgs["AGHS Legal Aid Cell"])
    officer = User.objects.filter(username="demo-imm-karachi").first()
    if officer is not None:
        made += _from_border(officer, orgs["Dar-ul-Aman Karachi"])
        made += _foreign_victim(
            officer, User.objects.get(username="demo-caseworker-khi"),
            orgs["Dar-ul-Aman Karachi"], orgs["Embassy of Bangladesh, Islamabad"],
        )  # fmt: skip
    return made
