"""Synthetic agent networks with ground truth, for the demo, the tests and the benchmark.

Each network runs from a main agent (kingpin) through sub-agents to local recruiters, the way
the source documents describe them. Inside a network: every sub-agent shares a phone with one
of his recruiters, the kingpin and his first sub-agent hold one hawala account, each sub-agent
has a mobile wallet; a victim's family pays each recruiter in instalments, the recruiters pay
their sub-agent's wallet, the wallets pay the hawala account, and the members call up and
across the hierarchy. A few agents are entered a second time by another circle under another
spelling (holding the same phone), and a few bridges join two networks (calls and a payment
between sub-agents of each). Networks differ in how busy they are, so some months have clear "most
active" networks.

Nothing here touches the database: ``plan_networks`` is pure and deterministic for a seed;
``networks_load.py`` writes the plan. Every value is invented and marked synthetic.
"""

import random
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal

from htms.synthetic.people import PeopleMaker
from htms.synthetic.records import Catalogue, SynPerson

KINGPIN, SUB_AGENT, RECRUITER = "kingpin", "sub_agent", "recruiter"
ROLE_LABELS = {KINGPIN: "Main agent", SUB_AGENT: "Sub-agent", RECRUITER: "Local recruiter"}
MEAN_NETWORK_SIZE = 30
RECRUITERS_PER_SUB_AGENT = 5
REENTRY_EVERY = 25  # one agent in this many is entered again by another circle
DAYS = 180  # links are dated within this many days before today
THIS_MONTH = 1 / 3  # the share of links dated in the current month
HAWALA_DEALERS = ("Gujrat", "Mandi Bahauddin", "Sialkot", "Kharian", "Quetta", "Peshawar")
WALLETS = ("JazzCash", "Easypaisa")


@dataclass(frozen=True)
class PlantedAgent:
    key: int  # the SynPerson key
    network: int
    role: str
    boss: int | None
    unit_code: str


@dataclass(frozen=True)
class PlannedAccount:
    key: int
    kind: str  # network.models.AccountKind values
    number: str
    institution: str
    holders: tuple[int, ...]  # person keys


@dataclass(frozen=True)
class PlannedPayment:
    network: int
    day: date
    amount: Decimal
    channel: str
    payer: int | None = None  # person key
    payer_account: int | None = None  # account key
    beneficiary: int | None = None
    beneficiary_account: int | None = None


@dataclass(frozen=True)
class PlannedCall:
    network: int
    caller: str  # national format, 0300-1234567
    receiver: str
    at: datetime
    seconds: int


@dataclass
class NetworkPlan:
    """Persons (agents, re-entries, families) and the links between them. ``agents`` and
    ``same_as`` are the ground truth: person key -> planted agent, re-entry -> first record."""

    persons: list[SynPerson] = field(default_factory=list)
    units: dict[int, str] = field(default_factory=dict)  # person key -> unit that recorded it
    agents: dict[int, PlantedAgent] = field(default_factory=dict)
    same_as: dict[int, int] = field(default_factory=dict)
    accounts: list[PlannedAccount] = field(default_factory=list)
    payments: list[PlannedPayment] = field(default_factory=list)
    calls: list[PlannedCall] = field(default_factory=list)
    bridges: list[tuple[int, int]] = field(default_factory=list)  # agent keys, one per network

    def network_of(self, key: int) -> int:
        return self.agents[self.same_as.get(key, key)].network

    def members(self, network: int, role: str | None = None) -> list[int]:
        return [
            a.key
            for a in self.agents.values()
            if a.network == network and (role is None or a.role == role)
        ]


def network_sizes(agents: int, networks: int, rng: random.Random) -> list[int]:
    """``agents`` split into ``networks`` of uneven sizes, each at least 4."""
    weights = [rng.uniform(0.6, 1.4) for _ in range(networks)]
    sizes = [max(4, int(agents * w / sum(weights))) for w in weights]
    sizes[0] += agents - sum(sizes)
    if sizes[0] < 4:
        raise ValueError("Too few agents for that many networks.")
    return sizes


