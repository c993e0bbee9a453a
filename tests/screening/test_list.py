"""The organizer's entry list: who may see it, filters, search, counts, paging, htmx."""

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from tests import factories as f
from tests.screening.conftest import english, make_entry

pytestmark = pytest.mark.django_db


def list_url(world, **params):
    url = reverse("screening:list", args=[world.contest.pk])
    if params:
        from urllib.parse import urlencode

        url += "?" + urlencode(params)
    return url


def titles(response):
    return [entry.title for entry in response.context["entries"]]


ALL = [
    "찾아라! 119 지름길",
    "스마트 버스정류장",
    "민원 원스톱 창구",
    "철회된 사례",
    "작성 중인 사례",
]


@pytest.mark.parametrize(
    ("who", "expected"),
    [
        ("plain", 403),
        ("member", 403),
        ("agency_admin", 403),
        ("judge", 403),
        ("other_organizer", 403),
    ],
)
def test_people_without_the_contest_are_refused(world, roles, login, who, expected):
    response = login(roles[who]).get(list_url(world))
    assert response.status_code == expected


def test_anonymous_is_sent_to_login(world):
    response = Client().get(list_url(world))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_login") + "?next=")


def test_unpublished_contest_is_hidden_from_other_users(world, roles, login):
    world.contest.is_published = False
    world.contest.save()
    assert login(roles["plain"]).get(list_url(world)).status_code == 404
    assert login(roles["other_organizer"]).get(list_url(world)).status_code == 404


def test_managers_see_every_entry_in_receipt_order_drafts_last(world, org, admin_client_):
    response = org.get(list_url(world))
    assert response.status_code == 200
    assert titles(response) == ALL
    assert titles(english(admin_client_).get(list_url(world))) == ALL
    html = response.content.decode()
    assert "Draft (not submitted)" in html
    assert 'class="screening-draft"' in html
    assert html.count('class="screening-draft"') == 1


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({"status": "submitted"}, ALL[:3]),
        ({"status": "draft"}, ["작성 중인 사례"]),
        ({"status": "withdrawn"}, ["철회된 사례"]),
        ({"screening": "eligible"}, ["스마트 버스정류장"]),
        ({"screening": "ineligible"}, ["민원 원스톱 창구"]),
        ({"screening": "pending"}, ["찾아라! 119 지름길", "철회된 사례", "작성 중인 사례"]),
        ({"kind": "local"}, ["민원 원스톱 창구", "철회된 사례"]),
        ({"kind": "central"}, ["찾아라! 119 지름길"]),
        ({"q": "버스"}, ["스마트 버스정류장"]),
        ({"q": "서울특별"}, ["스마트 버스정류장", "작성 중인 사례"]),
        ({"q": "gangnam"}, ["민원 원스톱 창구", "철회된 사례"]),
        ({"q": "2026-0003"}, ["민원 원스톱 창구"]),
        ({"q": "  0001 "}, ["찾아라! 119 지름길"]),
        ({"q": "없는 말"}, []),
        ({"kind": "metropolitan", "status": "submitted"}, ["스마트 버스정류장"]),
        ({"status": "bogus", "kind": "local"}, ["민원 원스톱 창구", "철회된 사례"]),
    ],
)
def test_filters_and_search(world, org, params, expected):
    assert titles(org.get(list_url(world, **params))) == expected


def test_category_filter(world, org):
    assert titles(org.get(list_url(world, category=world.central.pk))) == ALL[:1]
    assert titles(org.get(list_url(world, category=world.local.pk))) == ALL[1:]
    other = f.CategoryFactory()  # another contest's category is not a valid choice: ignored
    assert titles(org.get(list_url(world, category=other.pk))) == ALL


