"""The people of a synthetic case: victims or migrants, accused agents, witnesses, complainants.

Victims and migrants come mostly from the known source districts; agents mostly from the
circle's own province. Each circle keeps a pool of the agents it has met, and draws on it for
new cases, as real networks turn up again and again.
"""

import random
from datetime import date

from htms.synthetic.people import PeopleMaker
from htms.synthetic.records import Catalogue, DistrictInfo, SynCase, SynParty, SynPerson, UnitInfo
from htms.synthetic.stories import (
    EXPLOITED_PROFILE,
    PATTERNS,
    SMUGGLED_PROFILE,
    Pattern,
    Story,
)

TIP_ROLES = {
    "recruiter": 30,
    "sub_agent": 20,
    "main_agent": 8,
    "transporter": 10,
    "safe_house_keeper": 10,
    "facilitator": 15,
    "licensed_oep": 4,
    "corrupt_official": 3,
}
SOM_ROLES = {
    "sub_agent": 30,
    "main_agent": 10,
    "recruiter": 10,
    "transporter": 15,
    "hawala_operator": 10,
    "document_forger": 10,
    "facilitator": 12,
    "boat_owner": 5,
    "licensed_oep": 3,
    "corrupt_official": 3,
}
FOREIGN_MIGRANTS = {"AF": 4, "BD": 2, "IN": 1}
POOL_LIMIT = 400
REUSE_AGENT = 0.3
RE_ENTERED_AGENT = 0.03
SHARED_AGENT = 0.04
REPEAT_MIGRANT = 0.04


