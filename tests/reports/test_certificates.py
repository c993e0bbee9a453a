"""Award certificates (상장): one A4 page per awarded entry of the final round's snapshot, read back
with poppler (pdfinfo, pdftotext, pdffonts).

The contest of tests/results/pages_scene.py, both rounds finalized: contest scores 0003 86,
0001 85, 0007 78, 0005 76.2. 대상 (1 overall): 0003; 우수상 (1 per category): 0001 in 중앙부처,
0007 in 지자체. Certificates in award order: 2026-001 0003 대상, 2026-002 0001 우수상,
2026-003 0007 우수상.
"""

import datetime as dt
import re
from dataclasses import replace
from urllib.parse import quote
from zoneinfo import ZoneInfo

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import translation

from reports.certificates import _page, certificates_pdf, contest_certificates, final_result
from scoring.models import RoundResult
from scoring.services.results import award_override, round_finalize, round_reopen
from submissions.models import Agency
from tests import factories
from tests.pdftools import poppler
from tests.results.pages_scene import build_scene, english

pytestmark = pytest.mark.django_db

SEOUL = ZoneInfo("Asia/Seoul")
AGENCIES = {
    "2026-0001": ("행정안전부", "Ministry of the Interior and Safety"),
    "2026-0003": ("국세청", "National Tax Service"),
    "2026-0005": ("경기도", "Gyeonggi Province"),
    "2026-0007": ("부산광역시", "Busan Metropolitan City"),
}
CONTEST = "2026 정부혁신 우수사례 경진대회"


def name(receipt: str, english: bool = False) -> str:
    return AGENCIES[receipt][1 if english else 0]


@pytest.fixture
def scene(organizer):
    scene = build_scene(organizer)
    for receipt, (ko, en) in AGENCIES.items():
        Agency.objects.filter(entries=scene.entries[receipt]).update(name_ko=ko, name_en=en)
    scene.finish_round1()
    scene.score_round2()
    return scene


def finalize(scene) -> RoundResult:
    """Finalize round 2 (the final round), finalized on 30 November 2026 at 23:30 UTC: 1 December
    in Seoul."""
    result = round_finalize(round_=scene.round2, by=scene.organizer)
    at = dt.datetime(2026, 11, 30, 23, 30, tzinfo=dt.UTC)
    RoundResult.objects.filter(pk=result.pk).update(at=at)
    result.refresh_from_db()
    return result


@pytest.fixture
def final(scene) -> RoundResult:
    return finalize(scene)


def url(scene, receipt: str | None = None) -> str:
    if receipt is None:
        return reverse("reports:certificates_pdf", args=[scene.contest.pk])
    entry = scene.entries[receipt]
    return reverse("reports:entry_certificate_pdf", args=[scene.contest.pk, entry.pk])


def pages(tmp_path, pdf: bytes) -> int:
    info = poppler("pdfinfo", pdf, tmp_path)
    return int(re.search(r"^Pages:\s+(\d+)$", info, re.M).group(1))


def page_text(tmp_path, pdf: bytes, number: int) -> str:
    """Page `number`'s text with each run of white space made one space."""
    text = poppler("pdftotext", pdf, tmp_path, "-f", str(number), "-l", str(number))
    return " ".join(text.split())


def squeezed(text: str) -> str:
    return "".join(text.split())


def download(client: Client, address: str) -> bytes:
    response = client.get(address)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    return response.content


