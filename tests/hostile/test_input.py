"""Issue 7, hostile input (items 17, 18): ids past 64 bits and numbers past 4,300 digits, NUL bytes.

Items 19 and 20 are in test_input_files.py, items 22 and 23 in test_input_entries.py."""

from urllib.parse import urlencode

import pytest
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from django.urls.converters import IntConverter

from config.ids import MAX_ID, IdConverter, parse_id
from contests.models import EntryQuestion
from submissions.models import Answer, Entry
from tests.permissions.test_matrix import url_for
from tests.permissions.world import build_world

FORM = "application/x-www-form-urlencoded"
HUGE = "9" * 25  # past 64 bits: SQLite cannot bind it
ENORMOUS = "7" * 5000  # past Python's 4,300-digit int() limit


# --- Item 17: ids past 64 bits and numbers past 4,300 digits ---------------------------------


def _patterns(patterns=None, namespace="", inherited=()):
    """(URL name, {parameter: converter}) of every named URL outside the Django admin."""
    for pattern in get_resolver().url_patterns if patterns is None else patterns:
        converters = (*inherited, *pattern.pattern.converters.items())
        if isinstance(pattern, URLResolver):
            if pattern.namespace != "admin":
                inner = ":".join(n for n in (namespace, pattern.namespace) if n)
                yield from _patterns(pattern.url_patterns, inner, converters)
        elif isinstance(pattern, URLPattern) and pattern.name:
            yield f"{namespace}:{pattern.name}".lstrip(":"), dict(converters)


def test_item_17_every_url_id_uses_the_bounded_converter():
    unbounded = [
        f"{name} <{param}>"
        for name, converters in _patterns()
        for param, converter in converters.items()
        if isinstance(converter, IntConverter)
    ]
    assert unbounded == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("1", 1),
        ("0042", 42),
        (str(MAX_ID), MAX_ID),
        (str(MAX_ID + 1), None),
        ("0", None),
        ("-1", None),
        (" 1", None),
        ("\uff11", None),  # full-width digit one
        ("1.0", None),
        ("", None),
        (None, None),
        (HUGE, None),
        (ENORMOUS, None),
        (7, 7),
        (True, None),
    ],
)
def test_item_17_parse_id(text, expected):
    assert parse_id(text) == expected


def test_item_17_converter_refuses_past_64_bits():
    converter = IdConverter()
    assert converter.to_python(str(MAX_ID)) == MAX_ID
    with pytest.raises(ValueError, match=str(MAX_ID + 1)):
        converter.to_python(str(MAX_ID + 1))


def post_form(client, url: str, data: dict):
    """POST as a browser or htmx does: application/x-www-form-urlencoded."""
    return client.post(url, urlencode(data, doseq=True), content_type=FORM)


SENTINEL = 918273645546372819  # reversed into a URL, then replaced by the huge id


@pytest.mark.django_db
@pytest.mark.parametrize("method", ["get", "post"])
def test_item_17_a_25_digit_id_in_any_url_is_404(method):
    """Every URL with an id parameter, each id in turn past 64 bits, as a site admin: 404.
    New URLs are covered as they are added (the resolver is walked)."""
    world = build_world()
    client = world.client("site_admin")
    cases = [
        (name, param)
        for name, converters in _patterns()
        for param, converter in converters.items()
        if isinstance(converter, IdConverter)
    ]
    assert len(cases) > 50
    wrong = {}
    for name, param in cases:
        kwargs = dict(get_resolver().resolve(url_for(name, world)).kwargs)
        kwargs[param] = SENTINEL
        url = reverse(name, kwargs=kwargs).replace(str(SENTINEL), HUGE)
        status = getattr(client, method)(url).status_code
        if status != 404:
            wrong[f"{name} <{param}>"] = status
    assert wrong == {}


