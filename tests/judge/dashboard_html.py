"""Reading the judge's dashboard HTML in tests: per-status counts, rows, badges and cells."""

import re

import pytest
from django.core.cache import cache


@pytest.fixture(autouse=True)
def _no_throttle():
    """The 24-hour notices run at most once per 10 minutes (a cache key): start afresh."""
    cache.clear()


def counts(html: str) -> dict[str, int]:
    """The per-status counts of the (first) round on the page."""
    found = re.findall(r'<li data-state="(\w+)">.*?<strong>(\d+)</strong></li>', html, re.S)
    return {state: int(n) for state, n in found[:3]}


def entry_rows(html: str) -> list[int]:
    return [int(pk) for pk in re.findall(r'<tr data-entry="(\d+)">', html)]


def _row(html: str, entry) -> str:
    start = html.index(f'<tr data-entry="{entry.pk}">')
    return html[start : html.index("</tr>", start)]


def badges(html: str, entry) -> list[str]:
    return re.findall(r'<span class="krds-badge[^"]*">([^<]+)</span>', _row(html, entry))


def cell(html: str, entry, label: str) -> str:
    found = re.search(rf'<td data-label="{label}"[^>]*>(.*?)</td>', _row(html, entry), re.S)
    return re.sub(r"<[^>]+>", "", found.group(1)).strip()
