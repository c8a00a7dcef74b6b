"""The public figures, as a table and as CSV."""

import csv

from django.http import HttpRequest, HttpResponse

from htms.public.figures import LABELS, public_figures
from htms.public.languages import PublicLanguage
from htms.public.views.frame import public_page, public_render


def _table() -> tuple[list[str], list[tuple[str, list[int | None]]]]:
    figures = public_figures()
    rows = [(str(LABELS[r.code]), [r.values.get(y) for y in figures.years]) for r in figures.rows]
    return figures.years, rows


@public_page(key_page=False, cached=True)
def statistics(request: HttpRequest, language: PublicLanguage) -> HttpResponse:
    years, rows = _table()
    context = {"years": years, "rows": rows, "k": public_figures().k}
    return public_render(request, language, "public/statistics.html", context)


@public_page(key_page=False, cached=True)
def statistics_csv(request: HttpRequest, language: PublicLanguage) -> HttpResponse:
    """Withheld figures are empty cells, as in the statistics work's own CSV files."""
    years, rows = _table()
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="htms-public-figures.csv"'
    writer = csv.writer(response)
    writer.writerow(["", *years])
    for label, values in rows:
        writer.writerow([label, *("" if v is None else v for v in values)])
    return response
