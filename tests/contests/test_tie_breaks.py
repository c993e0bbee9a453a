"""The tie-break chain page (contests:tie_breaks): list in order, add with validation (messages in
Korean), move, remove, with and without htmx; locked once the results are published. Also the
award tiers' `per_category` box and the chain on the contest's overview."""

import re
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone, translation

from contests.models import AwardTier, TieBreakRule
from contests.services.tie_breaks import check_tie_break, tie_break_add
from tests import factories as f

pytestmark = pytest.mark.django_db

HX = {"HTTP_HX_REQUEST": "true"}
NOT_NEEDED = "비워 두십시오. “%s” 규칙에는 필요하지 않습니다."
TIMES = "\N{MULTIPLICATION SIGN}"


@pytest.fixture(autouse=True)
def _english(settings):
    """These pages are checked in Korean, the default language (overrides the package's
    English fixture)."""
    settings.LANGUAGE_CODE = "ko"
    with translation.override("ko"):
        yield


@pytest.fixture
def setup(contest, round1):
    round2 = f.RoundFactory(contest=contest, order=1, name_ko="2차 발표심사", name_en="")
    innovation = f.CriterionFactory(round=round1, name_ko="혁신성", name_en="", order=0)
    effect = f.CriterionFactory(round=round1, name_ko="효과성", name_en="", order=1)
    experts = f.PanelFactory(round=round2, name_ko="전문가", name_en="", weight=Decimal("50"))
    return {"round1": round1, "round2": round2, "innovation": innovation, "effect": effect,
            "experts": experts}  # fmt: skip


def page_url(contest):
    return reverse("contests:tie_breaks", args=[contest.pk])


def steps(contest):
    """(kind, target name) of every step, in order."""
    return [
        (rule.kind, str(rule.criterion or rule.round or rule.panel or ""))
        for rule in TieBreakRule.objects.filter(contest=contest)
    ]


def labels(html: str) -> list[str]:
    """The chain as listed on the page, one text per step."""
    found = re.findall(r'<span id="tie-break-\d+-label">(.*?)</span>', html, re.S)
    return [" ".join(text.split()) for text in found]


def field_errors(html: str) -> list[str]:
    return re.findall(r'<p class="form-hint-invalid" id="id_\w+_error">(.*?)</p>', html)


def test_adds_steps_in_order_without_javascript(organizer_client, contest, setup):
    url = page_url(contest)
    posts = [
        {"action": "add", "kind": "criterion", "criterion": setup["innovation"].pk},
        {"action": "add", "kind": "round", "round": setup["round1"].pk},
        {"action": "add", "kind": "panel", "panel": setup["experts"].pk},
        {"action": "add", "kind": "untrimmed"},
        {"action": "add", "kind": "first_places"},
    ]
    for data in posts:
        response = organizer_client.post(url, data)
        assert (response.status_code, response["Location"]) == (302, url)
    assert steps(contest) == [
        ("criterion", "혁신성"),
        ("round", "1차 서면심사"),
        ("panel", "전문가"),
        ("untrimmed", ""),
        ("first_places", ""),
    ]
    assert list(TieBreakRule.objects.values_list("order", flat=True)) == [0, 1, 2, 3, 4]
    html = organizer_client.get(url).content.decode()
    assert labels(html) == [
        "평가항목 평균이 높은 순: 1차 서면심사 · 혁신성",
        "다른 심사 단계의 점수가 높은 순: 1차 서면심사",
        "심사위원단의 점수가 높은 순: 2차 발표심사 · 전문가",
        "최고·최저점을 제외하지 않은 평균이 높은 순",
        "심사위원 1순위를 더 많이 받은 순",
    ]


