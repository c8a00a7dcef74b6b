"""Turning stored manifest rows into border events, a batch at a time.

Each row is read through the source's mapping, checked, compared with the rows already seen
from the same source (a row said twice is recorded once), matched against the register and
recorded in its own savepoint: a row that fails stays in the correction queue with its errors,
and the rest of the batch goes on. The caller wraps the batch in one transaction.
"""

from collections.abc import Sequence
from dataclasses import dataclass

from django.core.exceptions import ValidationError

from htms.accounts.models import User
from htms.intake.entries import EntryInput, entry_errors
from htms.intake.lookups import Lookups
from htms.intake.matching import Candidate, ExactIndex
from htms.intake.models import Manifest, ManifestRow, MatchBasis, RowStatus
from htms.intake.rows import EntryDefaults, entry_from_values, fingerprint, mapped_values
from htms.intake.services.events import border_event_record

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
        for p in prepared:
            first = seen.get(p.row.fingerprint)
            if first is not None:
                p.row.status, p.row.duplicate_of, p.row.errors = RowStatus.DUPLICATE, first, {}
                continue
            seen[p.row.fingerprint] = p.row
            self._import(p, index)
        ManifestRow.objects.bulk_update(rows, ROW_FIELDS)

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

    def _import(self, p: _Prepared, index: ExactIndex) -> None:
        """Matches and records the row; ``border_event_record`` checks it and refuses it whole
        when anything is wrong, and the row waits for correction with the errors. Fuzzy
        candidates are looked for on the person's screen, not here, to keep imports fast."""
        row = p.row
        if p.entry.read_errors:
            row.status, row.errors = RowStatus.INVALID, entry_errors(p.entry)
            return
        match = index.match(p.entry)
        if match.ambiguous:
            row.status, row.errors = RowStatus.TO_CONFIRM, {}
            row.candidates = [c.as_json() for c in match.candidates]
            return
        self.record(row, p.entry, match.person_id, match.basis, match.candidates)

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
