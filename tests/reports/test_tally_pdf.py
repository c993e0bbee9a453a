"""집계표 PDFs of a finalized round: every entry in ranking order, one block each, with exactly the
numbers of the organizer's on-screen 집계표 (results:sheet), dropped totals marked "(제외)" (and
struck through), several blocks to a page and none split across pages; one entry alone; 404 while
the round has no result in force. The scene is tests/results/pages_scene.py (hand-computed)."""

import re

import pytest
from django.test import Client
from django.urls import reverse

from scoring.services.results import round_finalize, round_reopen
from tests import factories as f
from tests.reports.test_evaluation_sheets import fonts_embedded, page_lines, pages, pdf_tool
from tests.results.pages_scene import build_scene

pytestmark = pytest.mark.django_db

ROUND1_ORDER = ["2026-0001", "2026-0003", "2026-0002", "2026-0005", "2026-0004", "2026-0007",
                "2026-0006"]  # fmt: skip
HEADING = re.compile(r"^(?:공동 )?\d+위 (2026-\d{4}) ")


def client_for(user, language: str = "ko") -> Client:
    client = Client(HTTP_ACCEPT_LANGUAGE=language)
    client.force_login(user)
    return client


@pytest.fixture
def finished(organizer):
    """Both rounds finalized."""
    scene = build_scene(organizer)
    scene.finish_round1()
    scene.score_round2()
    round_finalize(round_=scene.round2, by=organizer)
    return scene


def tally_url(scene, round_, receipt: str | None = None) -> str:
    if receipt is None:
        return reverse("reports:tally_pdf", args=[scene.contest.pk, round_.pk])
    entry = scene.entries[receipt]
    return reverse("reports:entry_tally_pdf", args=[scene.contest.pk, round_.pk, entry.pk])


def blocks(pdf: bytes, tmp_path) -> tuple[dict[str, str], list[list[str]]]:
    """receipt → the block's text (its lines joined by spaces: a cell's text may wrap), and each
    page's block receipts; a block is every line from its heading to the next heading or the
    page's foot."""
    found, per_page = {}, []
    for lines in page_lines(pdf, tmp_path):
        body, receipts, current = lines[1:-1], [], None  # without the frame's head and foot
        for line in body:
            match = HEADING.match(line)
            if match:
                current = match.group(1)
                receipts.append(current)
                found[current] = [line]
            elif current is not None:
                found[current].append(line)
        per_page.append(receipts)
    return {k: " ".join(v) for k, v in found.items()}, per_page


def on_screen(client: Client, scene, round_, receipt: str) -> dict:
    """The on-screen 집계표's values, by their data-k names."""
    url = reverse("results:sheet", args=[scene.contest.pk, round_.pk, scene.entries[receipt].pk])
    html = client.get(url).content.decode()

    def text(markup: str) -> str:
        return " ".join(re.sub(r"<[^>]+>", " ", markup).split())

    judges = []
    for body in re.findall(r"<tr data-judge-line=\"\d+\">(.*?)</tr>", html, re.S):
        cells = dict(re.findall(r'data-k="(\w+)"[^>]*>(.*?)</t[dh]>', body, re.S))
        judges.append((text(cells["judge"]), text(cells["total"]), "<del>" in cells["total"]))
    facts = {k: text(v) for k, v in re.findall(r'<dd data-k="(\w+)">(.*?)</dd>', html, re.S)}
    rounds = [
        tuple(text(c) for c in re.findall(r"<t[hd][^>]*>(.*?)</t[hd]>", body, re.S))
        for body in re.findall(r"<tr data-round-line=\"\d+\">(.*?)</tr>", html, re.S)
    ]
    scores = re.findall(r'data-k="(?:round|contest)-line">.*?data-k="score"[^>]*>(.*?)</td>', html,
                        re.S)  # fmt: skip
    return {"judges": judges, "facts": facts, "rounds": rounds, "scores": [text(s) for s in scores]}


def assert_block_equals_the_screen(block: str, screen: dict) -> None:
    for name, total, dropped in screen["judges"]:
        marked = f"{name} {total} (제외)"
        assert (marked in block) is dropped, (name, block)
        assert f"{name} {total}" in block
    facts = screen["facts"]
    assert f"단계 점수 {screen['scores'][0]}" in block
    assert re.search(rf"(?<!내 )순위 {facts['rank']}(?: |$)", block)
    assert f"부문 내 순위 {facts['category_rank']}" in block
    if "split" in facts:
        assert f"동점 처리 {facts['split']}" in block
    else:
        assert "동점 처리" not in block
    if "advanced" in facts:
        assert f"진출 {facts['advanced']}" in block
    for name, weight, value in screen["rounds"]:
        assert f"{name} ({weight}%) {value}" in block
    if "contest_rank" in facts:
        assert f"최종 점수 {screen['scores'][1]}" in block
        assert f"최종 순위 {facts['contest_rank']}" in block
        assert f"시상 {facts['award']}" in block


def test_round_tally_equals_the_on_screen_sheets(finished, tmp_path):
    client = client_for(finished.organizer)
    response = client.get(tally_url(finished, finished.round1))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"].startswith('inline; filename="2026_tally_round1.pdf"')
    pdf = response.content
    assert fonts_embedded(pdf, tmp_path)
    found, per_page = blocks(pdf, tmp_path)
    assert [r for page in per_page for r in page] == ROUND1_ORDER  # ranking order, each once
    assert len(per_page) == pages(pdf, tmp_path) == 2
    assert all(len(page) >= 2 for page in per_page)  # several blocks to a page
    for receipt in ROUND1_ORDER:
        assert_block_equals_the_screen(found[receipt], on_screen(client, finished, finished.round1,
                                                                 receipt))  # fmt: skip
    # the hand-computed figures (pages_scene.py): 2026-0001 drops 나심사's 90 and 다심사's 80
    assert found["2026-0001"].startswith("1위 2026-0001 사례 1 중앙부처")
    assert "가심사 85 순위 1위" in found["2026-0001"]
    assert "나심사 90 (제외)" in found["2026-0001"]
    assert "다심사 80 (제외)" in found["2026-0001"]
    assert "단계 점수 85.00" in found["2026-0001"]
    assert "동점 처리 주관기관 결정" in found["2026-0003"]
    assert "진출 미진출" in found["2026-0002"]