def test_one_page_per_award_in_award_order(scene, final, organizer_client, tmp_path):
    response = organizer_client.get(url(scene))
    assert response.status_code == 200
    short = "2026_정부혁신우수사례경진대회"
    assert response["Content-Disposition"] == (
        f"inline; filename=\"2026_certificates.pdf\"; filename*=utf-8''{quote(short)}"
        f"{quote('_상장.pdf')}"
    )
    assert response["Cache-Control"] == "private, no-store"
    pdf = response.content
    assert pages(tmp_path, pdf) == 3
    digest = final.digest[:12]
    expected = [
        ("2026-001", "대상", "2026-0003", "사례 3"),
        ("2026-002", "우수상", "2026-0001", "사례 1"),
        ("2026-003", "우수상", "2026-0007", "사례 7"),
    ]
    for number, (certificate, award, receipt, title) in enumerate(expected, 1):
        text = page_text(tmp_path, pdf, number)
        assert text == (
            f"제 {certificate} 호 상 장 {award} {name(receipt)} 사례명: {title} "
            f"위 기관은 {CONTEST}에서 「{title}」 사례로 우수한 성과를 거두었기에 이 상장을 "
            f"수여합니다. 2026년 12월 1일 행정안전부장관 확인 번호 {digest}-{certificate}"
        )
    everything = poppler("pdftotext", pdf, tmp_path)
    # No shared running header or footer: no page numbers, no digest line, no document title.
    assert " / 3" not in everything
    assert "SHA-256" not in everything
    assert final.digest not in everything


def test_only_embedded_fonts(scene, final, organizer_client, tmp_path):
    pdf = download(organizer_client, url(scene))
    fonts = poppler("pdffonts", pdf, tmp_path).splitlines()[2:]
    assert sorted(line.split()[0].split("+")[1] for line in fonts) == [
        "Pretendard-GOV",
        "Pretendard-GOV-Bold",
    ]
    assert all(line.split()[-5] == "yes" for line in fonts)  # emb


def test_the_date_is_the_publication_date_once_published(scene, final, organizer_client, tmp_path):
    published = dt.datetime(2026, 12, 15, 9, 0, tzinfo=SEOUL)
    type(scene.contest).objects.filter(pk=scene.contest.pk).update(results_published_at=published)
    text = page_text(tmp_path, download(organizer_client, url(scene)), 1)
    assert "2026년 12월 15일" in text
    assert "2026년 12월 1일" not in text


def test_english(scene, final, organizer_client, tmp_path):
    pdf = download(english(organizer_client), url(scene))
    assert pages(tmp_path, pdf) == 3
    text = page_text(tmp_path, pdf, 2)
    assert text == (
        "No. 2026-002 Certificate of Award Merit Ministry of the Interior and Safety "
        "Case: 사례 1 In recognition of the outstanding results the above agency achieved "
        "with the case “사례 1” at the 2026 Innovation, this certificate is presented. "
        f"1 December 2026 Minister of the Interior and Safety "
        f"Verification no. {final.digest[:12]}-2026-002"
    )


def words_outside_the_frame(tmp_path, pdf: bytes, number: int) -> tuple[list[str], list[str]]:
    """(words inside, words outside) the frame's inner line on page `number`: A4 is 595 x 842 pt;
    the page's margins (10 mm, 14.5 mm at the bottom) and the frame (11 mm) leave x 59..536 and
    y 59..769."""
    layout = poppler("pdftotext", pdf, tmp_path, "-bbox", "-f", str(number), "-l", str(number))
    boxes = re.findall(
        r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">(.*?)</word>',
        layout,
    )
    inside, outside = [], []
    for x0, y0, x1, y1, word in boxes:
        left, top, right, bottom = (float(v) for v in (x0, y0, x1, y1))
        within = left >= 59 and right <= 536 and top >= 59 and bottom <= 769
        (inside if within else outside).append(word)
    return inside, outside


