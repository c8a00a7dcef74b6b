"""The yearly national figures the public sees: cases, persons prosecuted, persons convicted,
victims identified. They are the figures of the statistics work as a national reader sees them,
under its disclosure control (``htms/statistics/published.py``): a yearly figure of fewer than
``HTMS_STATISTICS_K`` people, or one that would reveal such a figure, is withheld. They are
read from the replica where one is configured (``htms/common/replica.py``).
"""

from dataclasses import dataclass

from django.core.cache import cache
from django.utils.translation import gettext_lazy as _

from htms.accounts.models import Role, User
from htms.common.replica import replica_reads
from htms.statistics.dimensions import Dimension
from htms.statistics.figures import CountingUnit
from htms.statistics.funnel import FIRS, case_funnel
from htms.statistics.published import PublishedRow, unit_tables

CACHE_KEY = "public:figures"
CACHE_SECONDS = 3600
ROWS = (
    (CountingUnit.VICTIMS, _("Victims identified")),
    (CountingUnit.PROSECUTED, _("Persons prosecuted")),
    (CountingUnit.CONVICTED, _("Persons convicted at trial")),
)


@dataclass(frozen=True)
class FigureRow:
    code: str
    values: dict[str, int | None]


@dataclass(frozen=True)
class PublicFigures:
    years: list[str]
    rows: list[FigureRow]
    k: int


def _national_reader() -> User:
    """No one in particular with a national view: the public gets what an analyst at
    headquarters gets, never whole counts (unsaved, never logged in)."""
    return User(username="public-portal", role=Role.ANALYST, is_active=True)


def _values(columns: list[str], row: PublishedRow | None) -> dict[str, int | None]:
    if row is None:
        return {}
    return dict(zip(columns, row.cells, strict=True))


@replica_reads()
def _computed() -> PublicFigures:
    reader = _national_reader()
    funnel = case_funnel(user=reader)
    firs = next(r for r in funnel.rows if r.code == FIRS)
    rows = [FigureRow("cases", _values(funnel.columns, firs))]
    k = funnel.k or 0
    for unit, _label in ROWS:
        table = unit_tables(user=reader, unit=unit)[Dimension.PROVINCE]
        rows.append(FigureRow(unit, _values(table.columns, table.totals)))
    years = sorted({year for row in rows for year in row.values})
    return PublicFigures(years, rows, k)


def public_figures() -> PublicFigures:
    """The figures, computed at most once an hour: they change with the year, not the day."""
    figures = cache.get(CACHE_KEY)
    if not isinstance(figures, PublicFigures):
        figures = _computed()
        cache.set(CACHE_KEY, figures, CACHE_SECONDS)
    return figures


LABELS = {"cases": _("Cases registered with an FIR"), **dict(ROWS)}
