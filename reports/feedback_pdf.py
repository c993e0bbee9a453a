"""An entry's feedback report (심사결과 안내서) as PDF: what its agency sees on its own published
result page (scoring.selectors.published.entry_result, templates/scoring/public/entry.html),
on one or two pages: the entry, its final score, rank (when the organizer tells agencies their
rank) and award, and for each round it took part in its score, rank, advancement, the average
per criterion and the judges' comments without their names, shortest first. Issue date in
Asia/Seoul.

Every number comes from the frozen snapshots of the results in force (the criterion averages from
the scorecards those results counted, as on the page). The page frame carries the digest of the
last round's snapshot; each round's section names its own. Before the contest's results are
published only its organizers may print it: a preview, marked DRAFT on every page.
"""

from dataclasses import dataclass

from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext as _

from reports.pdf import DocumentFrame, render_document
from scoring.selectors.published import Published, entry_result, published_rounds
from submissions.models import Entry

FEEDBACK_CSS = """
h1 { text-align: center; font-size: 19pt; margin: 2mm 0 7mm; }
table.facts th { width: 30mm; }
table.facts { margin-bottom: 4mm; }
h2 { margin: 6mm 0 2mm; }
h3 { margin: 3mm 0 1.5mm; font-size: 10pt; }
table.round th { width: 30mm; }
table.round, table.criteria { margin-bottom: 2.5mm; }
table.criteria .points { width: 24mm; }
.digest { font-size: 7pt; color: #6d7882; margin: 0 0 2mm; word-break: break-all; }
ul.comments { margin: 0; padding-left: 5mm; font-size: 9.5pt; }
ul.comments li { margin-bottom: 1.5mm; white-space: pre-wrap; }
.note { font-size: 8.5pt; color: #464c53; margin-top: 5mm; }
.issued { text-align: right; margin-top: 6mm; }
"""


@dataclass
class FeedbackRound:
    line: object  # scoring.selectors.published.RoundLine
    digest: str


def _taken(entry: Entry) -> list[Published]:
    """The results in force of the rounds the entry took part in, in round order."""
    return [p for p in published_rounds(entry.contest) if p.row(entry.receipt_number) is not None]


def build_feedback_report(entry: Entry) -> bytes:
    """The report of `entry` (its contest, agency and category loaded); 404 when no round it
    took part in is finalized."""
    contest = entry.contest
    taken = _taken(entry)
    if not taken:
        raise Http404("No finalized round has a result for this entry.")
    result = entry_result(contest, entry)
    rounds = [
        FeedbackRound(line, published.result.digest)
        for line, published in zip(result.rounds, taken, strict=True)
    ]
    frame = DocumentFrame(
        title=_("Feedback report"),
        contest_name=contest.name,
        digest=taken[-1].result.digest,
        draft=contest.results_published_at is None,
    )
    context = {
        "contest": contest,
        "result": result,
        "rounds": rounds,
        "issued_on": timezone.localdate().strftime("%Y-%m-%d"),
    }
    return render_document(
        "reports/pdf/feedback.html", context, frame=frame, extra_css=FEEDBACK_CSS
    )
