"""What happened in a synthetic case: the exploitation pattern, the victims' profile, the
sections charged and the summary an investigating officer would write.

Sections are looked up in the catalogue by crime type. A few well-known sections (PPC 420
cheating, PPC 468 forgery, ...) are preferred when the catalogue holds them; otherwise any
in-force section of the crime type serves.
"""

import random
import re
from dataclasses import dataclass, field

from htms.synthetic.records import Catalogue, DistrictInfo, StatuteInfo, SynCase
from htms.synthetic.routes import Journey


@dataclass(frozen=True)
class Pattern:
    """Who the victims (or migrants) of a pattern are, and what was done to them."""

    weight: int
    counts: tuple[tuple[int, int], ...]  # (how many people, weight)
    female: float
    ages: tuple[int, int]
    exploitation: tuple[str, ...] = ()
    means: tuple[str, ...] = ()
    related: dict[str, float] = field(default_factory=dict)  # crime type -> chance
    story: str = ""


SMUGGLED = "smuggled"
SMUGGLED_EXPLOITED = "smuggled_exploited"
EXTRA_TIP = "TIP+"  # another trafficking section besides the main one
PATTERNS: dict[str, Pattern] = {
    "brick_kiln": Pattern(
        20,
        ((2, 3), (3, 3), (4, 2), (6, 1)),
        0.45,
        (6, 55),
        ("BondedLabour", "ForcedLabour", "ChildLabour"),
        ("DebtBondage", "ExcessiveWorkingHours", "RestrictsMovement", "Threats", "TakesEarnings"),
        {"BLA": 0.8, "OTH": 0.1},
        "A family from {home} was bonded at a {place} against an advance of PKR {money:,}.",
    ),
    "domestic": Pattern(
        15,
        ((1, 1),),
        0.8,
        (8, 16),
        ("DomesticServitude", "ChildLabour"),
        ("PhysicalAbuse", "WithholdsNecessities", "RestrictsMovement", "PsychologicalAbuse"),
        {"KID": 0.2},
        "A child from {home} was placed as a domestic worker in {place} for PKR {money:,} "
        "paid to a middleman, and was beaten and kept from the family.",
    ),
    "begging": Pattern(
        10,
        ((1, 3), (2, 2), (4, 1)),
        0.5,
        (6, 14),
        ("ForcedBegging",),
        ("UsesChildren", "PhysicalAbuse", "TakesEarnings"),
        {"KID": 0.4},
        "Children from {home} were made to beg in {place}; the gang kept their takings.",
    ),
    "camel_jockey": Pattern(
        5,
        ((1, 2), (2, 1), (3, 1)),
        0.0,
        (5, 11),
        ("CamelJockeying", "ChildLabour"),
        ("WithholdsNecessities", "RestrictsMovement", "WithholdsDocuments"),
        {"KID": 0.3, "EMI": 0.3, "DOC": 0.2},
        "Boys from {home} were taken to {place} as camel jockeys on forged papers.",
    ),
    "gulf_labour": Pattern(
        20,
        ((1, 3), (2, 2), (3, 1), (5, 1)),
        0.1,
        (20, 45),
        ("ForcedLabour",),
        (
            "WithholdsDocuments",
            "DebtBondage",
            "TakesEarnings",
            "FalsePromises",
            "ExcessiveWorkingHours",
        ),
        {"EMI": 0.5, "OTH": 0.3, "DOC": 0.15},
        "Workers from {home} paid PKR {money:,} each for jobs in {place}; on arrival their "
        "passports were taken and they were made to work unpaid.",
    ),
    "sexual_internal": Pattern(
        10,
        ((1, 3), (2, 1), (3, 1)),
        0.95,
        (14, 28),
        ("SexualExploitation",),
        ("FalsePromises", "SexualAbuse", "PsychoactiveSubstances", "Threats"),
        {EXTRA_TIP: 0.3, "KID": 0.2},
        "Young women from {home} were lured to {place} with offers of work in a beauty "
        "parlour and forced into prostitution.",
    ),
    "sexual_abroad": Pattern(
        8,
        ((1, 3), (2, 1), (3, 1)),
        1.0,
        (17, 30),
        ("SexualExploitation",),
        ("FalsePromises", "WithholdsDocuments", "SexualAbuse", "DebtBondage"),
        {EXTRA_TIP: 0.3, "EMI": 0.3, "DOC": 0.2},
        "Women from {home} were sent to {place} on visit visas with promises of salon work "
        "and sexually exploited; each owed the agent PKR {money:,}.",
    ),
    "forced_marriage": Pattern(
        10,
        ((1, 1),),
        1.0,
        (13, 22),
        ("ForcedMarriage",),
        ("Threats", "PhysicalAbuse", "RestrictsMovement"),
        {"KID": 0.5},
        "A girl from {home} was married off for PKR {money:,} to a man in {place} "
        "against her will.",
    ),
    "organ": Pattern(
        2,
        ((1, 1),),
        0.3,
        (18, 40),
        ("OrganRemoval",),
        ("FalsePromises", "PsychologicalAbuse"),
        {"OTH": 0.3},
        "A labourer from {home} was promised PKR {money:,} and taken to a private clinic in "
        "{place}, where a kidney was removed.",
    ),
}
SMUGGLED_PROFILE = Pattern(
    0,
    ((1, 30), (2, 20), (3, 15), (4, 12), (6, 10), (10, 8), (18, 5)),
    0.04,
    (18, 50),
    related={"DOC": 0.35, "EMI": 0.35, "OTH": 0.25},
)
EXPLOITED_PROFILE = Pattern(
    0,
    ((1, 3), (2, 1)),
    0.05,
    (18, 40),
    ("ForcedLabour", "Other"),
    ("DebtBondage", "PhysicalAbuse", "Threats", "RestrictsMovement"),
)
TIP_PATTERNS = {name: p.weight for name, p in PATTERNS.items()}
PREFERRED = {
    "OTH": ("PPC-420", "PPC-419"),
    "DOC": ("PPC-468", "PPC-471", "PA1974-6"),
    "EMI": ("EO1979-17", "EO1979-18", "EO1979-22", "PA1974-4"),
    "BLA": ("BLSAA1992-11", "BLSAA1992-12"),
    "KID": ("PPC-365", "PPC-365B", "PPC-367"),
    "FOR": ("FA1946-13A", "FA1946-14"),
}
COUNTRY_NAMES = {
    "IR": "Iran",
    "TR": "Turkey",
    "GR": "Greece",
    "IT": "Italy",
    "ES": "Spain",
    "OM": "Oman",
    "AE": "the UAE",
    "SA": "Saudi Arabia",
    "QA": "Qatar",
    "GB": "the United Kingdom",
    "PT": "Portugal",
    "FR": "France",
    "DE": "Germany",
    "LY": "Libya",
    "PK": "Pakistan",
}
BANNER = "SYNTHETIC DATA, not a real case."


