"""The judge's ZIP of one round: every attachment of every entry assigned to the judge (in
effect), one folder per entry, streamed by reports.archive.

Folder: the receipt number, with the case title after it unless judging is blind. File: the name
the judge sees on the scorecard page (`judge_file_name`: "첨부<n>.<type>" under blind judging,
never the uploaded name, which may carry the agency's name). No agency name anywhere."""

from collections.abc import Iterator

from reports.archive import stream_named_zip, unique_name
from reports.exporters import ZIP_TYPE, Exporter, register
from scoring.selectors.judge import judge_file_name
from scoring.selectors.judge_board import RoundFiles
from submissions.models import Attachment
from submissions.services.filetypes import clean_filename, safe_filename


def entry_folder(entry, *, blind: bool) -> str:
    receipt = safe_filename(entry.receipt_number or "", fallback=f"entry-{entry.pk}")
    if blind:
        return receipt
    return safe_filename(f"{receipt}_{entry.title}", fallback=receipt, max_length=80)


def judge_archive_names(files: RoundFiles) -> Iterator[tuple[Attachment, str]]:
    """(attachment, "<folder>/<name the judge sees>") for each file, duplicates renamed."""
    blind = files.round.contest.blind_judging
    taken: set[str] = set()
    for assignment in files.assignments:
        folder = entry_folder(assignment.entry, blind=blind)
        for number, attachment in enumerate(assignment.entry.judge_files, start=1):
            name = clean_filename(
                judge_file_name(attachment, number, blind=blind),
                fallback=f"file-{number}.{attachment.kind}",
            )
            yield attachment, unique_name(f"{folder}/{name}", taken)


def _file_name(files: RoundFiles) -> str:
    """ "2026_1차 서면심사_첨부파일.zip" (the round's Korean name, as the organizer's files)."""
    return f"{files.round.contest.year}_{files.round.name_ko}_첨부파일.zip"


JUDGE_FILES_ZIP = register(
    Exporter[RoundFiles](
        name="judge_files_zip",
        # Asked about one of the judge's own assignments in effect (the view found them).
        permission="scoring.score_entry",
        target=lambda files: files.assignments[0],
        content_type=ZIP_TYPE,
        filename=_file_name,
        fallback=lambda files: f"{files.round.contest.year}_round{files.round.pk}_files.zip",
        build=lambda files: stream_named_zip(judge_archive_names(files)),
    )
)
