"""Reads for the agency's entry pages, already filtered to what the user may see."""

from dataclasses import dataclass

from django.db.models import Count, Exists, OuterRef, Prefetch, QuerySet
from django.utils import timezone

from accounts.rules import is_site_admin
from contests.models import Category, Contest, EntryQuestion
from submissions.models import Agency, AgencyMembership, Answer, Attachment, Entry


def agencies_of(user) -> list[Agency]:
    """The agencies the user is an approved member of."""
    if not user.is_authenticated:
        return []
    return list(Agency.objects.filter(memberships__user=user).order_by("name_ko"))


def entries_of_member(user) -> QuerySet[Entry]:
    """Every entry of every agency the user belongs to, newest change first."""
    if not user.is_authenticated:
        return Entry.objects.none()
    member = AgencyMembership.objects.filter(agency=OuterRef("agency"), user=user)
    return (
        Entry.objects.filter(Exists(member))
        .select_related("contest", "category", "agency")
        .annotate(attachment_count=Count("attachments"))
        .order_by("-updated_at", "-id")
    )


def contests_open_for_submission(agencies: list[Agency]) -> list[Contest]:
    """Published contests whose submission window is open now, each with `category_list`: its
    categories open to the kind of at least one of `agencies`."""
    now = timezone.now()
    contests = list(
        Contest.objects.filter(
            is_published=True, submission_opens_at__lte=now, submission_closes_at__gt=now
        )
        .prefetch_related(
            Prefetch(
                "categories",
                queryset=Category.objects.order_by("order", "id"),
                to_attr="category_list",
            )
        )
        .order_by("submission_closes_at", "id")
    )
    kinds = {agency.kind for agency in agencies}
    for contest in contests:
        contest.category_list = [c for c in contest.category_list if c.is_open_to_any(kinds)]
    return contests


def open_contest(pk: int) -> Contest | None:
    """A published contest open for submission now, or None."""
    now = timezone.now()
    return Contest.objects.filter(
        pk=pk, is_published=True, submission_opens_at__lte=now, submission_closes_at__gt=now
    ).first()


def _entries() -> QuerySet[Entry]:
    return Entry.objects.select_related("contest", "category", "agency")


def entry_of_member(user, pk: int) -> Entry | None:
    """The entry if the user is a member of its agency (the people who may change it), else None."""
    if not user.is_authenticated:
        return None
    member = AgencyMembership.objects.filter(agency=OuterRef("agency"), user=user)
    return _entries().filter(Exists(member), pk=pk).first()


def entry_visible_to(user, pk: int) -> Entry | None:
    """The entry if the user may see it: its agency's members, its contest's organizers, site
    admins. None otherwise (the caller answers 404: whether an entry exists is private)."""
    if not user.is_authenticated:
        return None
    qs = _entries().filter(pk=pk)
    if is_site_admin(user):
        return qs.first()
    member = AgencyMembership.objects.filter(agency=OuterRef("agency"), user=user)
    visible = Exists(member)
    if user.is_organizer:
        organizes = Contest.organizers.through.objects.filter(
            contest_id=OuterRef("contest_id"), user_id=user.pk
        )
        visible = visible | Exists(organizes)
    return qs.filter(visible).first()


@dataclass(frozen=True)
class QuestionAnswer:
    question: EntryQuestion
    text: str

    @property
    def field_name(self) -> str:
        return f"q_{self.question.pk}"


def entry_answers(entry: Entry) -> list[QuestionAnswer]:
    """Each of the contest's questions in order, with the entry's saved answer ("" if none)."""
    texts = dict(Answer.objects.filter(entry=entry).values_list("question_id", "text"))
    questions = EntryQuestion.objects.filter(contest_id=entry.contest_id).order_by("order", "id")
    return [QuestionAnswer(question=q, text=texts.get(q.pk, "")) for q in questions]


def entry_attachments(entry: Entry) -> list[Attachment]:
    return list(Attachment.objects.filter(entry=entry).order_by("uploaded_at", "id"))


def attachment_of(entry: Entry, pk: int) -> Attachment | None:
    return Attachment.objects.filter(entry=entry, pk=pk).select_related("entry").first()
