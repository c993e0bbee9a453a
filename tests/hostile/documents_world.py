"""The hostile contest of the document tests (test_documents_pdf.py, test_documents_files.py):
every field a user types holds a payload, and the table of which exporter is asked by whom
through which view, with the payloads its document must show.

Every document of reports.exporters.EXPORTERS from a contest where every field a user types
holds a hostile payload (issue 9, items 4 and 6): script tags, `file:///etc/passwd` in an image,
a link and an attachment, and an Excel formula, starting with = + - @ tab or CR. Each document,
requested through its real view in Korean and in English, shows the payload as text and nothing
else: no embedded file, no /etc/passwd, no file:// link or fetch, no formula or hyperlink cell,
no external link, no path in a file name. The contest is tests/results/pages_scene.py's, both
rounds finalized and published, with an exclusion, a tie decision, an award override, a conflict
(기피), comments, answers and an attachment, named before finalizing (snapshots carry names)."""

import itertools
import re
from dataclasses import dataclass

from django.core.files.base import ContentFile

from scoring.models import Assignment, Scorecard
from scoring.services.conflicts import conflict_record_challenge
from scoring.services.results import (
    award_override,
    result_exclude,
    results_publish,
    round_finalize,
    tie_decide,
)
from scoring.services.scorecards import scorecard_fill, scorecard_open
from submissions.models import Attachment
from tests import factories
from tests.results.pages_scene import ON_PAPER, ROUND1, ROUND2, build_scene

LEADS = ("", "+", "-", "@", "\t", "\r")  # after a lead, every payload starts with "="
EXCEL_STARTS = ("=", "+", "-", "@", "\t", "\r", "\n")
PASSWD = ("root:x:0:0", "/bin/bash")
ATTACHMENT_BYTES = b"%PDF-1.4\n"


def payload(tag: str, lead: str = "", *, short: bool = False) -> str:
    """The hostile text of one field, told apart by `tag`; `short` for a 100-character field."""
    text = f'=HYPERLINK("http://evil.invalid","{tag}")<img src="file:///etc/passwd">'
    if not short:
        text += (
            '<script>alert(1)</script><link rel="attachment" href="file:///etc/passwd">'
            '<a href="file:///etc/passwd">x</a>'
        )  # at most 188 characters: every name field holds 200
    return lead + text


@dataclass
class World:
    scene: object
    payloads: dict  # tag → the text typed into that field
    users: dict  # role → user
    attachment: Attachment

    def text(self, tag: str, *, short: bool = False, leads: int = 6) -> str:
        """The payload of a field, with the next lead in turn."""
        self.payloads[tag] = payload(tag, LEADS[len(self.payloads) % leads], short=short)
        return self.payloads[tag]

    def reason(self, tag: str) -> str:  # the services strip white space: no tab or CR lead
        return self.text(tag, leads=4)


def _fill(world: World, round_, judge, entry, values: dict, tag: str) -> None:
    card = scorecard_open(round_=round_, judge=judge, entry=entry)
    scorecard_fill(
        scorecard=card, values={c.pk: str(v) for c, v in values.items()},
        comment=world.reason(tag), version=card.version, by=world.users["organizer"],
        via=ON_PAPER, reason="서명된 평가표", submit=True,
    )  # fmt: skip


