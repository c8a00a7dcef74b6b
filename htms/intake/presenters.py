"""A manifest's rows as one viewer may see them, decided here and not in templates.

The cells of a row are identity data of a person, even before any person exists in the
register. Only writers of the post that received the list see them
(``htms.intake.access.manifest_row_cells_visible``, on the one rule of
``htms/persons/access.py``). Everyone else sees the cells of the fields that identify nobody
(sex, nationality, dates and details of the journey) and a mask for every other cell, unmapped
columns included: an unknown column may hold a name or a number.
"""

from dataclasses import dataclass, field

from django.utils.translation import gettext as _

from htms.identity.numbers import cnic_digits
from htms.intake.fields import FIELD_LABELS
from htms.intake.models import ManifestRow
from htms.intake.selectors import PreviewRow
from htms.persons.validators import format_cnic

MASK = "•••"
# Fields whose cells identify nobody: shown to everyone who may see the manifest.
OPEN_FIELDS = frozenset(
    {
        "sex",
        "nationality",
        "occurred_on",
        "deporting_country",
        "destination",
        "return_reason",
        "fraud_kind",
        "escorted",
        "flight_or_vessel",
    }
)


def _masked_error() -> str:
    return _("Needs correction.")


@dataclass(frozen=True)
class RowView:
    """A manifest row: its cells (heading, text) and its problems (field label, messages)."""

    row_id: int
    number: int
    status: str
    status_label: str
    visible: bool
    cells: list[tuple[str, str]]
    errors: list[tuple[str, list[str]]]
    notes: list[str] = field(default_factory=list)
    note: str = ""
    duplicate: "DuplicateOf | None" = None
    border_event_id: int | None = None


@dataclass(frozen=True)
class DuplicateOf:
    """The earlier row a duplicate repeats; ``file_name`` is set when it is in another file."""

    row_id: int
    number: int
    file_name: str = ""


def masked_values(values: dict[str, str], visible: bool) -> dict[str, str]:
    """field key -> text, with every field that may identify a person masked."""
    if visible:
        return dict(values)
    return {k: (v if k in OPEN_FIELDS or not v else MASK) for k, v in values.items()}


def masked_errors(errors: dict[str, list[str]], visible: bool) -> dict[str, list[str]]:
    """A message may quote the cell (“3.52021E+12” is not a CNIC): masked like the cell."""
    if visible:
        return {k: list(v) for k, v in errors.items()}
    return {k: (list(v) if k in OPEN_FIELDS else [_masked_error()]) for k, v in errors.items()}


def row_cells(row: ManifestRow, mapping: dict[str, str], visible: bool) -> list[tuple[str, str]]:
    """(heading, text) of every cell as read; a cell of a field that may identify a person, or
    of a column no field reads, is masked."""
    if visible:
        return list(row.raw.items())
    open_headings = {heading for key, heading in mapping.items() if key in OPEN_FIELDS}
    return [(h, v if h in open_headings or not v else MASK) for h, v in row.raw.items()]


def row_view(row: ManifestRow, mapping: dict[str, str], visible: bool) -> RowView:
    errors = masked_errors(row.errors, visible)
    return RowView(
        row_id=row.pk,
        number=row.number,
        status=row.status,
        status_label=row.get_status_display(),
        visible=visible,
        cells=row_cells(row, mapping, visible),
        errors=[(str(FIELD_LABELS.get(k, k)), v) for k, v in errors.items()],
        notes=list(row.read_notes) if visible else [],
        note=row.note if visible else "",
        duplicate=_duplicate_of(row),
        border_event_id=row.border_event_id,
    )


def _duplicate_of(row: ManifestRow) -> DuplicateOf | None:
    """The rows of one source share a post, so whoever sees this row may open the earlier one."""
    earlier = row.duplicate_of
    if earlier is None:
        return None
    other_file = earlier.manifest.file_name if earlier.manifest_id != row.manifest_id else ""
    return DuplicateOf(earlier.pk, earlier.number, other_file)


def preview_masked(preview: list[PreviewRow], visible: bool) -> list[PreviewRow]:
    """The preview as the viewer may see it, a CNIC written 12345-1234567-1 as it will be read."""
    return [
        PreviewRow(
            r.number,
            masked_values(_cnic_shown(r.values), visible),
            masked_errors(r.errors, visible),
        )
        for r in preview
    ]


def _cnic_shown(values: dict[str, str]) -> dict[str, str]:
    digits = cnic_digits(values.get("cnic", ""))
    return {**values, "cnic": format_cnic(digits)} if digits else values
