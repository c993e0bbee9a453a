"""Pages of the organizer's long lists (the ranking tables, robustness, the progress board's
entries): a fixed number of rows a page, so that a page's size does not grow with the contest
(issue 12: no page over 1 MB at 2,000 entries). The rows are already in memory (computed
results, counted boards): paging only cuts the list that is rendered.

`paged(rows, query, key=…)` reads the page number from `query[key]` (a bad or too large number
gives the first or last page) and keeps every other parameter of `query` in the links
(templates/scoring/_pager.html draws them).
"""

from dataclasses import dataclass

from django.core.paginator import Page, Paginator
from django.http import QueryDict

PER_PAGE = 100


@dataclass
class Pager:
    page: Page
    numbers: list  # page numbers with Paginator.ELLIPSIS where some are left out
    base: str  # "?…&page=": a link is base + number + anchor
    anchor: str = ""

    @property
    def rows(self) -> list:
        return list(self.page.object_list)


def paged(
    rows: list, query: QueryDict, *, key: str = "page", per_page: int = PER_PAGE, anchor: str = ""
) -> Pager:
    page = Paginator(rows, per_page).get_page(query.get(key))
    kept = query.copy()
    kept.pop(key, None)
    kept.pop("confirm", None)  # a link to another page never re-asks a confirmation
    prefix = kept.urlencode()
    numbers = list(page.paginator.get_elided_page_range(page.number, on_each_side=2, on_ends=1))
    return Pager(
        page=page,
        numbers=numbers,
        base=f"?{prefix}&{key}=" if prefix else f"?{key}=",
        anchor=f"#{anchor}" if anchor else "",
    )