def test_no_block_is_split_across_pages(finished, tmp_path):
    pdf = client_for(finished.organizer).get(tally_url(finished, finished.round1)).content
    for number, lines in enumerate(page_lines(pdf, tmp_path)):
        body = lines[1:-1]
        if number == 0:
            assert body[0] == "집계표"
            assert (
                body[1]
                == "심사 단계 1차 서면심사 집계 방식 최고·최저점 제외 평균: 양 끝에서 각 1개 제외"
            )
            body = body[next(i for i, line in enumerate(body) if HEADING.match(line)) :]
        assert HEADING.match(body[0]), body[0]  # a page starts with a block's heading
        assert re.search(r"진출 (미진출|진출)$", body[-1])  # and ends with a whole block


def test_final_round_tally_has_the_contest_lines(finished, tmp_path):
    client = client_for(finished.organizer)
    pdf = client.get(tally_url(finished, finished.round2)).content
    found, per_page = blocks(pdf, tmp_path)
    assert [r for page in per_page for r in page] == ["2026-0003", "2026-0007", "2026-0001",
                                                      "2026-0005"]  # fmt: skip
    for receipt in found:
        screen = on_screen(client, finished, finished.round2, receipt)
        assert_block_equals_the_screen(found[receipt], screen)
    assert "1차 서면심사 (40%) 80.00" in found["2026-0003"]
    assert "최종 점수 86.00" in found["2026-0003"]
    assert "시상 대상" in found["2026-0003"]
    lines = page_lines(pdf, tmp_path)
    digest = finished.round2.results.get(voided_at=None).digest
    assert all(page[-1].endswith(f"SHA-256 {digest} {n}/2") for n, page in enumerate(lines, 1))


def test_one_entry_alone(finished, tmp_path):
    client = client_for(finished.organizer)
    response = client.get(tally_url(finished, finished.round1, "2026-0003"))
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith(
        'inline; filename="2026_tally_round1_2026-0003.pdf"'
    )
    found, per_page = blocks(response.content, tmp_path)
    assert per_page == [["2026-0003"]]
    assert page_lines(response.content, tmp_path)[0][1] == "집계표: 2026-0003"
    screen = on_screen(client, finished, finished.round1, "2026-0003")
    assert_block_equals_the_screen(found["2026-0003"], screen)
    assert "가심사 75 (제외)" in found["2026-0003"]
    assert "다심사 90 (제외)" in found["2026-0003"]
    # 2026-0002 did not advance: it has no line in round 2
    assert client.get(tally_url(finished, finished.round2, "2026-0002")).status_code == 404
    other = f.EntryFactory()
    url = reverse("reports:entry_tally_pdf", args=[finished.contest.pk, finished.round1.pk,
                                                   other.pk])  # fmt: skip
    assert client.get(url).status_code == 404


def test_english_tally_has_english_headings(finished, tmp_path):
    pdf = client_for(finished.organizer, "en").get(tally_url(finished, finished.round1)).content
    text = " ".join(pdf_tool("pdftotext", pdf, tmp_path, "-layout").split())
    for words in ("Tally sheet", "Round Written review", "Judge", "Total", "Round score",
                  "Rank in category", "(dropped)", "Advanced"):  # fmt: skip
        assert words in text, words
    assert "(제외)" not in text


def test_only_a_result_in_force(organizer, finished):
    client = client_for(organizer)
    round_reopen(round_=finished.round2, by=organizer, reason="재검토")
    assert client.get(tally_url(finished, finished.round2)).status_code == 404
    assert client.get(tally_url(finished, finished.round2, "2026-0001")).status_code == 404


def test_organizers_only(finished, site_admin):
    url = tally_url(finished, finished.round1)
    assert client_for(site_admin).get(url).status_code == 200
    # the contest is published: others are refused (403), as on the results pages
    assert client_for(f.OrganizerFactory()).get(url).status_code == 403
    assert client_for(finished.judges[0].user).get(url).status_code == 403
    assert client_for(finished.organizer).get(url).status_code == 200


def test_links_on_the_results_pages(finished):
    client = client_for(finished.organizer)
    round_page = client.get(finished.url("round", finished.round1)).content.decode()
    assert tally_url(finished, finished.round1) in round_page
    sheet = client.get(finished.url("sheet", finished.round1, "2026-0003")).content.decode()
    assert tally_url(finished, finished.round1, "2026-0003") in sheet
    feedback = reverse("reports:feedback_pdf", args=[finished.entries["2026-0003"].pk])
    assert feedback in sheet


def test_user_text_stays_literal(finished, tmp_path):
    finished.entries["2026-0002"].title = "<b>x</b> 사례 2"
    finished.entries["2026-0002"].save(update_fields=["title"])
    client = client_for(finished.organizer)
    pdf = client.get(tally_url(finished, finished.round1, "2026-0002")).content
    found, _pages = blocks(pdf, tmp_path)
    assert found["2026-0002"].startswith("3위 2026-0002 <b>x</b> 사례 2 중앙부처")
