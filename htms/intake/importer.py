"""Turning stored manifest rows into border events, a batch at a time.

Each row is read through the source's mapping, checked, compared with the rows already seen
from the same source (a row said twice is recorded once), matched against the register and
checked with its border event. A row with a problem stays in the correction queue with its
errors, and the rest of the batch goes on. The rows that pass are recorded together: their new
persons (with search keys and audit rows, ``persons_create_bulk``), border events and audit rows
in a few inserts. The caller wraps the batch in one transaction, so a batch is recorded whole or
not at all, and an import stopped at any moment goes on from its first row still pending.
"""

from collections.abc import Sequence
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.db import connection

from htms.accounts.models import User
from htms.audit.models import AuditAction, AuditObject
from htms.audit.services import AuditEntry, audit_records
from htms.common.copying import rows_copy
from htms.intake.entries import EntryInput, entry_errors, person_errors
from htms.intake.lookups import Lookups
from htms.intake.matching import Candidate, ExactIndex
from htms.intake.models import BorderEvent, Manifest, ManifestRow, MatchBasis, RowStatus
from htms.intake.rows import EntryDefaults, entry_from_values, fingerprint, mapped_values
from htms.intake.services.events import (
    border_event_record,
    border_event_row,
    border_event_snapshot,
    require_post,
)
from htms.persons.inputs import CleanPerson, ReferenceLookups, person_input_clean
from htms.persons.models import Person
from htms.persons.services import persons_create_bulk
from htms.reference.models import Unit

# Rows whose fingerprint makes a later identical row a duplicate.
_COUNTED = (RowStatus.IMPORTED, RowStatus.INVALID, RowStatus.TO_CONFIRM)


def manifest_defaults(manifest: Manifest) -> EntryDefaults:
    source = manifest.source
    return EntryDefaults(
        kind=source.kind,
        occurred_on=manifest.occurred_on,
        deporting_country_code=source.deporting_country.code if source.deporting_country else "",
        flight_or_vessel=manifest.flight_or_vessel,
        day_first=source.day_first,
    )


@dataclass
class _Prepared:
    row: ManifestRow
    entry: EntryInput


ROW_FIELDS = ["status", "errors", "fingerprint", "duplicate_of", "candidates", "border_event"]


def _rows_save(rows: Sequence[ManifestRow]) -> None:
    """Saves ``ROW_FIELDS`` of each row: one prepared UPDATE sent for every row at once, as
    ``bulk_update``'s one statement of CASE expressions costs more to build than to run."""
    fields = [f for f in ManifestRow._meta.concrete_fields if f.name in ROW_FIELDS]
    quote = connection.ops.quote_name
    assignments = ", ".join(f"{quote(str(f.column))} = %s" for f in fields)
    # Table and column names come from the model, every value is a parameter.
    sql = f"UPDATE {quote(ManifestRow._meta.db_table)} SET {assignments} WHERE id = %s"  # noqa: S608
    values = [
        [f.get_db_prep_save(getattr(row, f.attname), connection) for f in fields] + [row.pk]
        for row in rows
    ]
    with connection.cursor() as cursor:
        cursor.executemany(sql, values)


