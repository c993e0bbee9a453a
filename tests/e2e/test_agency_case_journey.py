"""Issue 3's journey in one go: an agency officer registers, is approved, drafts, uploads, submits,
gets the receipt, reopens, resubmits; the organizer screens it. Two people, two browser contexts;
every page visited is checked with axe in Korean and English (inside the steps)."""

from submissions.models import Agency, Entry
from tests import factories
from tests.e2e.conftest import login_as
from tests.e2e.steps import (
    approve_join_request,
    ask_to_join,
    draft_entry,
    find_in_screening_list,
    open_screening_entry,
    reload_keeps_answers,
    reopen_edit_resubmit,
    screen_entry,
    see_in_my_entries,
    see_my_agency,
    see_outcome_in_screening_list,
    see_screening_outcome,
    sign_up,
    submit_and_read_receipt,
    type_answer_and_see_autosave,
    upload_pdf,
)
from tests.screening.conftest import make_entry

BACKGROUND = "출동 경로를 실시간으로 안내했다."
RESULTS = "출동 시간 <b>30%</b> 단축"  # markup typed by the agency stays text everywhere
REPORT = "우수사례 보고서.pdf"
REASON = "동일 사례가 작년에 수상함"


def test_officer_registers_submits_a_case_and_the_organizer_screens_it(
    page, second_page, live_server
):
    organizer = factories.OrganizerFactory(name="김주관", email="organizer@example.kr")
    contest = factories.ContestFactory(
        name_ko="2026 정부혁신 우수사례 경진대회", year=2026, organizers=[organizer]
    )
    central = factories.CategoryFactory(contest=contest, name_ko="중앙부처", name_en="Central")
    background = factories.EntryQuestionFactory(
        contest=contest,
        label_ko="추진배경",
        label_en="Background",
        max_length=100,
        guidance="문제와 원인을 구체적으로 쓰세요.",
    )
    results = factories.EntryQuestionFactory(
        contest=contest, label_ko="주요성과", label_en="Results", max_length=100
    )
    mois = factories.AgencyFactory(
        code="MOIS", name_ko="행정안전부", name_en="Ministry of the Interior and Safety"
    )
    factories.AgencyFactory(code="KOSTAT", name_ko="통계청", name_en="Statistics Korea")
    seoul = factories.AgencyFactory(
        code="SEOUL", name_ko="서울특별시", name_en="Seoul", kind=Agency.Kind.METROPOLITAN
    )
    # Another agency's entries, so that the organizer's search has something to narrow.
    make_entry(contest, central, seoul, "스마트 버스정류장", number=2)
    make_entry(contest, central, seoul, "작성 중인 사례", status="draft")

    # 1. A brand-new officer signs up and asks to join 행정안전부; it waits for approval.
    officer = sign_up(page, live_server, "정신청", "jung@mois.go.kr")
    join_request = ask_to_join(
        page, mois, user=officer, search="행정", options_before=4, options_after=2
    )

    # 2. The organizer (own browser) approves; the officer, still signed in, sees the agency.
    login_as(second_page, live_server, organizer)
    approve_join_request(second_page, live_server, join_request)
    see_my_agency(page, live_server, mois)

    # 3. A draft in the open contest; typing autosaves; a reload keeps the text.
    entry = draft_entry(page, live_server, central, "찾아라! 119 지름길")
    assert (entry.contest, entry.agency) == (contest, mois)
    type_answer_and_see_autosave(page, entry, background, BACKGROUND)
    type_answer_and_see_autosave(page, entry, results, RESULTS)
    reload_keeps_answers(page, {background: BACKGROUND, results: RESULTS})

    # 4. Upload, submit: the receipt shows the contest's first number.
    upload_pdf(page, REPORT)
    first_number = f"2026-{contest.pk:03d}-0001"
    assert submit_and_read_receipt(page, REPORT) == first_number

    # 5. Reopen, edit the title, resubmit: the same number, listed under my entries.
    number = reopen_edit_resubmit(page, live_server, entry, "찾아라! 119 지름길 (보완)")
    assert number == first_number
    see_in_my_entries(page, live_server, first_number)

    # 6. The organizer finds it by searching, reads it (markup shown as text) and screens it.
    find_in_screening_list(
        second_page, live_server, contest, search="지름길", title=entry.title, rows_before=3
    )
    open_screening_entry(second_page, live_server, contest, entry, shows=[RESULTS, REPORT])
    screen_entry(second_page, entry, organizer, Entry.Eligibility.INELIGIBLE, REASON)
    see_outcome_in_screening_list(second_page, live_server, contest, Entry.Eligibility.INELIGIBLE)

    # 7. The officer sees the outcome and the reason on the entry page.
    see_screening_outcome(page, live_server, entry)