def build() -> World:
    """The finalized, published contest with a payload in every user-typed field."""
    world = World(None, {}, {}, None)
    organizer = factories.OrganizerFactory(name=world.text("organizer", short=True))
    world.users["organizer"] = organizer
    scene = world.scene = build_scene(organizer, score=False)
    named = [(getattr(scene, tag), tag) for tag in ("contest", "central", "local", "round1",
             "round2", "innovation", "effect", "talk", "grand", "merit")]  # fmt: skip
    for n, judge in enumerate(scene.judges):
        judge.user.name = world.text(f"judge{n}", short=True)
        judge.user.save(update_fields=["name"])
    question = factories.EntryQuestionFactory(contest=scene.contest, label_ko=world.text(
        "question-ko"), label_en=world.text("question-en"))  # fmt: skip
    for receipt, entry in scene.entries.items():
        n = receipt[-1]
        entry.title = world.text(f"title{n}")
        entry.save(update_fields=["title"])
        named.append((entry.agency, f"agency{n}"))
        factories.AnswerFactory(entry=entry, question=question, text=world.text(f"answer{n}"))
    for obj, tag in named:
        obj.name_ko, obj.name_en = world.text(f"{tag}-ko"), world.text(f"{tag}-en")
        obj.save(update_fields=["name_ko", "name_en"])
    first = scene.entries["2026-0001"]
    name, size = "../../" + world.text("file") + ".pdf", len(ATTACHMENT_BYTES)
    world.attachment = Attachment(entry=first, original_name=name, kind="pdf", size=size,
                                  sha256="0")  # fmt: skip
    world.attachment.file.save("ignored.pdf", ContentFile(ATTACHMENT_BYTES))
    world.users["member"] = factories.AgencyMembershipFactory(agency=first.agency).user
    world.users["judge"] = scene.judges[0].user
    conflict_record_challenge(judge=scene.judges[3], entry=first, reason=world.reason("conflict"),
                              by=organizer)  # fmt: skip
    for receipt, (_kind, totals) in ROUND1.items():
        for j, (judge, (a, b)) in enumerate(zip(scene.judges, totals, strict=False)):
            values = {scene.innovation: a, scene.effect: b}
            tag = f"c1e{receipt[-1]}j{j}"
            _fill(world, scene.round1, judge, scene.entries[receipt], values, tag)
    result_exclude(round_=scene.round1, judge=scene.judges[3], entry=scene.entries["2026-0006"],
                   reason=world.reason("exclusion"), by=organizer)  # fmt: skip
    tie_decide(round_=scene.round1, scope="round", entries=["2026-0003", "2026-0002"],
               reason=world.reason("decision"), by=organizer)  # fmt: skip
    round_finalize(round_=scene.round1, by=organizer, note=world.reason("note1"))
    for receipt, totals in ROUND2.items():
        entry = scene.entries[receipt]
        for j, (judge, total) in enumerate(zip(scene.judges, totals, strict=False)):
            Assignment.objects.create(round=scene.round2, judge=judge, entry=entry)
            _fill(world, scene.round2, judge, entry, {scene.talk: total}, f"c2e{receipt[-1]}j{j}")
    award_override(contest=scene.contest, entry=scene.entries["2026-0005"], tier=scene.grand,
                   reason=world.reason("override"), by=organizer)  # fmt: skip
    round_finalize(round_=scene.round2, by=organizer, note=world.reason("note2"))
    results_publish(contest=scene.contest, by=organizer, scores=True, ranks=True)
    _uploads(world, first, scene.round2, name)
    return world


def _uploads(world: World, entry, round_, name: str) -> None:
    """The agency's other uploads, under the same hostile name: an objection's file (objection
    #1) and the entry's 발표자료 for round 2."""
    from django.utils import timezone

    from scoring.models import Objection, PresentationSlides

    member, size = world.users["member"], len(ATTACHMENT_BYTES)
    objection = Objection(contest=entry.contest, number=1, entry=entry, text=world.text("file"),
                          concern=Objection.Concern.SCORES, round=round_, filed_by=member,
                          file_name=name, file_kind="pdf")  # fmt: skip
    objection.file.save("ignored.pdf", ContentFile(ATTACHMENT_BYTES))
    slides = PresentationSlides(round=round_, entry=entry, original_name=name, kind="pdf",
                                size=size, sha256="0", uploaded_by=member,
                                uploaded_at=timezone.now())  # fmt: skip
    slides.file.save("ignored.pdf", ContentFile(ATTACHMENT_BYTES))


# --- each exporter's view, who asks for it, and the payloads its document must show ---------


def _ids(w: World) -> dict[str, int]:
    s, first = w.scene, w.scene.entries["2026-0001"]
    card = Scorecard.objects.get(round=s.round1, judge=s.judges[0], entry=first)
    return {"contest": s.contest.pk, "round1": s.round1.pk, "round2": s.round2.pk,
            "entry": first.pk, "attachment": w.attachment.pk, "card": card.pk,
            "judge": s.judges[0].pk, "1": 1}  # fmt: skip


