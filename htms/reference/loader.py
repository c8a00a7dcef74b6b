"""Loads the versioned reference data files in ``reference/data`` into the database.

``reference_load`` is the one entry point: ``htms load_reference``, deployments and the test
set-up call it. Rows are matched on their stable code (terms on vocabulary and code), created
or updated in place, and never deleted, because cases may point at any of them. A file with a
wrong row stops the whole load: nothing of it is written.
"""

import csv
import re
from collections.abc import Callable, Iterator, Sequence
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any, Literal

from django.core.exceptions import ValidationError
from django.db import models, transaction

from htms.accounts.models import User
from htms.audit.models import AuditAction, AuditObject
from htms.audit.services import audit_record
from htms.reference.models import (
    Country,
    Court,
    CourtLevel,
    CrimeType,
    District,
    ExitPointKind,
    Province,
    Statute,
    Term,
    Unit,
    UnitKind,
    Vocabulary,
)

DATA_DIR = Path(__file__).resolve().parent / "data"

MISSING_FILE = "the file does not exist"
BAD_HEADER = "the header must name the columns {expected}; missing {missing}, unexpected {extra}"
BAD_FIELD_COUNT = "the row must have {expected} fields"
DUPLICATE_KEY = "duplicate {key}, first given on line {line}"
UNKNOWN_CODE = "unknown {kind} code {code!r}"
BAD_CHOICE = "{column} {value!r} is not one of: {allowed}"
BAD_FLAG = "{column} must be 0 or 1, not {value!r}"
BAD_YEAR = "year must be a four-digit year, not {value!r}"
BAD_FORMAT = "{column} {value!r} must match {pattern}"
WRONG_PROVINCE_PREFIX = "the district code must start with {prefix!r}, its province code"
DISTRICT_OUTSIDE_PROVINCE = "district {district!r} is not in province {province!r}"
NOT_A_ZONE = "zone {code!r} is not a zonal directorate"
EXIT_POINT_REQUIRED = "an immigration post needs an exit_point_kind"
EXIT_POINT_NOT_ALLOWED = "only an immigration post has an exit_point_kind"
ICCS_REQUIRED = "a {crime_type} statute needs an ICCS code"
INVALID_VALUE = "{field}: {message}"

Row = dict[str, str]
Converted = tuple[dict[str, Any], dict[str, Any]]
Outcome = Literal["created", "updated", "unchanged"]


class ReferenceDataError(Exception):
    """A reference data file is wrong. The load that found it wrote nothing."""

    def __init__(self, *, filename: str, line: int | None, problem: str) -> None:
        self.filename = filename
        self.line = line
        self.problem = problem
        where = filename if line is None else f"{filename}, line {line}"
        super().__init__(f"{where}: {problem}")


class _RowProblem(Exception):
    """Raised while reading one row; the loader adds the file name and, if not given, the line."""

    def __init__(self, problem: str, *, line: int | None = None) -> None:
        super().__init__(problem)
        self.line = line


@dataclass
class LoadCounts:
    """How many rows of one file were created, updated or already up to date."""

    created: int = 0
    updated: int = 0
    unchanged: int = 0

    def add(self, outcome: Outcome) -> None:
        if outcome == "created":
            self.created += 1
        elif outcome == "updated":
            self.updated += 1
        else:
            self.unchanged += 1


@dataclass(frozen=True)
class _FileSpec:
    filename: str
    model: type[models.Model]
    columns: tuple[str, ...]
    convert: Callable[[Row], Converted]


def reference_load(
    *, data_dir: Path | None = None, actor: User | None = None
) -> dict[str, LoadCounts]:
    """Creates and updates the reference rows from the data files, all or nothing.

    Loads every file of ``data_dir`` (default: the versioned ``reference/data``) in dependency
    order inside one transaction; never deletes a row. Writes one audit row per file with its
    counts (``actor`` None for the command line and deployments). Raises ``ReferenceDataError``
    naming the file, line and problem of the first wrong row, after rolling back everything.
    """
    directory = DATA_DIR if data_dir is None else data_dir
    with transaction.atomic():
        loaded = {spec.filename: _load_file(spec, directory) for spec in _FILES}
        for spec in _FILES:
            _audit_file(actor, spec, loaded[spec.filename])
    return loaded


def _audit_file(actor: User | None, spec: _FileSpec, counts: LoadCounts) -> None:
    audit_record(
        actor=actor,
        action=AuditAction.UPDATE,
        object_type=AuditObject.REFERENCE_DATA,
        object_id=spec.model._meta.label_lower,
        changes={"file": spec.filename, **asdict(counts)},
    )


