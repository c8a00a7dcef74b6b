"""Reading manifest files (CSV in any common encoding, XLSX) in constant memory."""

from htms.intake.parsing.dates import DateError, ParsedDate, parse_date
from htms.intake.parsing.scan import FileProblem, FileScan, scan_file
from htms.intake.parsing.table import Table, TableRow, open_table

__all__ = [
    "DateError",
    "FileProblem",
    "FileScan",
    "ParsedDate",
    "Table",
    "TableRow",
    "open_table",
    "parse_date",
    "scan_file",
]
