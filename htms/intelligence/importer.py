"""Importing an existing list of agents (CSV or XLSX), read like border manifests.

The file is read by the manifest reader (``htms.intake.parsing``: any common encoding, XLSX in
constant memory, title rows and blank rows reported). Columns are mapped by their headings:
the person's columns with the manifest synonyms (``htms.intake.fields.suggest_mapping``), the
dossier's with those below. Each row is matched against the register by CNIC among the persons
the officer may find (``searchable_persons``); without a match a person is created. Every fact
of the row is recorded as a manual entry naming the list and the row, with the grading given
for the whole list. A row is written whole or not at all: a refused row goes to the correction
list with its messages, to be fixed and uploaded again.
"""

from dataclasses import dataclass, field
from typing import BinaryIO

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext_lazy as _

from htms.accounts.models import User
from htms.audit.models import AuditAction, AuditObject
from htms.audit.services import audit_record
from htms.common.errors import NotAllowedError
from htms.identity.access import searchable_persons
from htms.intake.fields import normal_heading, suggest_mapping
from htms.intake.parsing import FileProblem, open_table, scan_file
from htms.intelligence.access import fact_may_write
from htms.intelligence.inputs import FactInput
from htms.intelligence.services import fact_create
from htms.persons.inputs import DocumentInput, PersonInput
from htms.persons.models import IdentityDocument, Person
from htms.persons.services import person_create
from htms.persons.validators import normalize_cnic

# Dossier columns: fact kind -> headings that name it.
FACT_HEADINGS = {
    "alias": ("alias", "aliases", "aka", "also known as", "عرف"),
    "status": ("status", "agent status", "حیثیت"),
    "area": ("area", "area of operation", "operates in"),
    "modus_operandi": ("modus operandi", "mo", "method"),
    "network_role": ("role", "network role"),
    "licence": ("licence", "license", "oep licence", "promoter licence"),
    "vehicle": ("vehicle", "vehicle no"),
    "organisation": ("organisation", "organization", "agency", "company", "recruiting agency"),
    "account": ("account", "bank account", "wallet"),
}
PERSON_KEYS = ("full_name", "full_name_ur", "father_name", "cnic", "phone", "address")
NO_NAME = _("The row has no name.")
NO_FACT = _(
    "The row holds no fact about the agent (alias, status, area...), and no status was given "
    "for the whole list."
)


@dataclass
class RefusedRow:
    number: int
    values: dict[str, str]
    messages: list[str]


@dataclass
class ImportResult:
    mapping: dict[str, str]
    notes: list[str]
    created: list[int] = field(default_factory=list)
    matched: list[int] = field(default_factory=list)
    refused: list[RefusedRow] = field(default_factory=list)


@dataclass(frozen=True)
class ListGrading:
    source_reference: str
    reliability: str
    credibility: str
    handling_code: str
    status: str = ""


def agent_mapping(headers: list[str]) -> dict[str, str]:
    """Field or fact kind -> the heading of the column that holds it."""
    mapping = {k: h for k, h in suggest_mapping(headers).items() if k in PERSON_KEYS}
    for kind, names in FACT_HEADINGS.items():
        for heading in headers:
            if normal_heading(heading) in names and heading not in mapping.values():
                mapping[kind] = heading
                break
    return mapping


def _row_facts(values: dict[str, str], grading: ListGrading, number: int) -> list[FactInput]:
    source = f"{grading.source_reference}, row {number}"
    given = [(kind, value) for kind, value in values.items() if kind in FACT_HEADINGS and value]
    given = [(k, _status_code(v) if k == "status" else v) for k, v in given]
    if grading.status and "status" not in values:
        given.append(("status", grading.status))
    return [
        FactInput(
            kind=kind,
            value=value,
            source_kind="manual",
            source_reference=source,
            reliability=grading.reliability,
            credibility=grading.credibility,
            handling_code=grading.handling_code,
        )
        for kind, value in given
    ]


def _status_code(text: str) -> str:
    """ "On bail" and "on-bail" are ``on_bail``."""
    return "_".join(text.casefold().replace("-", " ").split())


def _match(actor: User, cnic: str) -> Person | None:
    if not cnic:
        return None
    number = normalize_cnic(cnic)
    found = IdentityDocument.objects.filter(
        kind="cnic", number=number, person__in=searchable_persons(actor)
    ).select_related("person")
    document = found.first()
    return document.person if document else None


def _person_input(values: dict[str, str]) -> PersonInput:
    cnic = values.get("cnic", "")
    return PersonInput(
        full_name=values.get("full_name", ""),
        full_name_ur=values.get("full_name_ur", ""),
        father_name=values.get("father_name", ""),
        documents=[DocumentInput(kind="cnic", number=cnic)] if cnic else [],
        phones=[values["phone"]] if values.get("phone") else [],
        address_text=values.get("address", ""),
    )


def _import_row(
    actor: User, values: dict[str, str], grading: ListGrading, number: int, result: ImportResult
) -> None:
    if not (values.get("full_name") or values.get("full_name_ur")):
        raise ValidationError(str(NO_NAME))
    facts = _row_facts(values, grading, number)
    if not facts:
        raise ValidationError(str(NO_FACT))
    person = _match(actor, values.get("cnic", ""))
    if person is None:
        person = person_create(actor=actor, data=_person_input(values))
        result.created.append(person.pk)
    else:
        result.matched.append(person.pk)
    for data in facts:
        fact_create(actor=actor, person=person, data=data)


def agents_import(
    *, actor: User, stream: BinaryIO, name: str, grading: ListGrading
) -> ImportResult:
    """Imports an agents list: case writers and analysts (NotAllowedError otherwise). A file
    that cannot be read raises FileProblem; each refused row is returned, not written. One
    audit row for the import besides those of each person and fact."""
    if not fact_may_write(actor):
        raise NotAllowedError()
    table = open_table(stream, scan_file(stream))
    mapping = agent_mapping(table.headers)
    result = ImportResult(mapping=mapping, notes=table.notes)
    for row in table.rows():
        values = {key: row.values.get(heading, "").strip() for key, heading in mapping.items()}
        try:
            with transaction.atomic():
                _import_row(actor, values, grading, row.number, result)
        except ValidationError as exc:
            result.refused.append(RefusedRow(row.number, row.values, list(exc.messages)))
    audit_record(
        actor=actor,
        action=AuditAction.CREATE,
        object_type=AuditObject.AGENT_LIST,
        object_id="import",
        changes={
            "file": name,
            "created": result.created,
            "matched": result.matched,
            "refused": [r.number for r in result.refused],
        },
    )
    return result


__all__ = ["FileProblem", "ImportResult", "ListGrading", "agents_import"]