def _load_file(spec: _FileSpec, directory: Path) -> LoadCounts:
    """Creates and updates the rows of one file; raises ``ReferenceDataError`` on a wrong row."""
    path = directory / spec.filename
    if not path.is_file():
        raise ReferenceDataError(filename=spec.filename, line=None, problem=MISSING_FILE)
    counts = LoadCounts()
    first_lines: dict[tuple[Any, ...], int] = {}
    line = 1
    try:
        for line, row in _read_rows(path, spec.columns):
            lookup, values = spec.convert(row)
            _check_unique(first_lines, lookup, line)
            counts.add(_upsert(spec.model, lookup, values))
    except _RowProblem as problem:
        where = line if problem.line is None else problem.line
        raise ReferenceDataError(filename=spec.filename, line=where, problem=str(problem)) from None
    return counts


def _read_rows(path: Path, columns: tuple[str, ...]) -> Iterator[tuple[int, Row]]:
    """Yields (line number, row with stripped values) for each data row of a CSV file."""
    with path.open(encoding="utf-8-sig", newline="") as handle:
        reader = csv.DictReader(handle)
        _check_header(reader.fieldnames, columns)
        for raw in reader:
            if None in raw or any(value is None for value in raw.values()):
                problem = BAD_FIELD_COUNT.format(expected=len(columns))
                raise _RowProblem(problem, line=reader.line_num)
            yield reader.line_num, {key: value.strip() for key, value in raw.items()}


def _check_header(found: Sequence[str] | None, columns: tuple[str, ...]) -> None:
    names = list(found or [])
    missing = [name for name in columns if name not in names]
    extra = [name for name in names if name not in columns]
    if missing or extra:
        problem = BAD_HEADER.format(expected=",".join(columns), missing=missing, extra=extra)
        raise _RowProblem(problem, line=1)


def _check_unique(
    first_lines: dict[tuple[Any, ...], int], lookup: dict[str, Any], line: int
) -> None:
    key = tuple(lookup.values())
    if key in first_lines:
        label = " ".join(str(part) for part in key)
        raise _RowProblem(DUPLICATE_KEY.format(key=label, line=first_lines[key]))
    first_lines[key] = line


def _upsert(model: type[models.Model], lookup: dict[str, Any], values: dict[str, Any]) -> Outcome:
    """Creates the row found by ``lookup``, or updates the fields that differ from ``values``."""
    row = model._default_manager.filter(**lookup).first()
    if row is None:
        row = model(**lookup, **values)
        _validate(row)
        row.save()
        return "created"
    changed = [name for name, value in values.items() if getattr(row, name) != value]
    if not changed:
        return "unchanged"
    for name in changed:
        setattr(row, name, values[name])
    _validate(row)
    row.save(update_fields=changed)
    return "updated"


def _validate(row: models.Model) -> None:
    try:
        row.full_clean()
    except ValidationError as error:
        problems = [
            INVALID_VALUE.format(field=field, message=" ".join(messages))
            for field, messages in error.message_dict.items()
        ]
        raise _RowProblem("; ".join(problems)) from None


# Cell parsers: each raises _RowProblem with a message naming the column.


def _flag(row: Row, column: str) -> bool:
    value = row[column]
    if value not in ("0", "1"):
        raise _RowProblem(BAD_FLAG.format(column=column, value=value))
    return value == "1"


def _choice(
    row: Row, column: str, choices: type[models.TextChoices], *, blank: bool = False
) -> str:
    value = row[column]
    if (blank and value == "") or value in choices.values:
        return value
    allowed = ", ".join(choices.values)
    raise _RowProblem(BAD_CHOICE.format(column=column, value=value, allowed=allowed))


def _matching(row: Row, column: str, pattern: str) -> str:
    value = row[column]
    if not re.fullmatch(pattern, value):
        raise _RowProblem(BAD_FORMAT.format(column=column, value=value, pattern=pattern))
    return value


def _year(row: Row) -> int:
    value = row["year"]
    if not re.fullmatch(r"\d{4}", value):
        raise _RowProblem(BAD_YEAR.format(value=value))
    return int(value)


def _id_of(model: type[models.Model], kind: str, code: str) -> int | None:
    """The primary key of the row with ``code``; None for an empty code."""
    if code == "":
        return None
    found: int | None = (
        model._default_manager.filter(code=code).values_list("pk", flat=True).first()
    )
    if found is None:
        raise _RowProblem(UNKNOWN_CODE.format(kind=kind, code=code))
    return found


def _zone_id(code: str) -> int | None:
    zone_id = _id_of(Unit, "zone", code)
    if (
        zone_id is not None
        and not Unit.objects.filter(pk=zone_id, kind=UnitKind.ZONAL_DIRECTORATE).exists()
    ):
        raise _RowProblem(NOT_A_ZONE.format(code=code))
    return zone_id


# Row converters, one per file: (lookup, values) with foreign keys as ids under their attname.