@pytest.mark.parametrize(
    ("data", "errors"),
    [
        ({"kind": "criterion"}, ["어느 평가항목의 평균으로 가릴지 선택하십시오."]),
        ({"kind": "round"}, ["어느 심사 단계의 점수로 가릴지 선택하십시오."]),
        ({"kind": "panel"}, ["어느 심사위원단의 점수로 가릴지 선택하십시오."]),
        (
            {"kind": "untrimmed", "criterion": "innovation", "round": "round2"},
            [NOT_NEEDED % "최고·최저점을 제외하지 않은 평균이 높은 순"] * 2,
        ),
        ({"kind": "criterion", "criterion": "foreign"}, ["이 경진대회의 평가항목을 선택하십시오."]),
        ({"kind": "round", "round": "foreign"}, ["이 경진대회의 심사 단계를 선택하십시오."]),
        ({"kind": "panel", "panel": "foreign"}, ["이 경진대회의 심사위원단을 선택하십시오."]),
    ],
)
def test_refuses_a_step_with_the_reason_next_to_the_field(
    organizer_client, contest, setup, data, errors
):
    other = f.RoundFactory(name_ko="남의 단계")
    foreign = {
        "criterion": f.CriterionFactory(round=other).pk,
        "round": other.pk,
        "panel": f.PanelFactory(round=other).pk,
    }
    post = {"action": "add"}
    for name, value in data.items():
        post[name] = foreign[name] if value == "foreign" else setup.get(value, value)
        post[name] = getattr(post[name], "pk", post[name])
    response = organizer_client.post(page_url(contest), post)
    assert response.status_code == 200
    assert field_errors(response.content.decode()) == errors
    assert TieBreakRule.objects.count() == 0


def test_refuses_the_same_step_twice(organizer_client, contest, setup):
    tie_break_add(contest=contest, kind="criterion", criterion=setup["innovation"])
    data = {"action": "add", "kind": "criterion", "criterion": setup["innovation"].pk}
    response = organizer_client.post(page_url(contest), data)
    html = response.content.decode()
    assert response.status_code == 200
    assert '<p class="form-hint-invalid">이미 동점자 처리 순서에 있는 단계입니다.</p>' in html
    assert TieBreakRule.objects.count() == 1


def test_the_service_checks_the_same_rules_as_the_form(contest, setup):
    other = f.RoundFactory()
    with pytest.raises(ValidationError) as refused:
        check_tie_break(contest=contest, kind="round", round_=other)
    assert refused.value.message_dict == {"round": ["이 경진대회의 심사 단계를 선택하십시오."]}
    with pytest.raises(ValidationError) as refused:
        check_tie_break(contest=contest, kind="fastest")
    assert refused.value.message_dict == {"kind": ["목록에서 규칙을 선택하십시오."]}


def test_moves_and_removes_steps_with_htmx(organizer_client, contest, setup):
    first = tie_break_add(contest=contest, kind="criterion", criterion=setup["effect"])
    second = tie_break_add(contest=contest, kind="untrimmed")
    third = tie_break_add(contest=contest, kind="first_places")
    url = page_url(contest)
    response = organizer_client.post(url, {"action": "up", "rule": third.pk}, **HX)
    html = response.content.decode()
    assert response.status_code == 200
    assert html.lstrip().startswith('<div id="tie-breaks">')
    assert "<html" not in html
    assert labels(html) == [
        "평가항목 평균이 높은 순: 1차 서면심사 · 효과성",
        "심사위원 1순위를 더 많이 받은 순",
        "최고·최저점을 제외하지 않은 평균이 높은 순",
    ]
    organizer_client.post(url, {"action": "down", "rule": first.pk}, **HX)
    assert [r.pk for r in TieBreakRule.objects.filter(contest=contest)] == [
        third.pk,
        first.pk,
        second.pk,
    ]
    response = organizer_client.post(url, {"action": "delete", "rule": third.pk})
    assert (response.status_code, response["Location"]) == (302, url)
    assert list(TieBreakRule.objects.filter(contest=contest).values_list("pk", "order")) == [
        (first.pk, 0),
        (second.pk, 1),
    ]


