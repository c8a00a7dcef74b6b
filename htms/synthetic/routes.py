"""Routes out of Pakistan and into exploitation, after the UNODC assessment (DOMAIN.md).

Land via Quetta and Taftan (or Panjgur and Mand) into Iran and Turkey, on to Greece, Italy or
Spain; sea from Karachi and the Makran coast to Oman; air via Dubai with genuine passports and
false visas. Trafficking routes run from the source districts to brick kilns, households and
streets in the cities, or to the Gulf. District codes that the catalogue lacks are dropped and
the leg keeps only its place name.
"""

import random
from dataclasses import dataclass
from datetime import date, timedelta

from htms.synthetic.records import Catalogue, SynRouteLeg

TRANSIT, EXPLOITATION, INTERCEPTION = "transit", "exploitation", "interception"


@dataclass(frozen=True, slots=True)
class Stop:
    country: str
    district: str = ""
    place: str = ""
    kind: str = TRANSIT


@dataclass(frozen=True, slots=True)
class Journey:
    """Where a case's people went; ``price_pkr`` is what each paid the agent."""

    name: str
    stops: tuple[Stop, ...]
    destination: str
    price_pkr: int = 0
    price_eur: int = 0


QUETTA = Stop("PK", "BA-QUETTA", "Quetta")
TAFTAN_WAY = (
    Stop("PK", "BA-NUSHKI", "Nushki"),
    Stop("PK", "BA-CHAGAI", "Nokkundi"),
    Stop("PK", "BA-CHAGAI", "Taftan"),
)
MAND_WAY = (
    Stop("PK", "BA-KALAT", "Kalat"),
    Stop("PK", "BA-PANJGUR", "Panjgur"),
    Stop("PK", "BA-KECH", "Mand Ballo"),
)
IRAN = (Stop("IR", place="Zahedan"), Stop("IR", place="Tehran"), Stop("IR", place="Maku"))
TURKEY = (Stop("TR", place="Van"), Stop("TR", place="Istanbul"))
# Land destinations beyond Turkey, with the prices the assessment reports (PKR per person).
LAND_ENDS: tuple[tuple[str, tuple[Stop, ...], int], ...] = (
    ("TR", (), 400_000),
    ("GR", (Stop("GR", place="Evros"), Stop("GR", place="Athens")), 650_000),
    ("IT", (Stop("GR", place="Evros"), Stop("IT", place="Calabria")), 800_000),
    ("ES", (Stop("GR", place="Evros"), Stop("ES", place="Barcelona")), 850_000),
)
SEA_PORTS = (
    Stop("PK", "SD-KEAMARI", "Karachi"),
    Stop("PK", "BA-GWADAR", "Gwadar"),
    Stop("PK", "BA-GWADAR", "Jiwani"),
    Stop("PK", "BA-GWADAR", "Pasni"),
    Stop("PK", "BA-GWADAR", "Ormara"),
)
OMAN = (Stop("OM", place="Sur"), Stop("OM", place="Muscat"), Stop("OM", place="Sohar"))
AIRPORTS = (
    Stop("PK", "PB-LAHORE", "Allama Iqbal International Airport"),
    Stop("PK", "ICT-ISLAMABAD", "Islamabad International Airport"),
    Stop("PK", "SD-MALIR", "Jinnah International Airport"),
    Stop("PK", "PB-SIALKOT", "Sialkot International Airport"),
)
AIR_ENDS = (
    ("ES", "Madrid"),
    ("IT", "Milan"),
    ("GB", "London"),
    ("PT", "Lisbon"),
    ("FR", "Paris"),
    ("DE", "Frankfurt"),
)
GULF = (
    ("AE", "Dubai"),
    ("AE", "Sharjah"),
    ("SA", "Riyadh"),
    ("SA", "Jeddah"),
    ("OM", "Muscat"),
    ("QA", "Doha"),
)
CITIES = (
    Stop("PK", "PB-LAHORE", "Lahore"),
    Stop("PK", "SD-KHI-SOUTH", "Karachi"),
    Stop("PK", "ICT-ISLAMABAD", "Islamabad"),
    Stop("PK", "PB-RAWALPINDI", "Rawalpindi"),
    Stop("PK", "PB-FAISALABAD", "Faisalabad"),
)
KILNS = (
    Stop("PK", "PB-KASUR", "brick kiln near Kasur", EXPLOITATION),
    Stop("PK", "PB-SHEIKHUPURA", "brick kiln near Sheikhupura", EXPLOITATION),
    Stop("PK", "PB-LAHORE", "brick kiln on Raiwind Road", EXPLOITATION),
    Stop("PK", "PB-FAISALABAD", "brick kiln near Faisalabad", EXPLOITATION),
)