def test_counts_follow_the_filter(world, org):
    counts = org.get(list_url(world, kind="local")).context["counts"]
    assert counts["total"] == 2
    assert [(v, n) for v, _label, n in counts["by_status"]] == [
        ("draft", 0),
        ("submitted", 1),
        ("withdrawn", 1),
    ]
    assert [(v, n) for v, _label, n in counts["by_screening"]] == [
        ("pending", 1),
        ("eligible", 0),
        ("ineligible", 1),
    ]
    # Each facet's counts ignore that facet's own choice, and honour the other filters.
    counts = org.get(list_url(world, status="submitted")).context["counts"]
    assert counts["total"] == 3
    assert [n for _v, _l, n in counts["by_status"]] == [1, 3, 1]
    assert [n for _v, _l, n in counts["by_screening"]] == [1, 1, 1]
    html = org.get(list_url(world, status="submitted")).content.decode()
    assert "3 entries match." in html
    assert '<dd data-status="withdrawn">Withdrawn <strong>1</strong></dd>' in html


def test_paging_keeps_the_filters(world, org):
    for n in range(30):
        make_entry(world.contest, world.central, world.mois, f"사례 {n:02d}", number=100 + n)
    first = org.get(list_url(world, category=world.central.pk, q="사례"))
    assert titles(first) == [f"사례 {n:02d}" for n in range(25)]
    html = first.content.decode()
    expected_link = f"?category={world.central.pk}&amp;q=%EC%82%AC%EB%A1%80&amp;page=2"
    assert f'href="{expected_link}"' in html
    assert 'class="krds-pagination"' in html
    second = org.get(list_url(world, category=world.central.pk, q="사례", page=2))
    assert titles(second) == [f"사례 {n:02d}" for n in range(25, 30)]
    assert second.context["counts"]["total"] == 30
    # An impossible page number shows the last page instead of an error.
    assert titles(org.get(list_url(world, category=world.central.pk, q="사례", page=99))) == [
        f"사례 {n:02d}" for n in range(25, 30)
    ]


def test_htmx_gets_only_the_results(world, org):
    partial = org.get(list_url(world, q="버스"), headers={"HX-Request": "true"})
    html = partial.content.decode()
    assert partial.status_code == 200
    assert "<html" not in html
    assert 'id="screening-filter"' not in html
    assert "스마트 버스정류장" in html
    assert "찾아라! 119 지름길" not in html
    assert "1 entry matches." in html
    full = org.get(list_url(world, q="버스")).content.decode()
    assert "<html" in full
    assert 'id="screening-filter"' in full
    assert 'hx-get="' in full
    assert 'hx-push-url="true"' in full


def test_filter_form_and_export_link_keep_the_query(world, org):
    html = org.get(list_url(world, status="submitted", page=1)).content.decode()
    xlsx = reverse("reports:entries_xlsx", args=[world.contest.pk])
    assert f'href="{xlsx}?status=submitted"' in html
    assert '<option value="submitted" selected>' in html


def test_contest_page_links_to_entries_for_managers(world, org, roles, login):
    detail = reverse("contests:detail", args=[world.contest.pk])
    link = f'href="{list_url(world)}"'
    assert link in org.get(detail).content.decode()
    assert link not in login(roles["plain"]).get(detail).content.decode()


def _queries(client, url) -> int:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return len(queries)


@pytest.mark.parametrize("htmx", [False, True])
def test_list_query_count_does_not_grow(world, org, htmx, django_assert_num_queries):
    headers = {"HX-Request": "true"} if htmx else {}
    url = list_url(world, kind="local")
    small = _queries(org, url) if not htmx else None
    with CaptureQueriesContext(connection) as first:
        org.get(url, headers=headers)
    for n in range(40):
        agency = f.AgencyFactory(kind="local")
        entry = make_entry(world.contest, world.local, agency, f"더 많은 사례 {n}", number=10 + n)
        f.AnswerFactory(entry=entry, question=world.background)
    with django_assert_num_queries(len(first)):
        response = org.get(url, headers=headers)
    assert len(response.context["entries"]) == 25
    if small is not None:
        assert small == len(first)
