"""factory_boy factories shared by every test module."""

import datetime as dt
from decimal import Decimal

import factory
from django.utils import timezone

from accounts.models import User
from contests.models import (
    AwardTier,
    Category,
    Contest,
    Criterion,
    EntryQuestion,
    Level,
    Panel,
    Round,
)
from scoring.models import Assignment, Judge, Scorecard
from submissions.models import Agency, AgencyMembership, Answer, Entry, JoinRequest

PASSWORD = "test-pass-4821"


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    email = factory.Sequence(lambda n: f"user{n}@example.kr")
    name = factory.Sequence(lambda n: f"사용자{n}")
    password = factory.PostGenerationMethodCall("set_password", PASSWORD)

    @factory.post_generation
    def _save(obj, create, extracted, **kwargs):
        if create:
            obj.save()


class OrganizerFactory(UserFactory):
    is_organizer = True


class AdminFactory(UserFactory):
    is_staff = True
    is_superuser = True


def _in_days(days: int) -> dt.datetime:
    return timezone.now() + dt.timedelta(days=days)


class ContestFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Contest
        skip_postgeneration_save = True

    name_ko = factory.Sequence(lambda n: f"2026 정부혁신 우수사례 경진대회 {n}")
    name_en = factory.Sequence(lambda n: f"2026 Government Innovation Best Practice Contest {n}")
    year = 2026
    submission_opens_at = factory.LazyFunction(lambda: _in_days(-10))
    submission_closes_at = factory.LazyFunction(lambda: _in_days(20))
    is_published = True

    @factory.post_generation
    def organizers(obj, create, extracted, **kwargs):
        if create and extracted:
            obj.organizers.set(extracted)


class CategoryFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Category

    contest = factory.SubFactory(ContestFactory)
    name_ko = factory.Sequence(lambda n: f"부문{n}")
    name_en = factory.Sequence(lambda n: f"Category {n}")
    order = factory.Sequence(lambda n: n)


class RoundFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Round

    contest = factory.SubFactory(ContestFactory)
    name_ko = "1차 서면심사"
    name_en = "Round 1: written review"
    order = factory.Sequence(lambda n: n)
    opens_at = factory.LazyFunction(lambda: _in_days(25))
    closes_at = factory.LazyFunction(lambda: _in_days(35))
    weight = Decimal("100")


class PanelFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Panel

    round = factory.SubFactory(RoundFactory)
    name_ko = "전문가 심사단"
    name_en = "Expert panel"
    weight = Decimal("100")


class CriterionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Criterion

    round = factory.SubFactory(RoundFactory)
    name_ko = factory.Sequence(lambda n: f"평가항목{n}")
    name_en = factory.Sequence(lambda n: f"Criterion {n}")
    max_points = Decimal("30")
    order = factory.Sequence(lambda n: n)


class LevelFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Level

    criterion = factory.SubFactory(CriterionFactory)
    label = "매우우수"
    points = Decimal("30")


class AwardTierFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = AwardTier

    contest = factory.SubFactory(ContestFactory)
    name_ko = "대통령상"
    name_en = "Presidential Award"
    count = 1


class EntryQuestionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = EntryQuestion

    contest = factory.SubFactory(ContestFactory)
    label_ko = "추진배경"
    label_en = "Background"
    max_length = 2000


class AgencyFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Agency

    code = factory.Sequence(lambda n: f"AG{n:04d}")
    name_ko = factory.Sequence(lambda n: f"기관{n}")
    name_en = factory.Sequence(lambda n: f"Agency {n}")
    kind = Agency.Kind.CENTRAL


class AgencyMembershipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = AgencyMembership

    agency = factory.SubFactory(AgencyFactory)
    user = factory.SubFactory(UserFactory)


class JudgeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Judge

    contest = factory.SubFactory(ContestFactory)
    user = factory.SubFactory(UserFactory)


class EntryFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Entry

    contest = factory.SubFactory(ContestFactory)
    category = factory.LazyAttribute(lambda o: CategoryFactory(contest=o.contest))
    agency = factory.SubFactory(AgencyFactory)
    title = factory.Sequence(lambda n: f"찾아라! 119 지름길 {n}")


class AnswerFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Answer

    entry = factory.SubFactory(EntryFactory)
    question = factory.LazyAttribute(lambda o: EntryQuestionFactory(contest=o.entry.contest))
    text = "실시간 교통정보로 출동 시간을 단축했다."


class JoinRequestFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = JoinRequest

    user = factory.SubFactory(UserFactory)
    agency = factory.SubFactory(AgencyFactory)


class AssignmentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Assignment

    round = factory.SubFactory(RoundFactory)
    judge = factory.LazyAttribute(lambda o: JudgeFactory(contest=o.round.contest))
    # Only submitted entries are judged (entries in the running).
    entry = factory.LazyAttribute(
        lambda o: EntryFactory(contest=o.round.contest, status=Entry.Status.SUBMITTED)
    )


class ScorecardFactory(factory.django.DjangoModelFactory):
    """A scorecard with its assignment (pass `assignment=`, or a new one is made)."""

    class Meta:
        model = Scorecard
        exclude = ["assignment"]

    assignment = factory.SubFactory(AssignmentFactory)
    round = factory.SelfAttribute("assignment.round")
    judge = factory.SelfAttribute("assignment.judge")
    entry = factory.SelfAttribute("assignment.entry")