def test_moving_past_either_end_changes_nothing(organizer_client, contest, setup):
    first = tie_break_add(contest=contest, kind="untrimmed")
    last = tie_break_add(contest=contest, kind="first_places")
    organizer_client.post(page_url(contest), {"action": "up", "rule": first.pk})
    organizer_client.post(page_url(contest), {"action": "down", "rule": last.pk})
    assert steps(contest) == [("untrimmed", ""), ("first_places", "")]


def test_a_step_of_another_contest_or_a_bad_action_is_refused(organizer_client, contest, setup):
    foreign = tie_break_add(contest=f.ContestFactory(), kind="untrimmed")
    url = page_url(contest)
    assert organizer_client.post(url, {"action": "delete", "rule": foreign.pk}).status_code == 404
    assert organizer_client.post(url, {"action": "delete", "rule": "x"}).status_code == 404
    assert organizer_client.post(url, {"action": "shuffle"}).status_code == 400
    assert organizer_client.post(url, {}).status_code == 400
    assert TieBreakRule.objects.filter(pk=foreign.pk).exists()


def test_published_results_lock_the_chain(organizer_client, contest, setup):
    rule = tie_break_add(contest=contest, kind="untrimmed")
    contest.results_published_at = timezone.now()
    contest.save()
    url = page_url(contest)
    message = "결과가 공개되어 동점자 처리 기준을 더 이상 바꿀 수 없습니다."
    page = organizer_client.get(url).content.decode()
    assert f'<p class="form-hint-invalid" role="alert">{message}</p>' in page
    assert 'name="action"' not in page
    response = organizer_client.post(url, {"action": "delete", "rule": rule.pk})
    assert response.status_code == 409
    response = organizer_client.post(url, {"action": "add", "kind": "first_places"})
    assert response.status_code == 409
    assert message in response.content.decode()
    assert steps(contest) == [("untrimmed", "")]


def test_overview_lists_the_chain_and_links_the_page(organizer_client, client, contest, setup):
    tie_break_add(contest=contest, kind="criterion", criterion=setup["innovation"])
    tie_break_add(contest=contest, kind="first_places")
    detail = reverse("contests:detail", args=[contest.pk])
    html = organizer_client.get(detail).content.decode()
    assert f'href="{page_url(contest)}">동점자 처리 기준 수정</a>' in html
    chain = re.search(r'id="tie-breaks-title".*?<ol[^>]*>(.*?)</ol>', html, re.S).group(1)
    assert re.findall(r"<li>(.*?)</li>", chain, re.S) == [
        "평가항목 평균이 높은 순: 1차 서면심사 · 혁신성",
        "심사위원 1순위를 더 많이 받은 순",
    ]
    assert page_url(contest) not in client.get(detail).content.decode()


def test_award_tiers_can_be_given_per_category(organizer_client, contest):
    url = reverse("contests:awards", args=[contest.pk])
    data = {
        "rows-TOTAL_FORMS": "2", "rows-INITIAL_FORMS": "0",
        "rows-MIN_NUM_FORMS": "0", "rows-MAX_NUM_FORMS": "1000",
        "rows-0-name_ko": "대상", "rows-0-count": "1", "rows-0-ORDER": "1",
        "rows-1-name_ko": "우수상", "rows-1-count": "2", "rows-1-per_category": "on",
        "rows-1-ORDER": "2",
    }  # fmt: skip
    assert organizer_client.post(url, data).status_code == 302
    assert list(AwardTier.objects.values_list("name_ko", "count", "per_category")) == [
        ("대상", 1, False),
        ("우수상", 2, True),
    ]
    page = organizer_client.get(url).content.decode()
    assert '<th scope="col">부문별</th>' in page
    assert (
        '<input type="checkbox" name="rows-1-per_category" id="id_rows-1-per_category" checked>'
        in page
    )
    detail = organizer_client.get(reverse("contests:detail", args=[contest.pk]))
    tiers = f"<li>대상 {TIMES} 1</li><li>우수상 {TIMES} 2 (부문별)</li>"
    assert tiers in detail.content.decode()
