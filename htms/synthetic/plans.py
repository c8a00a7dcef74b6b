"""The life a synthetic case goes through: its stages, arrests, hearings and verdicts.

Stages are spread as in a real ledger: many cases sit at FIR or under investigation, fewer reach
trial, fewer still a judgment. The FIR is old enough for the stage the case has reached.
"""

import random
from dataclasses import dataclass
from datetime import date, timedelta

from htms.synthetic.records import SynHearing, SynParty, SynVerdict

ENQUIRY, FIR, INVESTIGATION = "enquiry", "fir", "investigation"
INTERIM, FINAL, TRIAL = "interim_challan", "final_challan", "trial"
JUDGMENT, APPEAL, CLOSED = "judgment", "appeal", "closed"
STAGE_WEIGHTS = {
    ENQUIRY: 8,
    FIR: 18,
    INVESTIGATION: 27,
    INTERIM: 10,
    FINAL: 5,
    TRIAL: 14,
    JUDGMENT: 7,
    APPEAL: 2,
    CLOSED: 9,
}
# The youngest an FIR can be, in days, for a case to have reached each stage.
MIN_FIR_AGE = {
    FIR: 0,
    INVESTIGATION: 3,
    INTERIM: 15,
    FINAL: 45,
    TRIAL: 100,
    JUDGMENT: 250,
    APPEAL: 300,
    CLOSED: 30,
}
FIR_WINDOW_DAYS = 3 * 365 - 1
CHALLAN_READY = frozenset({"arrested", "on_bail", "proclaimed"})
NOT_ON_TRIAL = frozenset({"at_large", "proclaimed", "custody_abroad"})
PURPOSES = (
    "Framing of charge",
    "Prosecution evidence",
    "Evidence of the complainant",
    "Cross-examination of the investigating officer",
    "Bail application",
    "Statement of the accused under section 342 CrPC",
    "Final arguments",
)
OUTCOMES = (
    "Adjourned: prosecution witnesses absent",
    "Adjourned: investigating officer absent",
    "Charge framed",
    "Evidence of one prosecution witness recorded",
    "Adjourned: defence counsel not available",
    "Bail granted",
    "Bail dismissed",
    "Adjourned: victim did not appear, summons reissued",
)


@dataclass(frozen=True, slots=True)
class Plan:
    starts_with_fir: bool
    path: tuple[str, ...]
    closure_reason: str = ""
    pending: str = ""

    @property
    def final(self) -> str:
        return self.path[-1] if self.path else (FIR if self.starts_with_fir else ENQUIRY)

    @property
    def needs_challan_accused(self) -> bool:
        return bool({INTERIM, FINAL} & {*self.path, self.pending})

    @property
    def judged(self) -> bool:
        return JUDGMENT in self.path


def plan_stages(rng: random.Random) -> Plan:
    final = rng.choices(list(STAGE_WEIGHTS), weights=list(STAGE_WEIGHTS.values()))[0]
    if final == ENQUIRY:
        return Plan(False, ())
    if final == CLOSED:
        return _closure_plan(rng)
    challan = (INVESTIGATION, INTERIM, FINAL) if rng.random() < 0.6 else (INVESTIGATION, FINAL)
    paths = {
        FIR: (),
        INVESTIGATION: (INVESTIGATION,),
        INTERIM: (INVESTIGATION, INTERIM),
        FINAL: challan,
        TRIAL: (*challan, TRIAL),
        JUDGMENT: (*challan, TRIAL, JUDGMENT),
        APPEAL: (*challan, TRIAL, JUDGMENT, APPEAL),
    }
    return Plan(True, paths[final], pending=_pending(rng, final))


def _closure_plan(rng: random.Random) -> Plan:
    roll = rng.random()
    if roll < 0.1:
        return Plan(False, (CLOSED,), rng.choice(("no_offence", "untraced")))
    if roll < 0.65:
        reason = rng.choices(
            ("untraced", "no_offence", "compromised", "transferred"), weights=(4, 3, 2, 1)
        )[0]
        return Plan(True, (INVESTIGATION, CLOSED), reason)
    return Plan(True, (INVESTIGATION, FINAL, TRIAL, JUDGMENT, CLOSED), "disposed")


def _pending(rng: random.Random, final: str) -> str:
    roll = rng.random()
    if final == INVESTIGATION and roll < 0.2:
        return INTERIM if roll < 0.16 else FINAL
    if final == INTERIM and roll < 0.25:
        return FINAL
    return ""


def plan_fir_date(rng: random.Random, plan: Plan, today: date) -> date:
    """An FIR date in the last three years, skewed to recent, old enough for the stage."""
    stage = plan.final if plan.starts_with_fir else FIR
    youngest = MIN_FIR_AGE.get(stage, 0)
    if plan.closure_reason == "disposed":
        youngest = MIN_FIR_AGE[JUDGMENT]
    age = youngest + int((FIR_WINDOW_DAYS - youngest) * rng.random() ** 1.4)
    return today - timedelta(days=age)