def test_long_title_and_agency_still_one_page_each(scene, organizer_client, tmp_path):
    title = ("국민 누구나 어디서나 쉽고 빠르게 이용하는 " * 6)[:120]
    agency = ("한국지능정보사회진흥원 디지털정부혁신 추진단 " * 3)[:60]
    assert (len(title), len(agency)) == (120, 60)
    for receipt in ("2026-0001", "2026-0003", "2026-0007"):
        entry = scene.entries[receipt]
        type(entry).objects.filter(pk=entry.pk).update(title=title)
    Agency.objects.filter(entries=scene.entries["2026-0003"]).update(name_ko=agency, name_en=agency)
    digest = finalize(scene).digest[:12]
    korean = download(organizer_client, url(scene))
    assert pages(tmp_path, korean) == 3
    first = squeezed(page_text(tmp_path, korean, 1))
    assert squeezed(f"사례명: {title}") in first
    assert squeezed(f"「{title}」") in first
    assert squeezed(agency) in first
    inside, outside = words_outside_the_frame(tmp_path, korean, 1)
    assert outside == ["확인", "번호", f"{digest}-2026-001"]
    assert inside[-4:] == ["2026년", "12월", "1일", "행정안전부장관"]
    english_pdf = download(english(organizer_client), url(scene))
    assert pages(tmp_path, english_pdf) == 3
    inside, outside = words_outside_the_frame(tmp_path, english_pdf, 1)
    assert outside == ["Verification", "no.", f"{digest}-2026-001"]
    assert inside[-9:] == ["1", "December", "2026", "Minister", "of", "the", "Interior", "and",
                           "Safety"]  # fmt: skip


@pytest.mark.parametrize("language", ["ko", "en"])
def test_any_length_fits_its_page(scene, final, tmp_path, language):
    """Titles up to 200 characters (the field's limit), agency names up to 200: every
    certificate one page, every word inside the frame, the type smaller the more there is."""
    title = "국민 누구나 어디서나 쉽고 빠르게 이용하는 디지털 행정서비스 혁신으로 " * 6
    agency = "한국지능정보사회진흥원 디지털정부혁신 추진단 " * 10
    lengths = [(20, 5), (60, 5), (80, 60), (120, 60), (150, 100), (200, 200)]
    with translation.override(language):
        certificates = contest_certificates(scene.contest, final)
        one = certificates.items[0]
        items = [
            replace(one, title=title[:t].strip(), agency=agency[:a].strip()) for t, a in lengths
        ]
        pdf = certificates_pdf(replace(certificates, items=items))
        sizes = [_page(item, certificates.contest_name, "행정안전부장관")["size"] for item in items]
    assert pages(tmp_path, pdf) == len(lengths)
    last = {"ko": "행정안전부장관", "en": "Safety"}[language]
    for number in range(1, len(lengths) + 1):
        inside, outside = words_outside_the_frame(tmp_path, pdf, number)
        assert len(outside) == 3
        assert outside[-1] == f"{final.digest[:12]}-2026-001"
        assert inside[-1] == last
    body = [float(size["body"]) for size in sizes]
    assert body[0] == 18
    assert body == sorted(body, reverse=True)
    assert body[-1] >= 9


def test_user_text_stays_text(scene, organizer_client, tmp_path):
    entry = scene.entries["2026-0003"]
    type(entry).objects.filter(pk=entry.pk).update(title="<script>alert(1)</script> & <b>굵게</b>")
    finalize(scene)
    text = page_text(tmp_path, download(organizer_client, url(scene)), 1)
    assert "사례명: <script>alert(1)</script> & <b>굵게</b>" in text
    assert "「<script>alert(1)</script> & <b>굵게</b>」" in text


def test_one_entrys_certificate(scene, final, organizer_client, tmp_path):
    response = organizer_client.get(url(scene, "2026-0007"))
    assert response.status_code == 200
    assert response["Content-Disposition"] == (
        "inline; filename=\"2026_certificate_2026-0007.pdf\"; filename*=utf-8''"
        + quote("2026_정부혁신우수사례경진대회_상장_2026-0007.pdf")
    )
    pdf = response.content
    assert pages(tmp_path, pdf) == 1
    text = page_text(tmp_path, pdf, 1)
    assert text.startswith("제 2026-003 호 상 장 우수상 부산광역시 사례명: 사례 7 ")
    assert text.endswith(f"확인 번호 {final.digest[:12]}-2026-003")
    # No award, or not an entry of this contest: nothing to give.
    assert organizer_client.get(url(scene, "2026-0005")).status_code == 404
    other = factories.EntryFactory(receipt_number="2027-0001")
    address = reverse("reports:entry_certificate_pdf", args=[scene.contest.pk, other.pk])
    assert organizer_client.get(address).status_code == 404