def _form_cases(world) -> list[tuple[str, str, str, dict, tuple[int, ...]]]:
    """(label, role, URL, POST data or None for a GET with `query`, allowed statuses)."""
    contest, round_, entry, criterion = world.contest, world.round, world.entry, world.criterion
    panel = world.round.panels.create(name_ko="전문가", weight=100)
    judging = {"pk": contest.pk, "round_pk": round_.pk}
    card = {"round_pk": round_.pk, "entry_pk": entry.pk}
    crit = {"pk": contest.pk, "round_pk": round_.pk, "criterion_pk": criterion.pk}
    on_behalf = {**judging, "judge_pk": world.judge.pk, "entry_pk": entry.pk}
    big = ENORMOUS
    return [
        ("autosave question id", "agency_member", reverse("entries:autosave", args=[entry.pk]),
         {f"q_{big}": "본문"}, (400,)),
        ("autosave question id past 64 bits", "agency_member",
         reverse("entries:autosave", args=[entry.pk]), {f"q_{HUGE}": "본문"}, (400,)),
        ("new entry category (GET)", "agency_member",
         reverse("entries:create", args=[contest.pk]) + f"?category={big}", None, (200,)),
        ("new entry category and agency", "agency_member",
         reverse("entries:create", args=[contest.pk]),
         {"category": big, "agency": big, "title": "제목"}, (200,)),
        ("category rows: add a row", "organizer", reverse("contests:categories", args=[contest.pk]),
         {"rows-TOTAL_FORMS": big, "rows-INITIAL_FORMS": big, "add_row": "1"}, (200,)),
        ("category rows: save", "organizer", reverse("contests:categories", args=[contest.pk]),
         {"rows-TOTAL_FORMS": big, "rows-INITIAL_FORMS": "0", "rows-0-id": big}, (200,)),
        ("levels: add a row", "organizer", reverse("contests:levels", kwargs=crit),
         {f"levels-{criterion.pk}-TOTAL_FORMS": big, "add_row": "1"}, (200,)),
        ("levels: save", "organizer", reverse("contests:levels", kwargs=crit),
         {f"levels-{criterion.pk}-TOTAL_FORMS": "1", f"levels-{criterion.pk}-INITIAL_FORMS": "0",
          f"levels-{criterion.pk}-0-id": big, f"levels-{criterion.pk}-0-points": big,
          f"levels-{criterion.pk}-0-label": "우수"}, (200, 400)),
        ("criterion max points", "organizer", reverse("contests:criterion_update", kwargs=crit),
         {"name_ko": "혁신성", "max_points": big, "step": big}, (200, 400)),
        ("copy year", "organizer", reverse("contests:copy", args=[contest.pk]), {"year": big},
         (200,)),
        ("contest numbers", "organizer", reverse("contests:edit", args=[contest.pk]),
         {"year": big, "max_entries_per_agency": big, "decimal_places": big}, (200,)),
        ("matrix pair", "organizer", reverse("judging:toggle", kwargs=judging),
         {"pair": f"{big}-{big}"}, (400,)),
        ("matrix pair past 64 bits", "organizer", reverse("judging:toggle", kwargs=judging),
         {"pair": f"{HUGE}-{entry.pk}"}, (400,)),
        ("matrix category", "organizer", reverse("judging:matrix", kwargs=judging)
         + f"?category={big}", None, (200,)),
        ("panels", "organizer", reverse("judging:panels", kwargs=judging),
         {f"panel-{panel.pk}": [big, HUGE]}, (400,)),
        ("remind judge (GET)", "organizer", reverse("control:remind", kwargs=judging)
         + f"?judge={big}", None, (404,)),
        ("remind judge", "organizer", reverse("control:remind", kwargs=judging), {"judge": big},
         (404,)),
        ("progress round", "organizer", reverse("control:progress", args=[contest.pk])
         + f"?round={big}", None, (200,)),
        ("on-behalf scores", "organizer", reverse("control:on_behalf", kwargs=on_behalf),
         {"source": "서면 평가표", f"criterion_{criterion.pk}": big, "version": big}, (200, 422)),
        ("scorecard form", "judge", reverse("judge:scorecard", kwargs=card),
         {f"score-{criterion.pk}": big, f"level-{criterion.pk}": big, "comment": "",
          "version": big}, (200, 400, 409, 422)),
        ("screening filters", "organizer", reverse("screening:list", args=[contest.pk])
         + f"?category={big}&page={big}", None, (200,)),
        ("export filters", "organizer", reverse("reports:entries_xlsx", args=[contest.pk])
         + f"?category={big}", None, (200,)),
        ("join request agency (GET)", "plain", reverse("submissions:join_request_create")
         + f"?agency={big}", None, (200,)),
        ("join request agency", "plain", reverse("submissions:join_request_create"),
         {"agency": big}, (200,)),
        ("join requests page", "organizer", reverse("submissions:join_request_list")
         + f"?page={big}", None, (200,)),
        ("agency search", "plain", reverse("submissions:join_request_create") + f"?q={big}",
         None, (200,)),
    ]  # fmt: skip


