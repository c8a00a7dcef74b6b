"""``htms refresh_statistics``: rebuilds the table of people counted that every figure is
counted from (``docs/statistics.md``); run it from cron to keep pages from refreshing it."""

from typing import Any

from django.core.management.base import BaseCommand

from htms.statistics.refresh import statistics_refresh


class Command(BaseCommand):
    help = (
        "Rebuilds the table of the people counted, from every case, in one transaction: the "
        "figures of the pages, reports and API are as of its last refresh. Figures older than "
        "HTMS_STATISTICS_MAX_AGE seconds are refreshed before they are read anyway."
    )

    def handle(self, *args: Any, **options: Any) -> None:
        done = statistics_refresh()
        self.stdout.write(f"Counted {done.rows} rows of people in {done.seconds:.1f} s.")
