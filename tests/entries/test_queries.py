"""/entries/ runs a fixed number of queries whatever the number of entries and contests."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from tests import factories as f

pytestmark = pytest.mark.django_db


def make_data(n, agency):
    for _ in range(n):
        contest = f.ContestFactory()
        category = f.CategoryFactory(contest=contest)
        f.CategoryFactory(contest=contest)
        f.EntryFactory(contest=contest, category=category, agency=agency)
        f.EntryFactory(contest=contest, category=category)  # another agency's


def test_entry_list_query_count_does_not_grow(
    client_for, member, agency, django_assert_num_queries
):
    http = client_for(member)
    make_data(2, agency)
    with CaptureQueriesContext(connection) as small:
        response = http.get(reverse("entries:list"))
    assert len(response.context["entries"]) == 2
    make_data(10, agency)
    with django_assert_num_queries(len(small)):
        response = http.get(reverse("entries:list"))
    assert len(response.context["entries"]) == 12
    assert len(response.context["contests"]) == 12
