"""Two of the judge's entries side by side (judge:compare?a=&b=)."""

import pytest
from django.urls import reverse

from scoring.services.notes import note_save
from tests.judge.calibration import Scene
from tests.judge.conftest import attach

pytestmark = pytest.mark.django_db


@pytest.fixture
def scene():
    scene = Scene(n=3)
    e1, e2, _e3 = scene.entries
    scene.score(e1, 24, "15.5", submit=True)
    scene.score(e2, 30)
    attach(e1, "행정안전부_성과.pdf")
    attach(e2, "붙임.hwp", kind="hwp", data=b"hwp")
    note_save(judge=scene.judge, entry=e1, text="3번과 비교: 확산성 우수")
    return scene


def compare_url(scene, query: str) -> str:
    return f"{reverse('judge:compare', args=[scene.round.pk])}?{query}"


def test_two_entries_side_by_side(scene):
    e1, e2, _e3 = scene.entries
    response = scene.client(language="en").get(compare_url(scene, f"a={e2.pk}&b={e1.pk}"))
    assert response.status_code == 200
    sides = response.context["sides"]
    assert [s.entry.receipt_number for s in sides] == ["2026-0002", "2026-0001"]  # as asked
    assert [(s.state, s.total, s.note) for s in sides] == [
        ("draft", "30", ""),
        ("submitted", "39.5", "3번과 비교: 확산성 우수"),
    ]
    assert [row["values"] for row in response.context["scores"]] == [["30", "24"], ["", "15.5"]]
    [row] = response.context["questions"]
    assert row["question"].label_en == "Background"
    assert [a.text for a in row["answers"]] == ["배경 2", "배경 1"]
    html = response.content.decode()
    # Blind judging: the agency's name is neither shown nor in a file name.
    assert "행정안전부" not in html
    assert ">첨부1.pdf</a>" in html
    assert ">첨부1.hwp</a>" in html
    assert reverse("judge:attachment", args=[scene.round.pk, e1.pk, 1]) in html
    assert "3번과 비교: 확산성 우수" in html
    assert "No note." in html
    assert reverse("judge:overview", args=[scene.round.pk]) in html


def test_agency_and_file_names_when_not_blind(db):
    scene = Scene(n=2, blind=False)
    attach(scene.entries[0], "행정안전부_성과.pdf")
    e1, e2 = scene.entries
    html = scene.client().get(compare_url(scene, f"a={e1.pk}&b={e2.pk}")).content.decode()
    assert ">행정안전부_성과.pdf</a>" in html
    assert "<dd>행정안전부</dd>" in html


def test_picked_checkboxes_work_like_a_and_b(scene):
    e1, e2, _e3 = scene.entries
    response = scene.client().get(compare_url(scene, f"pick={e1.pk}&pick={e2.pk}"))
    assert response.status_code == 200
    assert [s.entry.pk for s in response.context["sides"]] == [e1.pk, e2.pk]


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ("", "Choose exactly two entries to compare them side by side."),
        ("a={e1}", "Choose exactly two entries to compare them side by side."),
        ("pick={e1}", "Choose exactly two entries to compare them side by side."),
        (
            "pick={e1}&pick={e2}&pick={e3}",
            "Choose exactly two entries to compare them side by side.",
        ),
        ("a={e1}&b={e1}", "Choose two different entries to compare them side by side."),
    ],
)
def test_missing_or_same_entry_goes_back_with_a_message(scene, query, message):
    ids = {f"e{n}": e.pk for n, e in enumerate(scene.entries, start=1)}
    client = scene.client(language="en")
    response = client.get(compare_url(scene, query.format(**ids)), follow=True)
    assert response.redirect_chain == [(reverse("judge:overview", args=[scene.round.pk]), 302)]
    assert [str(m) for m in response.context["messages"]] == [message]
    assert message in response.content.decode()


def test_unassigned_conflicted_or_invalid_entries_are_404(scene):
    e1 = scene.entries[0]
    unassigned = scene.add_entry(9)
    unassigned.assignments.all().delete()
    for other in (unassigned.pk, scene.conflicted.pk, "x", "0", 10**30):
        response = scene.client().get(compare_url(scene, f"a={e1.pk}&b={other}"))
        assert response.status_code == 404, other
    # Another judge of the contest cannot compare entries assigned to 김심사 only.
    response = scene.client(scene.other.user).get(
        compare_url(scene, f"a={e1.pk}&b={scene.entries[1].pk}")
    )
    assert response.status_code == 404