class RowImporter:
    """Imports rows of one manifest for one officer."""

    def __init__(self, *, actor: User, manifest: Manifest) -> None:
        self.actor, self.manifest = actor, manifest
        self.defaults = manifest_defaults(manifest)
        self.mapping: dict[str, str] = manifest.source.mapping
        self.lookups = Lookups.load()

    def entry(self, row: ManifestRow) -> EntryInput:
        values = mapped_values(row.raw, self.mapping, row.corrections)
        return entry_from_values(values, self.defaults, self.lookups)

    def run(self, rows: Sequence[ManifestRow]) -> None:
        """Sets each row's status (and event), in the rows' order, and saves the rows."""
        prepared = [self._prepare(row) for row in rows]
        index = ExactIndex(p.entry for p in prepared)
        seen = self._earlier({p.row.fingerprint for p in prepared}, [r.pk for r in rows])
        post = require_post(self.actor)
        persons = index.persons()
        checked = _Checked(post, self.lookups.references, persons, index.cnic_holders(persons))
        for p in prepared:
            first = seen.get(p.row.fingerprint)
            if first is not None:
                p.row.status, p.row.duplicate_of, p.row.errors = RowStatus.DUPLICATE, first, {}
                continue
            seen[p.row.fingerprint] = p.row
            self._check(p, index, checked)
        if checked.events:
            self._write(checked)
        _rows_save(rows)

    def _prepare(self, row: ManifestRow) -> _Prepared:
        values = mapped_values(row.raw, self.mapping, row.corrections)
        row.fingerprint = fingerprint(values, self.defaults)
        entry = entry_from_values(values, self.defaults, self.lookups)
        return _Prepared(row, entry)

    def _earlier(self, fingerprints: set[str], exclude: list[int]) -> dict[str, ManifestRow]:
        """The first earlier row of the same source for each fingerprint."""
        earlier: dict[str, ManifestRow] = {}
        rows = (
            ManifestRow.objects.filter(
                manifest__source_id=self.manifest.source_id,
                fingerprint__in=fingerprints,
                status__in=_COUNTED,
            )
            .exclude(pk__in=exclude)
            .order_by("-pk")
            .only("pk", "fingerprint", "number")
        )
        for row in rows:
            earlier[row.fingerprint] = row
        return earlier

    def _check(self, p: _Prepared, index: ExactIndex, checked: "_Checked") -> None:
        """Matches the row and checks it, with its border event, as ``border_event_record``
        would; a row with a problem, or with several persons to choose from, is marked and left
        out. Fuzzy candidates are looked for on the person's screen, not here, to keep imports
        fast."""
        row = p.row
        if p.entry.read_errors:
            row.status, row.errors = RowStatus.INVALID, entry_errors(p.entry)
            return
        match = index.match(p.entry)
        if match.ambiguous:
            row.status, row.errors = RowStatus.TO_CONFIRM, {}
            row.candidates = [c.as_json() for c in match.candidates]
            return
        new = match.person_id is None
        clean = None
        try:
            errors = entry_errors(p.entry, check_person=not new, references=checked.references)
            if errors:
                raise ValidationError(errors)
            if new:
                try:
                    clean = person_input_clean(p.entry.person, checked.references)
                except ValidationError as exc:
                    raise ValidationError(person_errors(exc, p.entry)) from None
            event = border_event_row(
                actor=self.actor, post=checked.post, entry=p.entry,
                person=Person() if match.person_id is None else checked.persons[match.person_id],
                new=new, basis=match.basis or MatchBasis.NEW, candidates=match.candidates,
                manifest=self.manifest, is_synthetic=self.manifest.is_synthetic,
                holds_cnic=match.person_id in checked.cnic_holders,
            )  # fmt: skip
        except ValidationError as exc:
            row.status, row.errors = RowStatus.INVALID, exc.message_dict
            return
        checked.add(row, event, clean)

    def _write(self, checked: "_Checked") -> None:
        """Records every checked row at once: the new persons (with their search keys and
        audit rows), the border events and their audit rows."""
        if checked.cleans:
            created = persons_create_bulk(
                actor=self.actor, cleans=checked.cleans, is_synthetic=self.manifest.is_synthetic
            )
            for event, person in zip(checked.new_events, created, strict=True):
                event.person = person
        rows_copy(checked.events)
        audit_records(
            actor=self.actor,
            entries=[
                AuditEntry(
                    action=AuditAction.CREATE,
                    object_type=AuditObject.BORDER_EVENT,
                    object_id=event.pk,
                    changes={"new": border_event_snapshot(event)},
                )
                for event in checked.events
            ],
        )
        for row, event in zip(checked.rows, checked.events, strict=True):
            row.status, row.errors, row.border_event, row.candidates = (
                RowStatus.IMPORTED, {}, event, []
            )  # fmt: skip

    def record(
        self,
        row: ManifestRow,
        entry: EntryInput,
        person_id: int | None,
        basis: str,
        candidates: list[Candidate] | None = None,
    ) -> None:
        """Records the row's border event, or marks the row invalid; does not save the row."""
        try:
            event = border_event_record(
                actor=self.actor,
                entry=entry,
                person_id=person_id,
                basis=basis or MatchBasis.NEW,
                candidates=candidates,
                manifest=self.manifest,
                is_synthetic=self.manifest.is_synthetic,
            )
        except ValidationError as exc:
            row.status, row.errors = RowStatus.INVALID, exc.message_dict
            return
        row.status, row.errors, row.border_event, row.candidates = (
            RowStatus.IMPORTED,
            {},
            event,
            [],
        )


@dataclass
class _Checked:
    """The rows of a batch that passed every check, with their border events not yet saved, and
    what checking them shares."""

    post: Unit
    references: ReferenceLookups
    persons: dict[int, Person]  # the persons the batch's numbers matched, by id
    cnic_holders: set[int]  # those of them with a CNIC in the register
    rows: list[ManifestRow] = field(default_factory=list)
    events: list[BorderEvent] = field(default_factory=list)
    new_events: list[BorderEvent] = field(default_factory=list)
    cleans: list[CleanPerson] = field(default_factory=list)

    def add(self, row: ManifestRow, event: BorderEvent, clean: CleanPerson | None) -> None:
        self.rows.append(row)
        self.events.append(event)
        if clean is not None:
            self.new_events.append(event)
            self.cleans.append(clean)
