"""The Documents section of the organizer's results pages (templates/reports/builds/
_documents.html, shown by the tags of reports.templatetags.report_documents): one row per
document of the page, with the state of its file built in the background (reports.jobs) for the
results in force and the reader's language.

- A finalized round: its results report (PDF), results workbook (Excel) and 집계표 (PDF).
- A contest whose every round is finalized: its results report, results workbook and 상장.
- Before that: the draft results report only, made on the spot from the live scores (`?draft=1`).

Each document row names its report kind, subject key and snapshot digest exactly as the kind
does (reports.jobs), so the row finds the file that "만들기" made. Every row also has its direct
(synchronous) URL, the "바로 열기" link.

Queries: one for the files of every row, plus (contest page) the contest digest's two.
"""

from dataclasses import dataclass, replace

from django.db.models import Q
from django.urls import reverse
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from reports import jobs, kinds
from reports.catalog import (
    CERTIFICATES,
    CONTEST_REPORT,
    CONTEST_WORKBOOK,
    ROUND_REPORT,
    ROUND_WORKBOOK,
    TALLY_SHEET,
)
from reports.models import ReportFile
from scoring.selectors.result_pages import RoundPage
from scoring.selectors.result_sheets import Overview

NOT_MADE = "none"


@dataclass(frozen=True)
class Document:
    """One row of the section."""

    key: str  # the data-k of its direct link: "round-report", "contest-workbook", …
    title: str
    direct_url: str  # the synchronous download ("바로 열기")
    kind: str = ""  # the report kind built in the background; "" when it has no build
    subject: str = ""
    digest: str = ""
    inline: bool = False  # the direct link opens a PDF to print, else downloads
    note: str = ""  # shown instead of a file's state (a draft, nothing to make)
    file: ReportFile | None = None  # the latest attempt for these results and this language

    @property
    def state(self) -> str:
        """ "none" (no attempt), or the file's shown status (queued, running, done, failed)."""
        return self.file.shown_status if self.file is not None else NOT_MADE

    @property
    def buildable(self) -> bool:
        return bool(self.kind)


def _with_files(documents: list[Document]) -> list[Document]:
    """Each document with its latest live file for its digest in the reader's language."""
    built = [d for d in documents if d.buildable]
    if not built:
        return documents
    wanted = Q()
    for d in built:
        wanted |= Q(kind=d.kind, subject=d.subject, digest=d.digest)
    files = ReportFile.objects.live().filter(wanted, language=jobs.report_language(get_language()))
    latest: dict[tuple[str, str], ReportFile] = {}
    for file in files.order_by("-created_at", "-pk"):
        latest.setdefault((file.kind, file.subject), file)
    return [replace(d, file=latest.get((d.kind, d.subject))) for d in documents]


# The report and workbook kinds of a round's and of the contest's results.
_KINDS = {
    "round": (ROUND_REPORT.name, ROUND_WORKBOOK.name),
    "contest": (CONTEST_REPORT.name, CONTEST_WORKBOOK.name),
}


def _draft_report(scope: str, report_url: str) -> Document:
    """The draft results report of a round or the contest, made on the spot from live scores."""
    return Document(
        key=f"{scope}-report-draft",
        title=_("Draft results report (PDF)"),
        direct_url=f"{report_url}?draft=1",
        note=_("Made from the live scores when opened: not final, without a digest."),
    )


def _report_and_workbook(
    scope: str, report_url: str, workbook_url: str, *, subject: str, digest: str
) -> list[Document]:
    """The results report (PDF) and results workbook (Excel) rows of a round or the contest."""
    report_kind, workbook_kind = _KINDS[scope]
    made = {"subject": subject, "digest": digest}
    return [
        Document(
            key=f"{scope}-report",
            title=_("Results report (PDF)"),
            direct_url=report_url,
            kind=report_kind,
            **made,
        ),
        Document(
            key=f"{scope}-workbook",
            title=_("Results workbook (Excel)"),
            direct_url=workbook_url,
            kind=workbook_kind,
            **made,
        ),
    ]


def round_documents(page: RoundPage) -> list[Document]:
    """The documents of a round's results page: the finalized result's three, else the draft."""
    round_ = page.round
    args = [round_.contest_id, round_.pk]
    report_url = reverse("reports:round_results_pdf", args=args)
    if not page.finalized:
        return [_draft_report("round", report_url)]
    subject, digest = jobs.subject_key(round_result=page.result.pk), page.result.digest
    made = {"subject": subject, "digest": digest}
    workbook_url = reverse("reports:round_results_xlsx", args=args)
    return _with_files(
        [
            *_report_and_workbook("round", report_url, workbook_url, **made),
            Document(
                key="tally-pdf",
                title=_("Tally sheet (PDF)"),
                direct_url=reverse("reports:tally_pdf", args=args),
                kind=TALLY_SHEET.name,
                inline=True,
                **made,
            ),
        ]
    )


def contest_documents(view: Overview) -> list[Document]:
    """The documents of the contest results page: once every round is finalized, the report,
    the workbook and the certificates; before, the draft report (none without rounds)."""
    contest = view.contest
    report_url = reverse("reports:contest_results_pdf", args=[contest.pk])
    if not view.all_final:
        if not view.rounds:
            return []
        return [_draft_report("contest", report_url)]
    subject = jobs.subject_key(contest=contest.pk)
    made = {"subject": subject, "digest": kinds.contest_digest(contest)}
    certificates = Document(
        key="certificates",
        title=_("Certificates (PDF)"),
        direct_url=reverse("reports:certificates_pdf", args=[contest.pk]),
        inline=True,
    )
    if any(row.award for row in view.rows):
        final = view.rounds[-1].result
        certificates = replace(
            certificates, kind=CERTIFICATES.name, subject=subject, digest=final.digest
        )
    else:
        certificates = replace(
            certificates, direct_url="", note=_("No entry of this contest has an award.")
        )
    workbook_url = reverse("reports:contest_results_xlsx", args=[contest.pk])
    return _with_files(
        [
            *_report_and_workbook("contest", report_url, workbook_url, **made),
            certificates,
        ]
    )
