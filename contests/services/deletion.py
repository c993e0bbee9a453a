"""Deleting a contest: only one that has no entries at all (drafts and withdrawn ones count).

A contest with entries is history (agencies wrote them, receipt numbers were given); the database
refuses to delete it too (`submissions.Entry.contest` is PROTECT). Deleting takes its set-up with
it: categories, rounds with panels and rubrics, award tiers, entry questions, attachment slots,
documents (and their files), tie-break rules, judges and their invitations. Written to the
`contests.audit` log (there is no audit table for contest changes).
"""

import logging

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import ProtectedError, RestrictedError
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from contests.models import Contest

audit = logging.getLogger("contests.audit")


def contest_entry_count(contest: Contest) -> int:
    """Every entry of the contest, whatever its status."""
    return contest.entries.count()


def has_entries_message(count: int) -> str:
    """Why a contest with `count` entries cannot be deleted (the page and the refusal)."""
    return ngettext(
        "This contest has %(count)d entry (drafts count too), so it cannot be deleted.",
        "This contest has %(count)d entries (drafts count too), so it cannot be deleted.",
        count,
    ) % {"count": count}


@transaction.atomic
def contest_delete(*, contest: Contest, by) -> None:
    """Delete `contest` and its set-up. Refused (ValidationError, code "has_entries") when it has
    any entry, checked again with the contest row locked, or (code "in_use") when other records
    still hold on to it (e.g. a finalized round's result)."""
    locked = Contest.objects.select_for_update().filter(pk=contest.pk).first()
    if locked is None:
        return  # deleted meanwhile: nothing left to do
    count = contest_entry_count(locked)
    if count:
        raise ValidationError(has_entries_message(count), code="has_entries")
    name, pk = locked.name_ko, locked.pk
    documents = [(d.file.name, d.file.storage) for d in locked.documents.all()]
    try:
        with transaction.atomic():
            locked.delete()
    except (ProtectedError, RestrictedError):
        raise ValidationError(
            _("This contest cannot be deleted because other records still use it."),
            code="in_use",
        ) from None
    for file_name, storage in documents:  # the documents' bytes go once the deletion commits
        transaction.on_commit(lambda f=file_name, s=storage: s.delete(f))
    audit.info("contest %s (%s) deleted by %s", pk, name, getattr(by, "email", by))