def plan_statuses(rng: random.Random, accused: list[SynParty], plan: Plan, som: bool) -> None:
    """Statuses at registration and, for cases under investigation, the one recorded later.
    A challan needs someone arrested, on bail or proclaimed; a trial someone in court."""
    for party in accused:
        party.accused_status = rng.choices(
            ("at_large", "arrested", "on_bail", "proclaimed", "custody_abroad"),
            weights=(50, 35, 5, 5, 5 if som else 0),
        )[0]
        if INVESTIGATION in plan.path:
            party.later_status = _later(rng, party.accused_status)
    finals = {p.final_status for p in accused}
    if plan.judged and not finals - NOT_ON_TRIAL:
        accused[0].later_status = rng.choice(("arrested", "on_bail"))
    elif plan.needs_challan_accused and not finals & CHALLAN_READY:
        accused[0].later_status = "arrested"


def _later(rng: random.Random, status: str) -> str:
    roll = rng.random()
    if status == "at_large":
        return "arrested" if roll < 0.35 else "proclaimed" if roll < 0.5 else ""
    if status == "arrested" and roll < 0.3:
        return "on_bail"
    return ""


def plan_judgment_date(rng: random.Random, fir_date: date, today: date, plan: Plan) -> date:
    earliest = fir_date + timedelta(days=200)
    latest = today - timedelta(days=30 if plan.final in (APPEAL, CLOSED) else 1)
    span = max((latest - earliest).days, 0)
    return earliest + timedelta(days=rng.randint(0, span))


def plan_hearings(
    rng: random.Random,
    *,
    fir_date: date,
    today: date,
    plan: Plan,
    judgment_date: date | None,
    this_week: bool,
    witnesses: tuple[int, ...],
) -> tuple[SynHearing, ...]:
    """Hearings from the challan on; the last one may fall in the current week."""
    counts = {INTERIM: (0, 2), FINAL: (1, 3), TRIAL: (2, 9)}
    low, high = (4, 12) if plan.judged else counts.get(plan.final, (0, 0))
    start = fir_date + timedelta(days=rng.randint(20, 60))
    stop = (judgment_date - timedelta(days=1)) if judgment_date else today
    span = (stop - start).days
    if span < 1 or high == 0:
        return ()
    days = sorted(set(rng.sample(range(span + 1), min(rng.randint(low, high), span + 1))))
    dates = [start + timedelta(days=d) for d in days]
    if this_week and judgment_date is None:
        week_start = today - timedelta(days=today.weekday())
        dates = [d for d in dates if d < week_start]
        dates.append(week_start + timedelta(days=rng.randint(0, 5)))
    return _chain(rng, dates, today=today, judgment_date=judgment_date, witnesses=witnesses)


def _chain(
    rng: random.Random,
    dates: list[date],
    *,
    today: date,
    judgment_date: date | None,
    witnesses: tuple[int, ...],
) -> tuple[SynHearing, ...]:
    hearings = []
    for i, day in enumerate(dates):
        upcoming = day > today
        if i + 1 < len(dates):
            next_date: date | None = dates[i + 1]
        elif upcoming:
            next_date = None
        else:
            next_date = judgment_date or today + timedelta(days=rng.randint(1, 45))
        due = tuple(w for w in witnesses if rng.random() < 0.5)
        hearings.append(
            SynHearing(
                day, rng.choice(PURPOSES), "" if upcoming else rng.choice(OUTCOMES), next_date, due
            )
        )
    return tuple(hearings)


def plan_verdicts(
    rng: random.Random, parties: list[SynParty], statutes: tuple[str, ...]
) -> tuple[SynVerdict, ...]:
    """One verdict per accused in court per offence; about a third are convicted."""
    verdicts = []
    for i, party in enumerate(parties):
        if party.role != "accused" or party.final_status in NOT_ON_TRIAL:
            continue
        roll = rng.random()
        for j, code in enumerate(statutes):
            convicted = roll < 0.35 and (j == 0 or rng.random() < 0.5)
            if convicted:
                fine = rng.randrange(50_000, 2_000_001, 10_000) if rng.random() < 0.7 else None
                verdicts.append(SynVerdict(i, code, "convicted", rng.randint(6, 120), fine))
            else:
                verdicts.append(SynVerdict(i, code, "discharged" if roll > 0.9 else "acquitted"))
    return tuple(verdicts)


# The High Court that hears appeals from the trial courts of each province (principal seats).
HIGH_COURTS = {
    "PB": "CRT-HC-LHR",
    "SD": "CRT-HC-SHC",
    "KP": "CRT-HC-PHC",
    "BA": "CRT-HC-BHC",
}
FEDERAL_HIGH_COURT = "CRT-HC-IHC"


def plan_appeal(
    rng: random.Random, verdicts: tuple[SynVerdict, ...], judgment_date: date, today: date
) -> tuple[date | None, tuple[SynVerdict, ...]]:
    """The first appeal of the convicted: about half upheld, three in ten acquitted on appeal,
    the rest with the sentence reduced. None when nobody was convicted or no day is left."""
    convicted = [v for v in verdicts if v.outcome == "convicted"]
    span = (today - judgment_date).days - 1
    if not convicted or span < 1:
        return None, ()
    day = judgment_date + timedelta(days=rng.randint(1, span))
    decided = []
    for v in convicted:
        roll = rng.random()
        if roll < 0.5:
            decided.append(
                SynVerdict(v.party_index, v.statute_code, "upheld", v.sentence_months, v.fine)
            )
        elif roll < 0.8:
            decided.append(SynVerdict(v.party_index, v.statute_code, "appeal_acquitted"))
        else:
            months = max(1, (v.sentence_months or 12) // 2)
            decided.append(SynVerdict(v.party_index, v.statute_code, "reduced", months, v.fine))
    return day, tuple(decided)
