"""Every document of reports.exporters.EXPORTERS from a contest where every field a user types
holds a hostile payload (issue 9, items 4 and 6): script tags, `file:///etc/passwd` in an image,
a link and an attachment, and an Excel formula, starting with = + - @ tab or CR. Each document,
requested through its real view in Korean and in English, shows the payload as text and nothing
else: no embedded file, no /etc/passwd, no file:// link or fetch, no formula or hyperlink cell,
no external link, no path in a file name. The contest is tests/results/pages_scene.py's, both
rounds finalized and published, with an exclusion, a tie decision, an award override, a conflict
(기피), comments, answers and an attachment, named before finalizing (snapshots carry names)."""

import io
import itertools
import json
import logging
import re
import subprocess
import zipfile
import zlib
from dataclasses import dataclass
from urllib.parse import unquote

import pytest
from django.core.files.base import ContentFile
from django.db import transaction
from django.test import Client, override_settings
from django.urls import reverse
from openpyxl import load_workbook

import reports.catalog  # noqa: F401  (registers every exporter)
from reports.exporters import EXPORTERS
from reports.pdf import render_pdf
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

pytestmark = pytest.mark.django_db

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
    return world


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
}

# The fields each document shows, at least ({l}: in the document's language; [1-3]: 1, 2, 3 and
# [135]: 1, 3, 5). A finalize note is printed nowhere; the round report is round 1's.
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
                    "agency[1-7]-{l} judge[0-3] organizer conflict exclusion decision",
    "contest_report": "contest-{l} round[12]-{l} central-{l} local-{l} innovation-{l} grand-{l} "
                      "merit-{l} title[123567] agency[1357]-{l} judge[0-3] organizer conflict "
                      "exclusion decision override",
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
    # The receipt is printed in Korean whatever the language (templates/reports/receipt.html).
    "entry_receipt": "contest-ko central-ko title1 agency1-ko file",
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


def flat(text: str) -> str:
    return "".join(text.split())


def in_cell(text: str) -> str:
    """`text` as a workbook cell gives it back: XML reads a raw CR as LF (XML 1.0, 2.11)."""
    return text.replace("\r\n", "\n").replace("\r", "\n")


def poppler(tool: str, pdf: bytes, tmp_path, *args: str) -> str:
    path = tmp_path / "document.pdf"
    path.write_bytes(pdf)
    command = [tool, *args, str(path)] + (["-"] if tool == "pdftotext" else [])
    return subprocess.run(command, capture_output=True, text=True, check=True).stdout  # noqa: S603


def embedded(pdf: bytes, tmp_path) -> list[str]:
    """The "emb" column of pdffonts, one per font (cut where its line of dashes says)."""
    lines = poppler("pdffonts", pdf, tmp_path).splitlines()
    start, end = [m.span() for m in re.finditer(r"-+", lines[1])][3]
    return [line[start:end].strip() for line in lines[2:]]


def file_names(disposition: str) -> list[str]:
    """The ASCII name and the UTF-8 name of a Content-Disposition header."""
    encoded = re.findall(r"filename\*=utf-8''(\S+)", disposition)
    return re.findall(r'filename="([^"]*)"', disposition) + [unquote(n) for n in encoded]


def clean_path(name: str) -> bool:
    """Relative, without a ".." part, a backslash or a control character."""
    bad = name.startswith(("/", ".")) or ".." in name.split("/")
    return not bad and not re.search(r"[\\\x00-\x1f]", name)


def decoded(pdf: bytes) -> bytes:
    """The PDF's bytes with every compressed stream inflated: WeasyPrint packs its objects (a
    link's /URI, an embedded file's dictionary and content) in compressed object streams."""
    parts = [pdf]
    for match in re.finditer(rb"stream\r?\n(.*?)\r?\nendstream", pdf, re.DOTALL):
        try:
            parts.append(zlib.decompress(match.group(1)))
        except zlib.error:
            continue
    return b"\n".join(parts)


def check_pdf(pdf: bytes, tmp_path, payloads: dict) -> set[str]:
    """The PDF's traces (asserted here) and the tags whose payload it shows, read as text."""
    assert pdf.startswith(b"%PDF-")
    inflated = decoded(pdf)
    assert b"/EmbeddedFile" not in inflated
    assert poppler("pdfdetach", pdf, tmp_path, "-list").strip() == "0 embedded files"
    assert b"/URI (file:" not in inflated
    urls = poppler("pdfinfo", pdf, tmp_path, "-url").splitlines()[1:]  # page, type, URL
    assert [url for url in urls if "file:" in url or "evil.invalid" in url] == []
    text = poppler("pdftotext", pdf, tmp_path, "-raw")
    assert [t for t in PASSWD if t in text or t.encode() in inflated] == []
    assert set(embedded(pdf, tmp_path)) == {"yes"}  # at least one font, every one embedded
    # -raw keeps a hyphen that ends a line (the default joins "grand-\nen" into "granden");
    # white space is left out, as a table cell wraps the payload anywhere.
    return {tag for tag, typed in payloads.items() if flat(typed) in flat(text)}