def test_award_overrides_are_the_awards(scene, organizer_client):
    award_override(contest=scene.contest, entry=scene.entries["2026-0005"], tier=scene.merit,
                   reason="특별 공로", by=scene.organizer)  # fmt: skip
    award_override(contest=scene.contest, entry=scene.entries["2026-0007"], tier=None,
                   reason="수상 사양", by=scene.organizer)  # fmt: skip
    result = finalize(scene)
    with translation.override("en"):
        certificates = contest_certificates(scene.contest, final_result(scene.contest))
    assert [(c.number, c.receipt, c.award, c.agency, c.check) for c in certificates.items] == [
        ("2026-001", "2026-0003", "Grand prize", "National Tax Service",
         f"{result.digest[:12]}-2026-001"),
        ("2026-002", "2026-0001", "Merit", "Ministry of the Interior and Safety",
         f"{result.digest[:12]}-2026-002"),
        ("2026-003", "2026-0005", "Merit", "Gyeonggi Province",
         f"{result.digest[:12]}-2026-003"),
    ]  # fmt: skip
    assert organizer_client.get(url(scene, "2026-0007")).status_code == 404


def test_numbers_are_read_in_a_fixed_number_of_queries(scene, final, django_assert_num_queries):
    # The rounds, the result in force, the judges, the entries, the chain's criterion of round
    # 1 (named in the snapshot), the agencies.
    with django_assert_num_queries(6):
        first = contest_certificates(scene.contest, final_result(scene.contest))
    second = contest_certificates(scene.contest, final_result(scene.contest))
    assert first.items == second.items


def test_the_issuer_setting(scene, final, organizer_client, settings, tmp_path):
    settings.CERTIFICATE_ISSUER = {"ko": "인사혁신처장", "en": "Minister of Personnel Management"}
    assert "인사혁신처장 확인 번호" in page_text(
        tmp_path, download(organizer_client, url(scene)), 1
    )
    pdf = download(english(organizer_client), url(scene))
    assert "Minister of Personnel Management Verification no." in page_text(tmp_path, pdf, 1)
    settings.CERTIFICATE_ISSUER = "정부혁신추진위원장"
    assert "정부혁신추진위원장" in page_text(tmp_path, download(organizer_client, url(scene)), 1)


def test_404_while_the_final_round_has_no_result_in_force(scene, organizer_client):
    assert organizer_client.get(url(scene)).status_code == 404  # round 1 only is finalized
    assert organizer_client.get(url(scene, "2026-0003")).status_code == 404
    finalize(scene)
    assert organizer_client.get(url(scene)).status_code == 200
    round_reopen(round_=scene.round2, by=scene.organizer, reason="점수 정정")
    assert organizer_client.get(url(scene)).status_code == 404
    assert organizer_client.get(url(scene, "2026-0003")).status_code == 404


def test_organizers_only(scene, final, login, site_admin):
    judge = scene.judges[0].user
    member = factories.AgencyMembershipFactory(agency=scene.entries["2026-0003"].agency).user
    other = factories.OrganizerFactory()
    for address in (url(scene), url(scene, "2026-0003")):
        assert Client().get(address).status_code == 302
        for user in (judge, member, other):
            assert login(user).get(address).status_code == 403
        assert login(site_admin).get(address).status_code == 200


def test_the_results_page_links_to_the_certificates(scene, final, organizer_client):
    html = organizer_client.get(scene.url("index")).content.decode()
    link = f'<a class="krds-btn small secondary" href="{url(scene)}" data-k="certificates">'
    assert link in html


def test_404_when_no_entry_has_an_award(scene, organizer_client):
    type(scene.grand).objects.filter(contest=scene.contest).delete()
    finalize(scene)
    assert organizer_client.get(url(scene)).status_code == 404
    assert organizer_client.get(url(scene, "2026-0003")).status_code == 404
