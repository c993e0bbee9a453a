"""What the catalog's modules share (reports.catalog re-exports it): the file names of the
organizer's downloads, "2026_정부혁신우수사례_<what>.<ext>", the round's number n, the snapshot's
"result-<year>-round<n>-<digest>.json", and `contest_document`, the one declaration of a document
of a contest named that way."""

from collections.abc import Callable
from typing import Any

from contests.models import Contest, Round
from reports.exporters import PDF_TYPE, XLSX_TYPE, ZIP_TYPE, Body, Exporter, register
from scoring.models import RoundResult
from scoring.selectors.results import number_of_round
from submissions.services.filetypes import safe_filename

ORGANIZER = "contests.manage_contest"
EXTENSIONS = {PDF_TYPE: "pdf", XLSX_TYPE: "xlsx", ZIP_TYPE: "zip"}


def contest_short_name(contest: Contest) -> str:
    """The Korean name without its year and spaces, for file names.

    "2026 정부혁신 우수사례" → "정부혁신우수사례" (Contest has no short-name field).
    """
    words = [word for word in contest.name_ko.split() if word != str(contest.year)]
    return safe_filename("".join(words), fallback=str(contest.pk), max_length=40)


def contest_file_name(contest: Contest, what: str, ext: str) -> str:
    """The name of an organizer's download of a contest: "2026_정부혁신우수사례_<what>.<ext>"."""
    return f"{contest.year}_{contest_short_name(contest)}_{what}.{ext}"


def round_number(result: RoundResult) -> int:
    """n of the result's round: the contest's rounds counted in order from 1."""
    return number_of_round(result.round)


def snapshot_file_name(result: RoundResult) -> str:
    """result-<year>-round<n>-<digest>.json: n counts the contest's rounds in order."""
    contest = result.round.contest
    return f"result-{contest.year}-round{round_number(result)}-{result.digest[:12]}.json"


def itself(obj: Any) -> Any:
    """A `target` or `contest` that is the object itself."""
    return obj


def _no_fields(obj: Any) -> dict:
    return {}


def contest_document[T](
    *,
    name: str,
    what: tuple[str, str],
    content_type: str,
    build: Callable[[T], Body],
    contest: Callable[[T], Contest] | None = None,
    round_of: Callable[[T], Round] | None = None,
    fields: Callable[[T], dict] = _no_fields,
    permission: str = ORGANIZER,
    target: Callable[[T], Any] | None = None,
    inline: bool = False,
) -> Exporter[T]:
    """Register and return the exporter of a document of `contest(obj)`, named
    contest_file_name(contest, <Korean what>, ext) with the ASCII fallback
    "<year>_<English what>.<ext>": `what` is (Korean, English), each formatted with
    `fields(obj)` (asked once per name). A document of one round gives `round_of` instead of
    `contest`: the contest is the round's, and the fields gain the round's number as `n`. The
    permission is the organizer's, asked about the contest, unless `permission` and `target` say
    otherwise."""
    korean, english = what
    ext = EXTENSIONS[content_type]
    if round_of is not None:
        contest = lambda obj: round_of(obj).contest  # noqa: E731
        own_fields = fields
        fields = lambda obj: {"n": number_of_round(round_of(obj)), **own_fields(obj)}  # noqa: E731
    assert contest is not None, "a document names its contest or its round"
    return register(
        Exporter[T](
            name=name,
            permission=permission,
            target=target or contest,
            content_type=content_type,
            filename=lambda obj: contest_file_name(contest(obj), korean.format(**fields(obj)), ext),
            fallback=lambda obj: f"{contest(obj).year}_{english.format(**fields(obj))}.{ext}",
            inline=inline,
            build=build,
        )
    )