def _exploited_at(stop: Stop, place: str = "") -> Stop:
    return Stop(stop.country, stop.district, place or stop.place, EXPLOITATION)


def som_journey(rng: random.Random) -> Journey:
    """A smuggling route: land 55 %, sea 20 %, air 25 %."""
    roll = rng.random()
    if roll < 0.55:
        way = TAFTAN_WAY if rng.random() < 0.7 else MAND_WAY
        dest, tail, price = rng.choices(LAND_ENDS, weights=(3, 4, 2, 1))[0]
        stops = (QUETTA, *way, *IRAN[: rng.randint(1, 3)], *TURKEY, *tail)
        return Journey("land", stops, dest, price_pkr=price)
    if roll < 0.75:
        stops = (rng.choice(SEA_PORTS), rng.choice(OMAN))
        return Journey("sea", stops, "OM", price_pkr=rng.choice((180_000, 220_000, 250_000)))
    country, city = rng.choice(AIR_ENDS)
    stops = (rng.choice(AIRPORTS), Stop("AE", place="Dubai"), Stop(country, place=city))
    return Journey("air", stops, country, price_eur=rng.randrange(1_000, 10_001, 500))


def som_to_tip_journey(rng: random.Random) -> Journey:
    """Migrants who became victims on the way: held for ransom in Iran or Libya, or bonded
    to work off the debt in Turkey or Greece."""
    if rng.random() < 0.4:
        libya = (
            rng.choice(AIRPORTS),
            Stop("AE", place="Dubai"),
            Stop("LY", place="Benghazi", kind=EXPLOITATION),
            Stop("IT", place="Calabria"),
        )
        return Journey("libya", libya, "IT", price_pkr=rng.choice((2_000_000, 2_500_000)))
    journey = som_journey(rng)
    stops = list(journey.stops)
    abroad = [i for i, s in enumerate(stops) if s.country != "PK"] or [len(stops) - 1]
    i = rng.choice(abroad)
    stops[i] = _exploited_at(stops[i])
    return Journey(
        journey.name, tuple(stops), journey.destination, journey.price_pkr, journey.price_eur
    )


def tip_journey(rng: random.Random, pattern: str) -> Journey:
    """Where victims of one exploitation pattern are taken."""
    if pattern == "brick_kiln":
        return Journey("internal", (rng.choice(KILNS),), "PK")
    if pattern == "camel_jockey":
        country = rng.choice(("AE", "OM", "QA"))
        return Journey("air", (rng.choice(AIRPORTS), Stop(country, kind=EXPLOITATION)), country)
    if pattern in ("gulf_labour", "sexual_abroad"):
        country, city = rng.choice(GULF)
        stops = (rng.choice(AIRPORTS), Stop(country, place=city, kind=EXPLOITATION))
        return Journey("air", stops, country, price_pkr=rng.randrange(200_000, 900_001, 50_000))
    return Journey("internal", (_exploited_at(rng.choice(CITIES)),), "PK")


def journey_legs(
    *,
    catalogue: Catalogue,
    journey: Journey,
    home: str,
    start: date,
    end: date,
    intercept_at: int | None,
) -> tuple[SynRouteLeg, ...]:
    """Dated legs from recruitment in ``home`` to ``end``; ``intercept_at`` cuts the journey
    at that stop and makes it the interception."""
    stops = journey.stops if intercept_at is None else journey.stops[: intercept_at + 1]
    days = max((end - start).days, 0)
    dates = sorted(
        start + timedelta(days=round(days * (i + 1) / len(stops))) for i in range(len(stops))
    )
    legs = [
        SynRouteLeg("recruitment", "PK", _known(catalogue, home), date=start, date_precision="day")
    ]
    for i, (stop, day) in enumerate(zip(stops, dates, strict=True)):
        if stop.country not in catalogue.countries:
            continue
        kind = INTERCEPTION if i == intercept_at else stop.kind
        legs.append(
            SynRouteLeg(
                kind,
                stop.country,
                _known(catalogue, stop.district),
                stop.place,
                date=day,
                date_precision="day",
            )
        )
    return tuple(legs)


def _known(catalogue: Catalogue, district: str) -> str:
    return district if district in catalogue.district_codes else ""
