"""A judge's private note on an entry (나만 보는 메모): one per (judge, entry), written by that
judge only, read on that judge's pages only (scoring.selectors.judge_overview).

A note is not part of the scoring: it can be written while the scorecard is submitted and after
the round's window closed, as long as the entry is assigned to the judge (an assignment in
effect, in any round).
"""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from scoring.models import Judge, PrivateNote
from scoring.selectors.in_effect import assignments_in_effect
from scoring.services.scorecard_edit import NotAssigned
from submissions.models import Entry

NOTE_MAX_LENGTH = 5000


def note_text(raw: str) -> str:
    """The text as stored: line breaks as a browser sends them (CRLF) counted once."""
    return raw.replace("\r\n", "\n").replace("\r", "\n")


def too_long_message() -> str:
    return _(
        "The note can be at most %(max)d characters long (it has %(count)d). "
        "Shorten it; nothing you typed was lost, but it was not saved."
    )


@transaction.atomic
def note_save(*, judge: Judge, entry: Entry, text: str) -> PrivateNote | None:
    """Store the judge's note on the entry, or delete it when `text` is blank. Returns the note
    (None once deleted). NotAssigned when the entry is not assigned to the judge;
    ValidationError when the text is longer than NOTE_MAX_LENGTH (nothing changes)."""
    if not assignments_in_effect(judge=judge, entry=entry).exists():
        raise NotAssigned
    text = note_text(text)
    if len(text) > NOTE_MAX_LENGTH:
        raise ValidationError(
            too_long_message(),
            code="max_length",
            params={"max": NOTE_MAX_LENGTH, "count": len(text)},
        )
    if not text.strip():
        PrivateNote.objects.filter(judge=judge, entry=entry).delete()
        return None
    note, _created = PrivateNote.objects.update_or_create(
        judge=judge, entry=entry, defaults={"text": text}
    )
    return note