def _province_row(row: Row) -> Converted:
    return {"code": row["code"]}, {"name": row["name"], "name_ur": row["name_ur"]}


def _district_row(row: Row) -> Converted:
    province_id = _id_of(Province, "province", row["province"])
    prefix = f"{row['province']}-"
    if not row["code"].startswith(prefix):
        raise _RowProblem(WRONG_PROVINCE_PREFIX.format(prefix=prefix))
    return {"code": row["code"]}, {
        "name": row["name"],
        "name_ur": row["name_ur"],
        "province_id": province_id,
        "is_known_source": _flag(row, "is_known_source"),
    }


def _country_row(row: Row) -> Converted:
    return {"code": _matching(row, "code", "[A-Z]{2}")}, {
        "code3": _matching(row, "code3", "[A-Z]{3}"),
        "name": row["name"],
        "name_ur": row["name_ur"],
    }


def _unit_row(row: Row) -> Converted:
    kind = _choice(row, "kind", UnitKind)
    exit_point_kind = _choice(row, "exit_point_kind", ExitPointKind, blank=True)
    if kind == UnitKind.IMMIGRATION_POST and not exit_point_kind:
        raise _RowProblem(EXIT_POINT_REQUIRED)
    if kind != UnitKind.IMMIGRATION_POST and exit_point_kind:
        raise _RowProblem(EXIT_POINT_NOT_ALLOWED)
    return {"code": row["code"]}, {
        "name": row["name"],
        "name_ur": row["name_ur"],
        "kind": kind,
        "zone_id": _zone_id(row["zone"]),
        **_unit_place(row),
        "exit_point_kind": exit_point_kind,
    }


def _unit_place(row: Row) -> dict[str, int | None]:
    """Province and district ids of a unit; the district must lie in the province."""
    province_id = _id_of(Province, "province", row["province"])
    district_id = _id_of(District, "district", row["district"])
    if (
        province_id is not None
        and district_id is not None
        and not District.objects.filter(pk=district_id, province_id=province_id).exists()
    ):
        raise _RowProblem(
            DISTRICT_OUTSIDE_PROVINCE.format(district=row["district"], province=row["province"])
        )
    return {"province_id": province_id, "district_id": district_id}


def _court_row(row: Row) -> Converted:
    return {"code": row["code"]}, {
        "name": row["name"],
        "name_ur": row["name_ur"],
        "district_id": _id_of(District, "district", row["district"]),
        "level": _choice(row, "level", CourtLevel),
    }


def _statute_row(row: Row) -> Converted:
    crime_type = _choice(row, "crime_type", CrimeType)
    iccs_code = _matching(row, "iccs_code", r"(\d{4,6})?")
    if crime_type in (CrimeType.TIP, CrimeType.SOM) and not iccs_code:
        raise _RowProblem(ICCS_REQUIRED.format(crime_type=crime_type))
    return {"code": row["code"]}, {
        "act": row["act"],
        "act_ur": row["act_ur"],
        "act_short": row["act_short"],
        "year": _year(row),
        "section": row["section"],
        "description": row["description"],
        "description_ur": row["description_ur"],
        "crime_type": crime_type,
        "iccs_code": iccs_code,
        "in_force": _flag(row, "in_force"),
        "needs_legal_review": _flag(row, "needs_legal_review"),
        "compoundable": _flag(row, "compoundable"),
    }


def _term_row(row: Row) -> Converted:
    vocabulary = _choice(row, "vocabulary", Vocabulary)
    return {"vocabulary": vocabulary, "code": row["code"]}, {
        "label": row["label"],
        "label_ur": row["label_ur"],
        "source": row["source"],
    }


# Dependency order: a file only refers to codes of files above it (units also to earlier units).
_FILES: tuple[_FileSpec, ...] = (
    _FileSpec("provinces.csv", Province, ("code", "name", "name_ur"), _province_row),
    _FileSpec(
        "districts.csv",
        District,
        ("code", "name", "name_ur", "province", "is_known_source"),
        _district_row,
    ),
    _FileSpec("countries.csv", Country, ("code", "code3", "name", "name_ur"), _country_row),
    _FileSpec(
        "units.csv",
        Unit,
        ("code", "name", "name_ur", "kind", "zone", "province", "district", "exit_point_kind"),
        _unit_row,
    ),
    _FileSpec("courts.csv", Court, ("code", "name", "name_ur", "district", "level"), _court_row),
    _FileSpec(
        "statutes.csv",
        Statute,
        (
            "code",
            "act",
            "act_ur",
            "act_short",
            "year",
            "section",
            "description",
            "description_ur",
            "crime_type",
            "iccs_code",
            "in_force",
            "needs_legal_review",
            "compoundable",
        ),
        _statute_row,
    ),
    _FileSpec("terms.csv", Term, ("vocabulary", "code", "label", "label_ur", "source"), _term_row),
)
