"""The tables of the UNODC questionnaire (UN-CTS and the Global Report on Trafficking in
Persons) by ICCS code: each counting unit by ICCS code and year, as one XLSX sheet per unit,
under the acting user's disclosure control; audited."""

from htms.accounts.models import User
from htms.statistics.dimensions import Dimension
from htms.statistics.downloads import Grid, sheets_xlsx, table_grid
from htms.statistics.figures import CountingUnit
from htms.statistics.published import statistics_k_for, unit_tables
from htms.statistics.services import statistics_export_record


def unodc_sheets(*, user: User) -> list[tuple[str, Grid]]:
    """Per counting unit, its people by ICCS code (rows) and year (columns)."""
    sheets = []
    for unit in CountingUnit.values:
        table = unit_tables(user=user, unit=unit, facts=[Dimension.ICCS])[Dimension.ICCS]
        sheets.append((unit, table_grid(table)))
    return sheets


def unodc_export(*, user: User) -> bytes:
    """The workbook for a user who may read statistics (checked by the caller)."""
    book = sheets_xlsx(unodc_sheets(user=user))
    statistics_export_record(
        actor=user, figure="unodc-iccs", k=statistics_k_for(user), details={"format": "xlsx"}
    )
    return book
