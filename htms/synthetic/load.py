"""Writing synthetic records into the database through the real services.

:func:`synthetic_load` registers each case with ``case_register`` and walks it through its
stages with the same services an officer's clicks call, so every row is validated and audited
and every record is marked ``is_synthetic``. It suits the demo and tests (hundreds of cases);
for benchmark volumes see :mod:`htms.synthetic.bulk`.
"""

from collections.abc import Mapping

from htms.accounts.models import Role, User
from htms.accounts.services import user_create
from htms.cases.models import Case
from htms.persons.services import person_create
from htms.reference.models import (
    Country,
    Court,
    CourtLevel,
    District,
    Statute,
    Term,
    Unit,
    UnitKind,
)
from htms.synthetic.bulk import BulkCounts, synthetic_bulk_load
from htms.synthetic.records import (
    Catalogue,
    CourtInfo,
    DistrictInfo,
    StatuteInfo,
    SyntheticData,
    UnitInfo,
)
from htms.synthetic.service_inputs import person_input
from htms.synthetic.walker import CaseWalker, LoadCounts, UnitActors

__all__ = [
    "BulkCounts",
    "LoadCounts",
    "UnitActors",
    "catalogue_from_db",
    "synthetic_actors",
    "synthetic_bulk_load",
    "synthetic_load",
]


def _statutes() -> dict[str, tuple[StatuteInfo, ...]]:
    statutes: dict[str, list[StatuteInfo]] = {}
    for s in Statute.objects.filter(in_force=True).order_by("code"):
        statutes.setdefault(s.crime_type, []).append(
            StatuteInfo(s.code, s.crime_type, s.year, s.section)
        )
    return {k: tuple(v) for k, v in statutes.items()}


def _terms() -> dict[str, tuple[str, ...]]:
    terms: dict[str, list[str]] = {}
    for vocabulary, code in Term.objects.order_by("vocabulary", "code").values_list(
        "vocabulary", "code"
    ):
        terms.setdefault(vocabulary, []).append(code)
    return {k: tuple(v) for k, v in terms.items()}


def _units(unit_codes: list[str] | None) -> tuple[UnitInfo, ...]:
    units = Unit.objects.select_related("province", "district").order_by("code")
    units = units.filter(code__in=unit_codes) if unit_codes else units.filter(kind=UnitKind.CIRCLE)
    return tuple(
        UnitInfo(
            u.code,
            u.name,
            u.province.code if u.province else "",
            u.district.code if u.district else "",
        )
        for u in units
    )


def catalogue_from_db(
    *, unit_codes: list[str] | None = None, unit_weights: Mapping[str, float] | None = None
) -> Catalogue:
    """The reference data the generator draws from. Cases go to the circles (AHTC units)
    unless ``unit_codes`` names others; ``unit_weights`` favours some units."""
    return Catalogue(
        statutes=_statutes(),
        districts=tuple(
            DistrictInfo(d.code, d.name, d.province.code, d.is_known_source)
            for d in District.objects.select_related("province").order_by("code")
        ),
        units=_units(unit_codes),
        courts=tuple(
            CourtInfo(c.code, c.district.code if c.district else "")
            for c in Court.objects.filter(level=CourtLevel.TRIAL)
            .select_related("district")
            .order_by("code")
        ),
        terms=_terms(),
        countries=frozenset(Country.objects.values_list("code", flat=True)),
        unit_weights=dict(unit_weights or {}),
    )


def _first_user(unit: Unit, role: str) -> User | None:
    return User.objects.filter(unit=unit, role=role, is_active=True).order_by("id").first()


def _synthetic_user(unit: Unit, role: str, label: str) -> User:
    """A synthetic officer who cannot log in: no usable password."""
    username = f"synthetic-{label}-{unit.code.lower()}"
    return User.objects.filter(username=username).first() or user_create(
        actor=None,
        username=username,
        password=None,
        unit_code=unit.code,
        role=role,
        first_name="Synthetic",
        last_name=f"{label.upper()} {unit.code}",
    )


def synthetic_actors(unit_codes: list[str]) -> dict[str, UnitActors]:
    """Each unit's first active IO and circle in-charge; a synthetic one (``synthetic-io-<unit>``,
    ``synthetic-incharge-<unit>``, no usable password) where the unit has none."""
    actors = {}
    for unit in Unit.objects.filter(code__in=unit_codes).order_by("code"):
        io = _first_user(unit, Role.INVESTIGATING_OFFICER) or _synthetic_user(
            unit, Role.INVESTIGATING_OFFICER, "io"
        )
        incharge = _first_user(unit, Role.CIRCLE_INCHARGE) or _synthetic_user(
            unit, Role.CIRCLE_INCHARGE, "incharge"
        )
        actors[unit.code] = UnitActors(io, incharge)
    return actors


def synthetic_load(*, data: SyntheticData, actors_by_unit: Mapping[str, UnitActors]) -> LoadCounts:
    """Registers every case through the services and takes it to its planned stage, then adds
    the persons in no case to the register, each recorded by the IO of a unit in turn.

    Each case is one set of transactions, as if officers had entered it; a person met again
    is added by id, never entered twice.
    """
    persons = {p.key: p for p in data.persons}
    trial = Court.objects.filter(level=CourtLevel.TRIAL)
    courts = dict(trial.values_list("code", "id"))
    appeal_courts = dict(Court.objects.exclude(level=CourtLevel.TRIAL).values_list("code", "id"))
    known: dict[int, int] = {}
    counts = LoadCounts()
    for case in data.cases:
        walker = CaseWalker(case, actors_by_unit[case.unit_code], courts, appeal_courts)
        walker.register(persons, known)
        walker.walk(counts)
        counts.cases += 1
        counts.parties += len(case.parties)
        stage = Case.objects.values_list("stage", flat=True).get(pk=walker.case_id)
        counts.by_stage[stage] = counts.by_stage.get(stage, 0) + 1
    officers = [actors_by_unit[code].io for code in sorted(actors_by_unit)]
    loose = [p for p in data.persons if p.key not in known]
    for i, person in enumerate(loose):
        actor = officers[i % len(officers)]
        person_create(actor=actor, data=person_input(person), is_synthetic=True)
    counts.persons = len(known) + len(loose)
    return counts