class Cast:
    def __init__(self, rng: random.Random, catalogue: Catalogue, people: PeopleMaker) -> None:
        self.rng, self.catalogue, self.people = rng, catalogue, people
        self.next_key = 0
        self.new: list[SynPerson] = []
        self.agents: dict[str, list[tuple[SynPerson, str]]] = {}  # unit -> (agent, role)
        self.migrants: dict[str, list[SynPerson]] = {}
        self._weights: dict[tuple[str, bool], list[float]] = {}
        self._courts: dict[str, tuple[str, ...]] = {}
        self.in_case: dict[int, SynPerson] = {}
        self._loose_weights = [8 if d.is_known_source else 1 for d in catalogue.districts]
        self._roles = {
            kind: {r: w for r, w in table.items() if catalogue.has_term("network_role", r)}
            for kind, table in (("TIP", TIP_ROLES), ("SOM", SOM_ROLES))
        }

    def take_new_persons(self) -> list[SynPerson]:
        new, self.new = self.new, []
        return new

    def _key(self) -> int:
        self.next_key += 1
        return self.next_key - 1

    def home_district(self, unit: UnitInfo, *, victim: bool) -> DistrictInfo:
        """Victims from source districts; everyone else from near the circle."""
        weights = self._weights.get((unit.code, victim))
        if weights is None:
            weights = [self._weight(d, unit, victim) for d in self.catalogue.districts]
            self._weights[(unit.code, victim)] = weights
        return self.rng.choices(self.catalogue.districts, weights=weights)[0]

    @staticmethod
    def _weight(d: DistrictInfo, unit: UnitInfo, victim: bool) -> float:
        near = 3.0 if d.province_code == unit.province_code else 0.0
        if victim:
            return (8.0 if d.is_known_source else 0.3) + near
        here = 10.0 if d.code == unit.district_code else 0.0
        return here + near + (2.0 if d.is_known_source else 0.2)

    def fill(self, case: SynCase, unit: UnitInfo, story: Story) -> None:
        self.in_case = {}
        if case.kind != "TIP":
            self._migrants(case, unit, story)
        if case.kind == "BOTH":
            self._victims(case, unit, story, EXPLOITED_PROFILE)
        if case.kind == "TIP":
            self._victims(case, unit, story, PATTERNS[story.pattern])
        self._accused(case, unit)
        self._others(case, unit)

    def _count(self, profile: Pattern) -> int:
        values = [n for n, _weight in profile.counts]
        return self.rng.choices(values, weights=[w for _n, w in profile.counts])[0]

    def _home(self, unit: UnitInfo, story: Story) -> DistrictInfo:
        return story.home if self.rng.random() < 0.7 else self.home_district(unit, victim=True)

    def _migrants(self, case: SynCase, unit: UnitInfo, story: Story) -> None:
        rng, pool = self.rng, self.migrants.setdefault(unit.code, [])
        air = story.journey.name in ("air", "libya")
        count = self._count(SMUGGLED_PROFILE) if case.kind == "SOM" else rng.randint(1, 4)
        for _ in range(count):
            person = rng.choice(pool) if pool and rng.random() < REPEAT_MIGRANT else None
            if person is None or person.key in self.in_case:
                person = self._new_migrant(case, unit, story, air)
                if person.cnic and len(pool) < POOL_LIMIT:
                    pool.append(person)
            status = rng.choices(("", "not_victim", "possible"), weights=(80, 15, 5))[0]
            self._add(case, person, SynParty(person.key, "migrant", trafficking_status=status))

    def _new_migrant(self, case: SynCase, unit: UnitInfo, story: Story, air: bool) -> SynPerson:
        rng = self.rng
        roll = rng.random()
        age = (
            rng.randint(15, 17)
            if roll < 0.04
            else rng.randint(51, 62)
            if roll < 0.09
            else int(rng.triangular(18, 50, 26))
        )
        foreign = [c for c in FOREIGN_MIGRANTS if c in self.catalogue.countries]
        nationality = "PK"
        if foreign and rng.random() < 0.07:
            nationality = rng.choices(foreign, weights=[FOREIGN_MIGRANTS[c] for c in foreign])[0]
        passport = air or rng.random() < 0.4
        return self._new(
            sex="F" if rng.random() < SMUGGLED_PROFILE.female else "M",
            age=age,
            on=case.occurred_on,
            district=self._home(unit, story),
            nationality=nationality,
            passport=passport,
        )

    def _victims(self, case: SynCase, unit: UnitInfo, story: Story, profile: Pattern) -> None:
        rng = self.rng
        for _ in range(self._count(profile)):
            age = rng.randint(*profile.ages)
            person = self._new(
                sex="F" if rng.random() < profile.female else "M",
                age=age,
                on=case.occurred_on,
                district=self._home(unit, story),
                passport=story.journey.name != "internal" and age >= 18,
            )
            self._add(case, person, self._victim_party(person, profile))

    def _victim_party(self, person: SynPerson, profile: Pattern) -> SynParty:
        """Most victims are screened as possible victims; a third are found to be victims."""
        rng = self.rng
        status = rng.choices(("possible", "actual", "not_victim", ""), weights=(55, 35, 5, 5))[0]
        decided_by = ("police", "ngo", "court", "government")
        decided = rng.choices(decided_by, weights=(70, 10, 10, 10))[0] if status else ""
        return SynParty(
            person.key,
            "victim",
            trafficking_status=status,
            status_decided_by=decided,
            exploitation_type_codes=self._terms("exploitation_type", profile.exploitation, 2),
            means_of_control_codes=self._terms("means_of_control", profile.means, 3),
        )

    def _terms(self, vocabulary: str, codes: tuple[str, ...], most: int) -> tuple[str, ...]:
        known = [c for c in codes if self.catalogue.has_term(vocabulary, c)]
        if not known:
            return ()
        return tuple(sorted(self.rng.sample(known, self.rng.randint(1, min(most, len(known))))))

    def _accused(self, case: SynCase, unit: UnitInfo) -> None:
        rng = self.rng
        roles = self._roles["TIP" if case.kind == "TIP" else "SOM"]
        for _ in range(rng.choices((1, 2, 3), weights=(45, 35, 20))[0]):
            person, role = self._agent(case, unit, roles)
            self._add(case, person, SynParty(person.key, "accused", network_role_code=role))

    def _agent(self, case: SynCase, unit: UnitInfo, roles: dict[str, int]) -> tuple[SynPerson, str]:
        """An agent met before, or a new one the circle adds to its pool."""
        known = self._known_agent(unit)
        if known is not None:
            return known
        rng = self.rng
        role = rng.choices(list(roles), weights=list(roles.values()))[0] if roles else ""
        agent = self._new(
            sex="M" if rng.random() < 0.9 else "F",
            age=rng.randint(24, 62),
            on=case.occurred_on,
            district=self.home_district(unit, victim=False),
            passport=rng.random() < 0.4,
            keep_spelling=True,
            alias_chance=0.3,
        )
        self._pool_agent(self.agents.setdefault(unit.code, []), agent, role)
        return agent, role

    def _known_agent(self, unit: UnitInfo) -> tuple[SynPerson, str] | None:
        """One this circle met before; one another circle met, found in the national register
        of suspects; or one another circle met, entered again under another spelling."""
        rng, pool = self.rng, self.agents.get(unit.code, [])
        if pool and rng.random() < REUSE_AGENT:
            person, role = rng.choice(pool)
            return (person, role) if person.key not in self.in_case else None
        others = [u for u in sorted(self.agents) if u != unit.code and self.agents[u]]
        roll = rng.random()
        if not others or roll >= SHARED_AGENT + RE_ENTERED_AGENT:
            return None
        original, role = rng.choice(self.agents[rng.choice(others)])
        if original.key in self.in_case:
            return None
        if roll < SHARED_AGENT:
            return original, role
        copy = self.people.respelled(original, key=self._key(), keep_cnic=rng.random() < 0.5)
        self.new.append(copy)
        return copy, role

    def _pool_agent(self, pool: list[tuple[SynPerson, str]], agent: SynPerson, role: str) -> None:
        if len(pool) < POOL_LIMIT:
            pool.append((agent, role))
            return
        i = self.rng.randrange(POOL_LIMIT)
        self.people.spelled.pop(pool[i][0].key, None)
        pool[i] = (agent, role)

    def _others(self, case: SynCase, unit: UnitInfo) -> None:
        rng = self.rng
        chance = {"complaint": 1.0, "helpline": 0.5}.get(case.origin, 0.1)
        if rng.random() < chance:
            self._complainant(case, unit)
        for _ in range(rng.choices((0, 1, 2), weights=(65, 25, 10))[0]):
            witness = self._new(
                sex="M" if rng.random() < 0.75 else "F",
                age=rng.randint(20, 65),
                on=case.occurred_on,
                district=self.home_district(unit, victim=False),
            )
            self._add(case, witness, SynParty(witness.key, "witness"))

    def _complainant(self, case: SynCase, unit: UnitInfo) -> None:
        """Usually the victim's or migrant's father, whose name the victim's record carries."""
        first = self._first_person(case)
        district = self.home_district(unit, victim=True)
        person = self._new(
            sex="M", age=self.rng.randint(38, 70), on=case.occurred_on, district=district
        )
        if first is not None and first.relation in ("s/o", "d/o") and first.father_name:
            person.full_name, person.full_name_ur = first.father_name, first.father_name_ur
        self._add(case, person, SynParty(person.key, "complainant"))

    def _first_person(self, case: SynCase) -> SynPerson | None:
        keys = [p.person_key for p in case.parties if p.role in ("victim", "migrant")]
        return self.in_case[keys[0]] if keys else None

    def _new(
        self,
        *,
        sex: str,
        age: int,
        on: date,
        district: DistrictInfo,
        nationality: str = "PK",
        passport: bool = False,
        keep_spelling: bool = False,
        alias_chance: float = 0.0,
    ) -> SynPerson:
        person = self.people.person(
            key=self._key(),
            sex=sex,
            age=age,
            on=on,
            district=district,
            nationality=nationality,
            passport=passport,
            keep_spelling=keep_spelling,
            alias_chance=alias_chance,
        )
        self.new.append(person)
        return person

    def _add(self, case: SynCase, person: SynPerson, party: SynParty) -> None:
        self.in_case[person.key] = person
        case.parties.append(party)

    def court_for(self, unit: UnitInfo) -> str:
        """A court in the circle's district, else in its province, else anywhere."""
        if unit.code not in self._courts:
            courts = self.catalogue.courts
            province = {d.code: d.province_code for d in self.catalogue.districts}
            here = [
                c.code
                for c in courts
                if unit.district_code and c.district_code == unit.district_code
            ]
            near = [c.code for c in courts if province.get(c.district_code) == unit.province_code]
            self._courts[unit.code] = tuple(here or near or [c.code for c in courts])
        choices = self._courts[unit.code]
        return self.rng.choice(choices) if choices else ""

    def loose_person(self, today: date) -> SynPerson:
        """A register entry in no case: someone recorded at an exit point or a help line."""
        rng = self.rng
        district = rng.choices(self.catalogue.districts, weights=self._loose_weights)[0]
        return self._new(
            sex="M" if rng.random() < 0.8 else "F",
            age=rng.randint(18, 60),
            on=today,
            district=district,
            passport=rng.random() < 0.5,
        )
