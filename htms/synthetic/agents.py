"""Demo dossiers for the agents register: graded facts about a few suspects of the Lahore
circle's cases, one red-book nomination waiting for headquarters and one approved. Every value
is invented and marked synthetic."""

import random
from datetime import date, timedelta

from htms.accounts.models import User
from htms.cases.models import CaseParty, PartyRole
from htms.intelligence.inputs import FactInput, NominationInput
from htms.intelligence.red_book import red_book_decide, red_book_entry_create
from htms.intelligence.services import fact_create
from htms.persons.access import suspect_condition
from htms.persons.models import Person

DOSSIERS = 4
FACTS = (
    ("alias", "Billa", "A", "2"),
    ("network_role", "Recruiter for Gulf visas", "B", "2"),
    ("modus_operandi", "Promises factory work abroad, takes passports at the airport", "B", "3"),
    ("phone", "0301 5550123", "C", "3"),
    ("account", "JazzCash wallet ending 4412", "B", "2"),
    ("hawala", "Exchange shop near Gujrat bus stand", "D", "4"),
    ("vehicle", "White Corolla LEB-2131", "C", "3"),
    ("organisation", "Green Line Overseas Employment", "C", "3"),
    ("licence", "OEP-SYN-0417", "B", "2"),
    ("area", "Gujranwala", "B", "2"),
    ("status", "active", "B", "2"),
)


def _suspect_parties(unit_id: int) -> list[CaseParty]:
    suspects = Person.objects.filter(suspect_condition())
    parties = CaseParty.objects.filter(
        role=PartyRole.ACCUSED, case__unit_id=unit_id, person__in=suspects
    ).select_related("case", "person")
    chosen: dict[int, CaseParty] = {}
    for party in parties.order_by("id"):
        chosen.setdefault(party.person_id, party)
    return list(chosen.values())[:DOSSIERS]


def _facts(io: User, party: CaseParty, rng: random.Random) -> None:
    for kind, value, reliability, credibility in rng.sample(FACTS, k=4):
        data = FactInput(
            kind=kind,
            value=value,
            source_kind="case",
            source_reference=party.case.reference,
            reliability=reliability,
            credibility=credibility,
            handling_code=rng.choice(["H1", "H2", "H3"]),
        )
        fact_create(actor=io, person=party.person, data=data, synthetic=True)


def demo_agents_seed(*, io: User, incharge: User, monitoring: User, today: date, seed: int) -> int:
    """Graded facts for a few suspects of ``io``'s unit; the in-charge nominates two of them for
    the red book and the monitoring cell approves one. Returns the number of dossiers."""
    assert io.unit_id is not None
    rng = random.Random(seed)
    parties = _suspect_parties(io.unit_id)
    for party in parties:
        _facts(io, party, rng)
    for number, party in enumerate(parties[:2]):
        nomination = NominationInput(
            reasons="Recruits young men for jobs abroad that do not exist (synthetic)",
            last_known_location="Near the general bus stand, Gujranwala",
            reward_pkr=250000 * (number + 1),
        )
        entry = red_book_entry_create(
            actor=incharge,
            person=party.person,
            data=nomination,
            expires_on=today + timedelta(days=180),
        )
        if number == 0:
            red_book_decide(actor=monitoring, entry_id=entry.pk, expected_version=1, approve=True)
    return len(parties)
