"""The deterministic synthetic case generator.

Pure functions of ``seed``, ``today`` and the reference :class:`Catalogue`: one
``random.Random(seed)`` stream, no global random state, no clock, no database. The same
arguments give the same records on every run and every machine.

About 45 % of cases are trafficking (TIP), 45 % smuggling of migrants (SOM) and 10 % both, when
smuggled migrants were exploited on the way. Agents recur: an accused is often drawn again from
the pool of agents known to the same circle, and now and then another circle enters the same
agent again under another spelling (``SynPerson.same_as`` keeps the truth).
"""

import random
from collections.abc import Iterator
from datetime import date, timedelta

from htms.synthetic import plans
from htms.synthetic.cast import Cast
from htms.synthetic.people import PeopleMaker
from htms.synthetic.records import Catalogue, SynCase, SyntheticData, UnitInfo
from htms.synthetic.routes import (
    Journey,
    journey_legs,
    som_journey,
    som_to_tip_journey,
    tip_journey,
)
from htms.synthetic.stories import (
    SMUGGLED,
    SMUGGLED_EXPLOITED,
    TIP_PATTERNS,
    Story,
    pick_statutes,
    summary,
)

BATCH_SIZE = 5000
KIND_WEIGHTS = {"TIP": 45, "SOM": 45, "BOTH": 10}
SOM_ORIGINS = {
    "land": {
        "interception": 40,
        "deportee_interview": 30,
        "complaint": 15,
        "intelligence": 10,
        "police_referral": 5,
    },
    "air": {
        "offloadee_interview": 30,
        "deportee_interview": 30,
        "interception": 10,
        "complaint": 15,
        "intelligence": 10,
        "police_referral": 5,
    },
}
TIP_ORIGINS = {
    "complaint": 35,
    "helpline": 15,
    "police_referral": 20,
    "ngo_referral": 15,
    "intelligence": 5,
    "suo_motu": 5,
    "deportee_interview": 5,
}


def generate(
    *, cases: int, seed: int, today: date, catalogue: Catalogue, extra_persons: int = 0
) -> SyntheticData:
    """``cases`` synthetic cases and ``extra_persons`` register entries in no case."""
    data = SyntheticData()
    for batch in iter_batches(
        cases=cases, seed=seed, today=today, catalogue=catalogue, extra_persons=extra_persons
    ):
        data.cases.extend(batch.cases)
        data.persons.extend(batch.persons)
    return data


def iter_batches(
    *,
    cases: int,
    seed: int,
    today: date,
    catalogue: Catalogue,
    extra_persons: int = 0,
    batch_size: int = BATCH_SIZE,
) -> Iterator[SyntheticData]:
    """The same records as :func:`generate`, a batch at a time: each batch holds the persons
    first entered in it; a case may also name persons of earlier batches."""
    gen = Generator(seed=seed, today=today, catalogue=catalogue)
    for start in range(0, cases, batch_size):
        yield gen.cases(range(start, min(cases, start + batch_size)))
    for start in range(0, extra_persons, batch_size):
        yield gen.extra_persons(min(batch_size, extra_persons - start))