@dataclass(frozen=True)
class Story:
    pattern: str  # a key of PATTERNS for TIP; SMUGGLED or SMUGGLED_EXPLOITED otherwise
    journey: Journey
    home: DistrictInfo


def _section_key(info: StatuteInfo) -> tuple[int, int, str]:
    match = re.match(r"\d+", info.section)
    return (-info.year, int(match.group()) if match else 0, info.section)


def _main_section(rng: random.Random, infos: tuple[StatuteInfo, ...]) -> str:
    ordered = sorted(infos, key=_section_key)
    newest = [s for s in ordered if s.year == ordered[0].year]
    return newest[0].code if len(newest) == 1 or rng.random() < 0.85 else rng.choice(newest).code


def _related_section(rng: random.Random, catalogue: Catalogue, crime_type: str) -> str:
    infos = sorted(catalogue.statutes.get(crime_type, ()), key=_section_key)
    if crime_type == EXTRA_TIP:
        tip = sorted(catalogue.statutes.get("TIP", ()), key=_section_key)
        infos = [s for s in tip if s.year != tip[0].year] if tip else []
    if not infos:
        return ""
    codes = [s.code for s in infos]
    preferred = [c for c in PREFERRED.get(crime_type, ()) if c in codes]
    return rng.choice(preferred or codes)


def pick_statutes(
    rng: random.Random, catalogue: Catalogue, case: SynCase, story: Story
) -> tuple[str, ...]:
    """The main section of each crime type, then related offences now and then."""
    main_types = {"TIP": ("TIP",), "SOM": ("SOM",), "BOTH": ("SOM", "TIP")}[case.kind]
    codes = [_main_section(rng, catalogue.statutes[t]) for t in main_types]
    related = dict(
        SMUGGLED_PROFILE.related if case.kind != "TIP" else PATTERNS[story.pattern].related
    )
    if case.kind != "TIP" and any(p.role == "migrant" for p in case.parties):
        related["FOR"] = 0.1
    for crime_type, chance in related.items():
        if rng.random() < chance:
            codes.append(_related_section(rng, catalogue, crime_type))
    return tuple(dict.fromkeys(c for c in codes if c))


def _route_text(journey: Journey) -> str:
    places = [s.place or COUNTRY_NAMES.get(s.country, s.country) for s in journey.stops]
    return " – ".join(dict.fromkeys(places))


def _price_text(journey: Journey) -> str:
    if journey.price_eur:
        return f"EUR {journey.price_eur:,}"
    return f"PKR {journey.price_pkr:,}"


def _ending(case: SynCase) -> str:
    stop = next((leg for leg in case.route if leg.kind == "interception"), None)
    if stop is None:
        return ""
    where = stop.place or COUNTRY_NAMES.get(stop.country_code, stop.country_code)
    if case.origin == "offloadee_interview":
        return f" Offloaded at {where} with forged visas."
    if stop.country_code == "PK":
        return f" Intercepted at {where}."
    return f" Apprehended in {where} and deported to Pakistan."


def summary(rng: random.Random, case: SynCase, story: Story) -> str:
    """A short account in an investigating officer's words, marked as synthetic."""
    journey, home = story.journey, story.home.name
    dest = COUNTRY_NAMES.get(journey.destination, journey.destination)
    if case.kind == "TIP":
        place = next(
            (s.place or COUNTRY_NAMES.get(s.country, s.country) for s in reversed(journey.stops)),
            dest,
        )
        money = rng.randrange(50_000, 600_001, 10_000)
        text = PATTERNS[story.pattern].story.format(home=home, place=place, money=money)
        return f"{BANNER} {text} Route: {home} – {_route_text(journey)}."
    count = sum(1 for p in case.parties if p.role == "migrant")
    text = (
        f"{count} migrant(s) from {home} paid {_price_text(journey)} each to an agent for "
        f"passage to {dest} by {journey.name if journey.name != 'libya' else 'air and sea'}"
        f" (route: {_route_text(journey)})."
    )
    text += _ending(case)
    if case.kind == "BOTH":
        held = next(
            (
                s.place or COUNTRY_NAMES.get(s.country, s.country)
                for s in journey.stops
                if s.kind == "exploitation"
            ),
            dest,
        )
        text += f" On the way some were held in {held} and made to work off a debt."
    return f"{BANNER} {text}"