@pytest.mark.django_db
def test_item_17_a_5000_digit_number_in_any_id_field_is_refused_not_500():
    world = build_world()
    wrong = {}
    for label, role, url, data, allowed in _form_cases(world):
        client = world.client(role)
        response = client.get(url) if data is None else post_form(client, url, data)
        if response.status_code not in allowed:
            wrong[label] = response.status_code
    assert wrong == {}


@pytest.mark.django_db
@pytest.mark.parametrize("field", ["level", "score"])
def test_item_17_a_5000_digit_id_in_the_scorecard_autosave_is_refused(field):
    world = build_world()
    criterion = world.criterion.pk
    name, value = (
        (f"level-{criterion}", ENORMOUS) if field == "level" else (f"score-{ENORMOUS}", "3")
    )
    url = reverse("judge:save", kwargs={"round_pk": world.round.pk, "entry_pk": world.entry.pk})
    response = post_form(world.client("judge"), url, {name: value, "base": ""})
    # An unknown field is a bad request; an impossible level is refused beside the field.
    assert response.status_code == (422 if field == "level" else 400)


# --- Item 18: NUL bytes ----------------------------------------------------------------------

NUL_MESSAGE = "contains a character that cannot be stored (the NUL control character)"


@pytest.mark.django_db
def test_item_18_nul_in_entry_autosave_is_400_and_nothing_is_saved():
    world = build_world()
    Entry.objects.filter(pk=world.entry.pk).update(status=Entry.Status.DRAFT)
    question = EntryQuestion.objects.create(contest=world.contest, label_ko="추진배경")
    client = world.client("agency_member")
    client.defaults["HTTP_ACCEPT_LANGUAGE"] = "en"
    url = reverse("entries:autosave", args=[world.entry.pk])
    for data in (
        {"title": "새 제목\x00"},
        {f"q_{question.pk}": "본문\x00본문"},
        {"ti\x00tle": "x"},
    ):
        response = post_form(client, url, data)
        assert response.status_code == 400
        assert NUL_MESSAGE in response.content.decode()
    world.entry.refresh_from_db()
    assert world.entry.title != "새 제목\x00"
    assert not Answer.objects.filter(entry=world.entry, text__contains="본문").exists()


@pytest.mark.django_db
def test_item_18_nul_in_scorecard_comment_autosave_is_400():
    world = build_world()
    client = world.client("judge")
    url = reverse("judge:save", kwargs={"round_pk": world.round.pk, "entry_pk": world.entry.pk})
    response = post_form(client, url, {"comment": "훌륭합니다\x00", "base": ""})
    assert response.status_code == 400
    # The page's script asks for JSON: the message comes back to show beside the field.
    client.defaults["HTTP_ACCEPT_LANGUAGE"] = "en"
    response = client.post(
        url, urlencode({"comment": "훌륭합니다\x00", "base": ""}), content_type=FORM,
        headers={"Accept": "application/json"},
    )  # fmt: skip
    assert response.status_code == 400
    assert response.json()["reason"] == "nul"
    assert NUL_MESSAGE in response.json()["message"]
    world.scorecard.refresh_from_db()
    assert "\x00" not in world.scorecard.comment


@pytest.mark.django_db
def test_item_18_nul_in_a_query_string_is_400():
    world = build_world()
    url = reverse("screening:list", args=[world.contest.pk])
    response = world.client("organizer").get(url, {"q": "기관\x00"})
    assert response.status_code == 400
    assert "NUL" in response.content.decode()


@pytest.mark.django_db
def test_item_18_a_cross_site_post_with_nul_is_still_refused_by_csrf_first():
    world = build_world()
    client = world.client("agency_member")
    client.handler.enforce_csrf_checks = True
    response = post_form(
        client, reverse("entries:autosave", args=[world.entry.pk]), {"title": "\x00"}
    )
    assert response.status_code == 403