class Generator:
    def __init__(self, *, seed: int, today: date, catalogue: Catalogue) -> None:
        if not catalogue.units:
            raise ValueError("The catalogue names no unit to register cases in.")
        self.rng = random.Random(seed)
        self.seed = seed
        self.today = today
        self.catalogue = catalogue
        self.cast = Cast(self.rng, catalogue, PeopleMaker(self.rng, catalogue))
        self.fir_numbers: dict[tuple[str, int], int] = {}
        # FIR numbers carry the seed so that data sets of different seeds never collide.
        self.fir_prefix = f"S{seed}-"
        sources = {d.code for d in catalogue.districts if d.is_known_source}
        self.unit_weights = [
            catalogue.unit_weights.get(u.code, 1.0)
            * (3 if u.district_code in sources else 2 if u.province_code == "BA" else 1)
            for u in catalogue.units
        ]
        for crime_type in ("TIP", "SOM"):
            if not catalogue.statutes.get(crime_type):
                raise ValueError(f"The catalogue has no {crime_type} section in force.")

    def cases(self, keys: range) -> SyntheticData:
        out = SyntheticData(cases=[self.case(k) for k in keys])
        out.persons = self.cast.take_new_persons()
        return out

    def extra_persons(self, count: int) -> SyntheticData:
        people = [self.cast.loose_person(self.today) for _ in range(count)]
        self.cast.take_new_persons()
        return SyntheticData(persons=people)

    def case(self, key: int) -> SynCase:
        rng = self.rng
        unit = rng.choices(self.catalogue.units, weights=self.unit_weights)[0]
        kind = rng.choices(list(KIND_WEIGHTS), weights=list(KIND_WEIGHTS.values()))[0]
        plan = plans.plan_stages(rng)
        anchor = (
            plans.plan_fir_date(rng, plan, self.today)
            if plan.starts_with_fir
            else self.today - timedelta(days=rng.randint(0, 200))
        )
        case, story = self._story(key, unit, kind, anchor)
        self.cast.fill(case, unit, story)
        case.statute_codes = pick_statutes(rng, self.catalogue, case, story)
        case.summary = summary(rng, case, story)
        if plan.starts_with_fir:
            self._fir(case, unit, anchor)
        self._lifecycle(case, unit, plan)
        return case

    def _story(self, key: int, unit: UnitInfo, kind: str, anchor: date) -> tuple[SynCase, Story]:
        """Where the people went and when; the offence began ``length`` days before the
        journey ended, and the journey ended up to a month before the FIR."""
        rng = self.rng
        story = self._journey(unit, kind)
        origin = self._origin(kind, story.journey)
        end = anchor - timedelta(days=rng.randint(0, 30))
        length = rng.randint(5, 90) if kind == "SOM" else rng.randint(20, 700)
        start = end - timedelta(days=length)
        legs = journey_legs(
            catalogue=self.catalogue,
            journey=story.journey,
            home=story.home.code,
            start=start,
            end=end,
            intercept_at=self._intercept_at(origin, story.journey),
        )
        case = SynCase(
            key=key,
            unit_code=unit.code,
            kind=kind,
            origin=origin,
            statute_codes=(),
            parties=[],
            route=legs,
            summary="",
            police_station=unit.name[:120],
            occurred_on=start,
        )
        return case, story

    def _journey(self, unit: UnitInfo, kind: str) -> Story:
        rng = self.rng
        home = self.cast.home_district(unit, victim=True)
        if kind == "SOM":
            return Story(SMUGGLED, som_journey(rng), home)
        if kind == "BOTH":
            return Story(SMUGGLED_EXPLOITED, som_to_tip_journey(rng), home)
        pattern = rng.choices(list(TIP_PATTERNS), weights=list(TIP_PATTERNS.values()))[0]
        return Story(pattern, tip_journey(rng, pattern), home)

    def _origin(self, kind: str, journey: Journey) -> str:
        if kind == "TIP" and journey.name != "air":
            table = TIP_ORIGINS
        elif kind == "TIP":
            table = {**TIP_ORIGINS, "interception": 15, "offloadee_interview": 5}
        else:
            table = SOM_ORIGINS["air" if journey.name in ("air", "libya") else "land"]
        return self.rng.choices(list(table), weights=list(table.values()))[0]

    def _intercept_at(self, origin: str, journey: Journey) -> int | None:
        stops = journey.stops
        if origin == "offloadee_interview":
            return 0
        abroad = [i for i, s in enumerate(stops) if s.country != "PK"]
        if origin == "deportee_interview" and abroad:
            return self.rng.choice(abroad)
        if origin == "interception":
            return self.rng.randrange(len(stops))
        return None

    def _fir(self, case: SynCase, unit: UnitInfo, fir_date: date) -> None:
        counter = (unit.code, fir_date.year)
        self.fir_numbers[counter] = self.fir_numbers.get(counter, 0) + 1
        case.fir_number = f"{self.fir_prefix}{self.fir_numbers[counter]}/{fir_date.year}"
        case.fir_date = fir_date
        if self.rng.random() < 0.4:
            case.enquiry_number = f"ENQ-{self.rng.randint(1, 999)}/{fir_date.year}"

    def _lifecycle(self, case: SynCase, unit: UnitInfo, plan: plans.Plan) -> None:
        rng = self.rng
        if not plan.starts_with_fir:
            case.enquiry_number = f"ENQ-{rng.randint(1, 999)}/{case.occurred_on.year}"
        case.stage_path, case.closure_reason = plan.path, plan.closure_reason
        case.pending_stage = plan.pending
        accused = [p for p in case.parties if p.role == "accused"]
        plans.plan_statuses(rng, accused, plan, som=case.kind != "TIP")
        if not {plans.INTERIM, plans.FINAL, plans.TRIAL} & set(plan.path):
            return
        case.court_code = self.cast.court_for(unit)
        if plan.judged:
            assert case.fir_date is not None
            case.judgment_date = plans.plan_judgment_date(rng, case.fir_date, self.today, plan)
        self._court_days(case, plan)
        if plan.final == plans.APPEAL and case.judgment_date is not None:
            self._appeal(case, unit, case.judgment_date)

    def _court_days(self, case: SynCase, plan: plans.Plan) -> None:
        rng = self.rng
        assert case.fir_date is not None
        witnesses = tuple(
            i for i, p in enumerate(case.parties) if p.role in ("witness", "victim", "complainant")
        )
        this_week = rng.random() < (0.4 if plan.final == plans.TRIAL else 0.15)
        case.hearings = plans.plan_hearings(
            rng,
            fir_date=case.fir_date,
            today=self.today,
            plan=plan,
            judgment_date=case.judgment_date,
            this_week=this_week,
            witnesses=witnesses,
        )
        if plan.judged:
            case.verdicts = plans.plan_verdicts(rng, case.parties, case.statute_codes)

    def _appeal(self, case: SynCase, unit: UnitInfo, judgment_date: date) -> None:
        # Its own random stream, so that appeals leave the rest of the generated data as it was.
        rng = random.Random(f"{self.seed}-appeal-{case.key}")
        day, verdicts = plans.plan_appeal(rng, case.verdicts, judgment_date, self.today)
        if day is not None:
            case.appeal_court_code = plans.HIGH_COURTS.get(
                unit.province_code, plans.FEDERAL_HIGH_COURT
            )
            case.appeal_date, case.appeal_verdicts = day, verdicts