class _Planner:
    def __init__(self, rng: random.Random, catalogue: Catalogue, today: date) -> None:
        self.rng, self.today, self.catalogue = rng, today, catalogue
        self.people = PeopleMaker(rng, catalogue)
        self.plan = NetworkPlan()
        self.phones: dict[int, str] = {}  # person key -> own phone
        self.wallets: dict[int, int] = {}  # sub-agent key -> account key
        self.hawala: dict[int, int] = {}  # network -> account key
        self.activity: dict[int, int] = {}  # network -> how busy, 1 to 4
        self.sharing: set[int] = set()  # recruiters who share their sub-agent's phone

    def _person(self, *, sex: str = "M", age_low: int = 24, age_high: int = 60) -> SynPerson:
        district = self.rng.choice(self.catalogue.districts)
        person = self.people.person(
            key=len(self.plan.persons), sex=sex, age=self.rng.randint(age_low, age_high),
            on=self.today, district=district, keep_spelling=True,
        )  # fmt: skip
        person.phones = (self.people.phone(),)
        self.plan.persons.append(person)
        return person

    def _agent(self, network: int, role: str, boss: int | None, unit: str) -> int:
        person = self._person()
        self.phones[person.key] = person.phones[0]
        self.plan.units[person.key] = unit
        self.plan.agents[person.key] = PlantedAgent(person.key, network, role, boss, unit)
        return person.key

    def _account(self, kind: str, institution: str, holders: tuple[int, ...]) -> int:
        key = len(self.plan.accounts)
        number = f"SYN-{kind.upper()}-{key:05d}-{self.rng.randint(1000, 9999)}"
        self.plan.accounts.append(PlannedAccount(key, kind, number, institution, holders))
        return key

    def _day(self) -> date:
        """A day of the last ``DAYS``, a third of them in the current month, so that the
        month's Gazette has a network picture whatever the day."""
        if self.rng.random() < THIS_MONTH:
            return self.today - timedelta(days=self.rng.randint(0, self.today.day - 1))
        return self.today - timedelta(days=self.rng.randint(0, DAYS - 1))

    def _call(self, network: int, a: int, b: int) -> None:
        day = self._day()
        at = datetime(day.year, day.month, day.day, self.rng.randint(7, 18), 5, tzinfo=UTC)
        seconds = self.rng.randint(20, 600)
        self.plan.calls.append(PlannedCall(network, self.phones[a], self.phones[b], at, seconds))

    def _pay(self, network: int, amount: int, channel: str, **ends: int) -> None:
        money = Decimal(amount - amount % 1000)
        self.plan.payments.append(PlannedPayment(network, self._day(), money, channel, **ends))

    def network(self, number: int, size: int, unit: str) -> None:
        self.activity[number] = self.rng.choice((1, 1, 2, 3, 4))
        kingpin = self._agent(number, KINGPIN, None, unit)
        subs = [
            self._agent(number, SUB_AGENT, kingpin, unit)
            for _ in range(max(1, round((size - 1) / (RECRUITERS_PER_SUB_AGENT + 1))))
        ]
        for index in range(size - 1 - len(subs)):
            recruiter = self._agent(number, RECRUITER, subs[index % len(subs)], unit)
            if index < len(subs):
                self.sharing.add(recruiter)
        dealer = f"Synthetic hawala dealer, {self.rng.choice(HAWALA_DEALERS)}"
        self.hawala[number] = self._account("hawala", dealer, (kingpin, subs[0]))
        self._account("bank", "Synthetic Bank Ltd", (kingpin,))
        for sub in subs:
            self.wallets[sub] = self._account("wallet", self.rng.choice(WALLETS), (sub,))
        self._links(number, kingpin, subs)

    def _links(self, number: int, kingpin: int, subs: list[int]) -> None:
        busy = self.activity[number]
        for sub in subs:
            for _ in range(2 + busy):
                self._call(number, sub, kingpin)
            amount = self.rng.randint(400_000, 2_000_000)
            hawala = self.hawala[number]
            self._pay(number, amount, "hawala", payer_account=self.wallets[sub],
                      beneficiary_account=hawala)  # fmt: skip
            for other in subs:
                if other > sub:
                    self._call(number, sub, other)
        recruiters = self.plan.members(number, RECRUITER)
        for recruiter in recruiters:
            self._recruiter_links(number, recruiter, busy)
            # Recruiters of one network know each other across the sub-agents' cells.
            others = [r for r in recruiters if r != recruiter]
            for other in self.rng.sample(others, min(3, len(others))):
                self._call(number, recruiter, other)

    def _recruiter_links(self, number: int, recruiter: int, busy: int) -> None:
        sub = self.plan.agents[recruiter].boss
        assert sub is not None
        if recruiter in self.sharing:
            self.plan.persons[recruiter].phones += (self.phones[sub],)
        family = self._person(age_low=40, age_high=70).key  # pays in instalments
        for _ in range(busy):
            amount = self.rng.randint(300_000, 1_500_000)
            self._pay(number, amount, self.rng.choice(("hawala", "cash", "wallet")),
                      payer=family, beneficiary=recruiter)  # fmt: skip
            self._pay(number, amount * 6 // 10, "wallet", payer=recruiter,
                      beneficiary_account=self.wallets[sub])  # fmt: skip
            self._call(number, recruiter, sub)
        self._call(number, recruiter, self.plan.agents[sub].boss or sub)

    def reentry(self, original: int, unit: str) -> None:
        """The agent entered again by another circle, under another spelling, same phone."""
        first = self.plan.persons[original]
        copy = self.people.respelled(first, key=len(self.plan.persons), keep_cnic=False)
        copy.phones = (self.phones[original],)
        self.plan.persons.append(copy)
        self.plan.units[copy.key] = unit
        self.plan.same_as[copy.key] = original

    def bridge(self, a: int, b: int) -> None:
        """A sub-agent of network ``a`` deals with one of network ``b``: calls and a payment
        into ``b``'s hawala account."""
        left, right = self.plan.members(a, SUB_AGENT)[-1], self.plan.members(b, SUB_AGENT)[-1]
        for _ in range(2):
            self._call(a, left, right)
        self._pay(a, self.rng.randint(500_000, 1_000_000), "hawala",
                  payer=left, beneficiary_account=self.hawala[b])  # fmt: skip
        self.plan.bridges.append((left, right))


def plan_networks(
    *, agents: int, seed: int, today: date, catalogue: Catalogue, networks: int | None = None,
    bridges: int | None = None,
) -> NetworkPlan:  # fmt: skip
    """About ``agents`` agents in ``networks`` networks (one per ``MEAN_NETWORK_SIZE`` agents
    by default), with ``bridges`` bridges between networks (one per five networks, at least
    two, by default) and one re-entry per ``REENTRY_EVERY`` agents."""
    rng = random.Random(seed)
    count = networks or max(1, agents // MEAN_NETWORK_SIZE)
    units = [u.code for u in catalogue.units] or [""]
    planner = _Planner(rng, catalogue, today)
    for number, size in enumerate(network_sizes(agents, count, rng)):
        planner.network(number, size, units[number % len(units)])
    for original in sorted(planner.plan.agents)[REENTRY_EVERY // 2 :: REENTRY_EVERY]:
        home = planner.plan.agents[original].unit_code
        planner.reentry(original, rng.choice([u for u in units if u != home] or units))
    wanted = bridges if bridges is not None else max(2, count // 5)
    for a in range(min(wanted, count - 1)):  # a chain: network a to network a + 1
        planner.bridge(a, a + 1)
    return planner.plan
