from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from htms.cases.models import Stage
from htms.cases.selectors import case_counts
from htms.reference.models import CrimeType
from htms.web.views.common import current_user


@login_required
def statistics(request: HttpRequest) -> HttpResponse:
    rows = case_counts(user=current_user(request))
    table: dict[str, dict[str, int]] = {}
    for row in rows:
        table.setdefault(row.crime_type, {}).setdefault(row.stage, 0)
        table[row.crime_type][row.stage] += row.cases
    return render(
        request,
        "web/statistics.html",
        {
            "rows": rows,
            "stages": Stage.choices,
            "table": [
                (CrimeType(ct).label, [table[ct].get(s, 0) for s, _ in Stage.choices])
                for ct in sorted(table)
            ],
        },
    )
