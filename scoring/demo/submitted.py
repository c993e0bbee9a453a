"""The demo's 60 entries, made through the same services an agency officer uses.

Each agency with entries gets one officer (agency admin); every entry gets its answers and a PDF
summary (every third also a PNG chart), then most are submitted and take receipt numbers in order.
A few stay drafts, one is withdrawn, and the organizer has screened every submitted one (one is
ineligible), so every page of the demo has something to show. Entries are found by (contest,
agency, title). The contest's submission window is past: it is opened only while entries are
made, and their times are then put inside the window (scoring.demo.cards.backdate_entries).
"""

import datetime as dt
import struct
import zlib

from django.core.files.uploadedfile import SimpleUploadedFile

from accounts.models import User
from contests.models import Contest
from scoring.demo.base import Tally, submission_open
from scoring.demo.cards import backdate_entries
from scoring.demo.entries import ENTRIES, DemoEntry
from submissions.models import Agency, AgencyMembership, Entry
from submissions.services.attachments import attachment_add
from submissions.services.entries import entry_create, entry_submit, entry_update, entry_withdraw
from submissions.services.screening import entry_screen

DRAFT_EVERY = 15  # entries 15, 30, 45, 60 stay drafts
WITHDRAWN_INDEX = 8
INELIGIBLE_AT = 30  # every submitted entry is screened; the 30th screened is ineligible
INELIGIBLE_REASON = "공모 기간 이전(2023년)에 완료된 사업으로, 응모 자격 요건에 해당하지 않습니다."


def demo_pdf(title: str) -> bytes:
    """A small, valid one-page PDF (ASCII text: the built-in PDF fonts have no Hangul)."""
    text = title.encode("ascii", "replace").decode().replace("(", "[").replace(")", "]")
    stream = f"BT /F1 18 Tf 72 760 Td (Case summary: {text}) Tj ET".encode()
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R "
        b"/Resources << /Font << /F1 5 0 R >> >> >>",
        b"<< /Length %d >>\nstream\n" % len(stream) + stream + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1,
        xref,
    )
    return bytes(out)


def demo_png(seed: int, width: int = 120, height: int = 60) -> bytes:
    """A small valid PNG: a bar chart-like stripe pattern in KRDS blue shades."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        return (
            struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))
        )

    rows = b""
    for y in range(height):
        row = bytearray(b"\x00")
        for x in range(width):
            bar = (x // 20 + seed) % 6
            filled = y >= height - 8 * (bar + 1)
            row += bytes((37, 99, 235) if filled else (238, 242, 255))
        rows += bytes(row)
    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(rows))
        + chunk(b"IEND", b"")
    )


def agency_officer(users, agency: Agency, tally: Tally) -> User:
    membership = (
        AgencyMembership.objects.filter(agency=agency, is_admin=True).select_related("user").first()
    )
    if membership:
        return membership.user
    user = users.get(f"officer.{agency.code.lower()}", f"{agency.name_ko} 담당자")
    tally.get_or_create(AgencyMembership, agency=agency, user=user, defaults={"is_admin": True})
    return user


def _make_entry(contest: Contest, demo: DemoEntry, agency: Agency, officer: User, index: int):
    category = contest.categories.get(name_ko=demo.category)
    questions = dict(contest.questions.values_list("label_ko", "pk"))
    entry = entry_create(
        contest=contest, category=category, agency=agency, title=demo.title, by=officer
    )
    answers = {questions[label]: text for label, text in demo.answers.items()}
    entry_update(entry=entry, by=officer, answers=answers)
    summary = SimpleUploadedFile(
        f"{demo.title} 사례 요약서.pdf", demo_pdf(f"{contest.year}-{index:02d}"), "application/pdf"
    )
    attachment_add(entry=entry, upload=summary, by=officer)
    if index % 3 == 0:
        chart = SimpleUploadedFile("추진성과 그래프.png", demo_png(index), "image/png")
        attachment_add(entry=entry, upload=chart, by=officer)
    return entry


def build_entries(tally: Tally, *, contest: Contest, agencies: dict, users, organizer) -> None:
    existing = set(Entry.objects.filter(contest=contest).values_list("agency__code", "title"))
    missing = [
        (index, demo)
        for index, demo in enumerate(ENTRIES, start=1)
        if (demo.agency_code, demo.title) not in existing
    ]
    if not missing:
        return
    screened = Entry.objects.filter(contest=contest).exclude(eligibility="pending").count()
    made = []
    with submission_open(contest):
        for index, demo in missing:
            agency = agencies[demo.agency_code]
            officer = agency_officer(users, agency, tally)
            entry = _make_entry(contest, demo, agency, officer, index)
            made.append(entry)
            tally.count("entries")
            if index % DRAFT_EVERY == 0:
                continue
            entry = entry_submit(entry=entry, by=officer)
            if index == WITHDRAWN_INDEX:
                entry_withdraw(entry=entry, by=officer)
                continue
            screened += 1
            ineligible = screened == INELIGIBLE_AT
            entry_screen(
                entry=entry,
                by=organizer,
                eligibility="ineligible" if ineligible else "eligible",
                reason=INELIGIBLE_REASON if ineligible else "",
            )
    contest.refresh_from_db()
    backdate_entries(
        list(Entry.objects.filter(pk__in=[e.pk for e in made])),
        opens=contest.submission_opens_at,
        closes=contest.submission_closes_at,
        screened=contest.submission_closes_at + dt.timedelta(hours=15),
    )