def check_workbook(body: bytes, payloads: dict) -> set[str]:
    """The workbook's traces (asserted here) and the tags whose payload a cell holds."""
    assert not [n for n in zipfile.ZipFile(io.BytesIO(body)).namelist() if "externalLink" in n]
    typed = {in_cell(text): tag for tag, text in payloads.items()}
    found, problems = set(), []
    for sheet in load_workbook(io.BytesIO(body)).worksheets:
        for row in sheet.iter_rows():
            for cell in row:
                value, where = cell.value, f"{sheet.title}!{cell.coordinate}"
                if cell.data_type == "f" or cell.hyperlink is not None:
                    problems.append(f"{where}: formula or link {value!r}")
                if not isinstance(value, str):
                    continue
                found.update(tag for text, tag in typed.items() if text in value)
                # A cell that starts as a formula would is a text cell, and what it starts
                # with is a field exactly as typed ("<contest>: entries (as of …)").
                if value.startswith(EXCEL_STARTS) and (
                    cell.data_type != "s" or not value.startswith(tuple(typed))
                ):
                    problems.append(f"{where}: {cell.data_type} {value!r}")
    assert problems == []
    return found


def check_snapshot(body: bytes, payloads: dict) -> set[str]:
    inputs = json.loads(body)["inputs"]
    names = {"contest-ko": inputs["contest"]["name_ko"], "contest-en": inputs["contest"]["name_en"],
             "exclusion": inputs["excluded"][0]["reason"],
             "decision": inputs["decisions"][0]["reason"]}  # fmt: skip
    assert names == {tag: payloads[tag] for tag in names}
    return set(names)


def check(world: World, name: str, language: str, tmp_path) -> set[str]:
    """Download the document, assert it holds no trace; the tags of the payloads it shows."""
    (role, url_name, args), ids = CASES[name], _ids(world)
    client = Client(HTTP_ACCEPT_LANGUAGE=language)
    client.force_login(world.users[role])
    response = client.get(reverse(url_name, args=[ids[arg] for arg in args.split()]))
    assert response.status_code == 200
    body = b"".join(response.streaming_content) if response.streaming else response.content
    assert all(clean_path(name) for name in file_names(response["Content-Disposition"]))
    assert [trace for trace in PASSWD if trace.encode() in body] == []
    kind = response["Content-Type"]
    if name in ("entry_attachment", "judge_attachment"):
        assert body == ATTACHMENT_BYTES  # the stored file as uploaded, under a clean name
        return set()
    if kind == "application/pdf":
        return check_pdf(body, tmp_path, world.payloads)
    if kind.endswith("spreadsheetml.sheet"):
        return check_workbook(body, world.payloads)
    if kind == "application/zip":  # "<receipt>_<agency>/<last part of the uploaded name>"
        archive = zipfile.ZipFile(io.BytesIO(body))
        [member] = archive.namelist()
        assert clean_path(member)
        assert member.count("/") == 1
        assert archive.read(member) == ATTACHMENT_BYTES
        return set()
    assert kind == "application/json"
    return check_snapshot(body, world.payloads)


# --- the tests ----------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def built(django_db_setup, django_db_blocker, tmp_path_factory):
    """The contest, built once for the module in a transaction rolled back after its last test
    (each test runs in a savepoint of its own: pytest-django's `db`)."""
    media = tmp_path_factory.mktemp("media")
    hashers = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    with django_db_blocker.unblock(), transaction.atomic():
        with override_settings(MEDIA_ROOT=media, PASSWORD_HASHERS=hashers):
            world = build()
        yield world, media
        transaction.set_rollback(True)


def test_every_exporter_has_a_hostile_case():
    assert set(CASES) == set(EXPORTERS)


@pytest.mark.parametrize("name", sorted(EXPORTERS))
def test_a_document_shows_hostile_text_as_text_and_nothing_else(
    name, built, settings, tmp_path, caplog
):
    assert name in CASES, f"add the exporter {name!r} to CASES (and SHOWN) in {__name__}"
    caplog.set_level(logging.DEBUG, logger="weasyprint")
    world, settings.MEDIA_ROOT = built
    for language in ("ko", "en"):
        found = check(world, name, language, tmp_path)
        assert shown(name, language) - found == set()
    # Escaped text never became markup: WeasyPrint was never even asked for a file:// URL.
    assert [r.getMessage() for r in caplog.records if "passwd" in r.getMessage()] == []


def test_what_markup_would_fetch_is_refused_and_seen(tmp_path, settings, caplog):
    """The other side of the checks above: had a payload reached the markup, the fetcher would
    refuse each file:// URL (WeasyPrint logs it; nothing is embedded), and the link would be
    in the PDF, which `check_pdf` would see."""
    settings.TEMPLATES = [
        {**settings.TEMPLATES[0], "DIRS": [tmp_path, *settings.TEMPLATES[0]["DIRS"]]}
    ]
    (tmp_path / "unescaped.html").write_text("<p>사례</p>{{ text|safe }}", encoding="utf-8")
    caplog.set_level(logging.DEBUG, logger="weasyprint")
    pdf = render_pdf("unescaped.html", {"text": payload("raw")})
    refused = [r.getMessage() for r in caplog.records if "not allowed" in r.getMessage()]
    blocked = "BlockedURL: PDF resource not allowed: file:///etc/passwd"
    assert sorted(refused) == [
        f"Failed to load attachment: {blocked}",
        f"Failed to load image at 'file:///etc/passwd': {blocked}",
    ]
    assert poppler("pdfdetach", pdf, tmp_path, "-list").strip() == "0 embedded files"
    assert [t for t in PASSWD if t.encode() in decoded(pdf)] == []
    assert b"/URI (file:///etc/passwd)" in decoded(pdf)
    with pytest.raises(AssertionError, match="URI"):
        check_pdf(pdf, tmp_path, {})
