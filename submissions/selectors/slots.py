"""An entry's files grouped by the contest's attachment slots, and the contest's documents.

`group_by_slot` is pure: every page that shows an entry's files (the agency's entry page, the
organizer's screening page, the judge's scorecard) groups them with it, slot by slot in the
slots' order, then the free attachments ("Other files").
"""

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from contests.models import AttachmentSlot, Contest, ContestDocument
from submissions.models import Attachment, Entry


@dataclass
class SlotGroup:
    """One slot with the files in it (at most one for an entry; items may be the attachments or
    what a page made of them), or the free attachments when `slot` is None."""

    slot: AttachmentSlot | None
    items: list = field(default_factory=list)
    errors: list[str] = field(default_factory=list)  # why an upload to the slot was refused

    @property
    def item(self):
        return self.items[0] if self.items else None


def _attachment(item: Any) -> Attachment:
    return item["attachment"] if isinstance(item, dict) else item


def group_by_slot(
    slots: Sequence[AttachmentSlot], items: Iterable[Any], *, always_free: bool = False
) -> list[SlotGroup]:
    """A group per slot (in the given order, empty ones too), then one of the free files (only
    when there are any, unless `always_free`). An item is an Attachment or a dict holding one
    under "attachment"; a file whose slot is not in `slots` counts as free."""
    groups = {slot.pk: SlotGroup(slot) for slot in slots}
    free = SlotGroup(None)
    for item in items:
        groups.get(_attachment(item).slot_id, free).items.append(item)
    return [*groups.values(), *([free] if free.items or always_free else [])]


def contest_slots(contest_id: int) -> list[AttachmentSlot]:
    return list(AttachmentSlot.objects.filter(contest_id=contest_id).order_by("order", "id"))


def slots_of(items: Sequence[Any]) -> list[AttachmentSlot]:
    """The slots the given files fill, in order (no query when none fills a slot)."""
    ids = {_attachment(item).slot_id for item in items} - {None}
    if not ids:
        return []
    return list(AttachmentSlot.objects.filter(pk__in=ids).order_by("order", "id"))


def entry_file_groups(
    entry: Entry, attachments: Sequence[Attachment], errors: dict[int, list[str]] | None = None
) -> list[SlotGroup]:
    """Every slot of the entry's contest with its file (or none yet) and the `errors` of an
    upload to it (by slot id), then the free files (a group even when empty)."""
    groups = group_by_slot(contest_slots(entry.contest_id), attachments, always_free=True)
    for group in groups:
        if group.slot is not None:
            group.errors = list((errors or {}).get(group.slot.pk, []))
    return groups


def contest_documents(contest: Contest | int) -> list[ContestDocument]:
    contest_id = contest if isinstance(contest, int) else contest.pk
    return list(ContestDocument.objects.filter(contest_id=contest_id).order_by("uploaded_at", "id"))