CASES = {  # exporter: (who asks, the view's URL name, its arguments)
    "entries_workbook": ("organizer", "reports:entries_xlsx", "contest"),
    "attachments_zip": ("organizer", "reports:attachments_zip", "contest"),
    "entry_receipt": ("member", "reports:entry_receipt_pdf", "entry"),
    "entry_attachment": ("member", "entries:attachment_download", "entry attachment"),
    "score_template": ("organizer", "control:score_template", "contest round1"),
    "agency_template": ("organizer", "submissions:agency_import_template", ""),
    "judge_attachment": ("judge", "judge:attachment", "round2 entry 1"),
    "judge_files_zip": ("judge", "judge:files_zip", "round2"),
    "round_snapshot": ("organizer", "results:snapshot", "contest round1"),
    "round_workbook": ("organizer", "reports:round_results_xlsx", "contest round2"),
    "contest_workbook": ("organizer", "reports:contest_results_xlsx", "contest"),
    "round_report": ("organizer", "reports:round_results_pdf", "contest round1"),
    "contest_report": ("organizer", "reports:contest_results_pdf", "contest"),
    "evaluation_sheet": ("judge", "reports:evaluation_sheet_pdf", "card"),
    "judge_booklet": ("judge", "reports:judge_booklet_pdf", "round1 judge"),
    "tally_sheet": ("organizer", "reports:tally_pdf", "contest round1"),
    "entry_tally_sheet": ("organizer", "reports:entry_tally_pdf", "contest round2 entry"),
    "feedback_report": ("member", "reports:feedback_pdf", "entry"),
    "certificates": ("organizer", "reports:certificates_pdf", "contest"),
    "entry_certificate": ("organizer", "reports:entry_certificate_pdf", "contest entry"),
    "objection_file": ("member", "objections:download", "contest 1"),
    "presentation_slides": ("member", "presentations:slides_file", "round2 entry"),
}

# The fields each document shows, at least ({l}: in the document's language; [1-3]: 1, 2, 3 and
# [135]: 1, 3, 5). The round report is round 1's.
SHOWN = {
    "entries_workbook": "contest-{l} central-{l} local-{l} question-{l} title[1-7] "
                        "agency[1-7]-{l} answer[1-7]",
    "score_template": "innovation-{l} effect-{l} title[1-7] judge[0-3] c1e[1-7]j[0-2]",
    "round_workbook": "contest-{l} round2-{l} central-{l} local-{l} talk-{l} innovation-{l} "
                      "grand-{l} merit-{l} title[1357] agency[1357]-{l} judge[01] organizer "
                      "c2e[1357]j[01]",
    "contest_workbook": "contest-{l} round[12]-{l} central-{l} local-{l} talk-{l} innovation-{l} "
                        "effect-{l} grand-{l} merit-{l} title[1-7] agency[1357]-{l} judge[0-3] "
                        "organizer exclusion decision override c1e[1-7]j[0-2] c2e[1357]j[01]",
    "round_report": "contest-{l} round[12]-{l} central-{l} local-{l} innovation-{l} title[1-7] "
                    "agency[1-7]-{l} judge[0-3] organizer conflict exclusion decision note1",
    "contest_report": "contest-{l} round[12]-{l} central-{l} local-{l} innovation-{l} grand-{l} "
                      "merit-{l} title[123567] agency[1357]-{l} judge[0-3] organizer conflict "
                      "exclusion decision override note[12]",
    "evaluation_sheet": "contest-{l} round1-{l} central-{l} innovation-{l} effect-{l} title1 "
                        "judge0 c1e1j0",
    "judge_booklet": "contest-{l} round1-{l} central-{l} local-{l} innovation-{l} effect-{l} "
                     "title[1-7] judge0 c1e[1-7]j0",
    "tally_sheet": "contest-{l} round1-{l} central-{l} local-{l} innovation-{l} title[1-7] "
                   "judge[0-2]",
    "entry_tally_sheet": "contest-{l} round[12]-{l} central-{l} merit-{l} title1 judge[01]",
    # No judge's name: comments are printed without them.
    "feedback_report": "contest-{l} round[12]-{l} central-{l} innovation-{l} effect-{l} talk-{l} "
                       "merit-{l} title1 agency1-{l} c1e1j[0-2] c2e1j[01]",
    "certificates": "contest-{l} grand-{l} merit-{l} title[1357] agency[1357]-{l}",
    "entry_certificate": "contest-{l} merit-{l} title1 agency1-{l}",
    "entry_receipt": "contest-{l} central-{l} title1 agency1-{l} file",
    "round_snapshot": "contest-ko contest-en exclusion decision",
}  # fmt: skip


def shown(name: str, language: str) -> set[str]:
    """The tags of SHOWN[name], brackets expanded."""
    tags = set()
    for word in SHOWN.get(name, "").format(l=language).split():
        parts = re.split(r"\[([^\]]+)\]", word)  # text, choices, text, choices, …, text
        choices = [
            [str(n) for n in range(int(c[0]), int(c[-1]) + 1)] if "-" in c else list(c)
            for c in parts[1::2]
        ]
        for picked in itertools.product(*choices):
            tags.add("".join(t + c for t, c in zip(parts[::2], [*picked, ""], strict=True)))
    return tags


# --- what a document may hold -------------------------------------------------------------------
