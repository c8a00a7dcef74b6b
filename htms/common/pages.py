"""Page numbers for long lists that never count every match: a list of 200,000 cases counts
only as far as the pages near the one shown, and says "more than …" beyond."""

from functools import cached_property
from typing import Any

from django.core.paginator import Paginator
from django.db.models import QuerySet

# How many pages past the one shown are counted before the list says "more than".
PAGES_COUNTED_AHEAD = 10
# Page numbers above this are read as this (the last page is shown), so the count's LIMIT
# stays a number every database accepts.
HIGHEST_PAGE_NUMBER = 1_000_000


def page_number(raw: str | None) -> int:
    """The page asked for in the query string: 1 when missing or not a positive whole number."""
    try:
        number = int(raw or "1")
    except ValueError:
        return 1
    return min(max(number, 1), HIGHEST_PAGE_NUMBER)


class BoundedPaginator(Paginator):  # type: ignore[type-arg]
    """A paginator whose count stops a few pages after the page asked for, unless ``exact``.

    ``more`` tells whether matches go on past the counted ones: the page then shows "more than
    ``count``" and the number of pages counted so far. Asking for a page past the end counts
    every match (the count reaches the end) and shows the last page, as Django's does."""

    def __init__(
        self, object_list: QuerySet[Any], per_page: int, *, number: int, exact: bool = False
    ) -> None:
        super().__init__(object_list, per_page)
        self.matches = object_list
        self.exact = exact
        self.limit = (number + PAGES_COUNTED_AHEAD) * per_page + 1

    @cached_property
    def count(self) -> int:
        if self.exact:
            return self.matches.count()
        return self.matches.values("pk").order_by()[: self.limit].count()

    @property
    def more(self) -> bool:
        """True if there are more matches than were counted."""
        return not self.exact and self.count >= self.limit

    @property
    def counted(self) -> int:
        """The number to show: the exact count, or the one that "more than" is followed by."""
        return self.count - 1 if self.more else self.count
