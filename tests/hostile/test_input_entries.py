"""Issue 7, hostile input (items 22, 23): receipt numbers, categories open to some kinds."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, connection, transaction
from django.db.migrations.executor import MigrationExecutor
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from contests.models import Contest
from submissions.models import Entry
from submissions.services.entries import entry_create, entry_submit
from tests import factories
from tests.hostile.test_input import post_form
from tests.permissions.world import build_world

# --- Item 22: receipt numbers name one entry everywhere --------------------------------------


@pytest.mark.django_db
def test_item_22_two_contests_give_different_receipt_numbers_and_pdf_names():
    agency = factories.AgencyFactory()
    member = factories.AgencyMembershipFactory(agency=agency).user
    numbers, names = [], []
    for _ in range(2):
        contest = factories.ContestFactory(year=2026)
        entry = entry_create(
            contest=contest,
            category=factories.CategoryFactory(contest=contest),
            agency=agency,
            title="같은 사례",
            by=member,
        )
        entry = entry_submit(entry=entry, by=member)
        numbers.append(entry.receipt_number)
        client = Client()
        client.force_login(member)
        response = client.get(reverse("reports:entry_receipt_pdf", args=[entry.pk]))
        names.append(response["Content-Disposition"])
    first, second = Contest.objects.order_by("pk")
    assert numbers == [f"2026-{first.pk:03d}-0001", f"2026-{second.pk:03d}-0001"]
    assert names[0] != names[1]


@pytest.mark.django_db
def test_item_22_the_database_refuses_a_receipt_number_twice():
    one, other = factories.ContestFactory(), factories.ContestFactory()
    factories.EntryFactory(contest=one, receipt_number="2026-001-0001")
    factories.EntryFactory(contest=one, receipt_number=None)
    factories.EntryFactory(contest=other, receipt_number=None)  # many drafts without a number
    with pytest.raises(IntegrityError), transaction.atomic():
        factories.EntryFactory(contest=other, receipt_number="2026-001-0001")


@pytest.mark.django_db(transaction=True)
def test_item_22_the_migration_renumbers_existing_numbers_deterministically():
    """Old numbers ("2026-0001" in two contests) take their contest's id; a number in another
    form that two contests share keeps it once, then gets the entry id appended."""
    before = [("submissions", "0003_agency_invitation")]
    executor = MigrationExecutor(connection)
    executor.migrate(before)
    apps = executor.loader.project_state(before).apps
    models = {
        name: apps.get_model(app, name)
        for app, name in [
            ("contests", "Contest"),
            ("contests", "Category"),
            ("submissions", "Agency"),
            ("submissions", "Entry"),
        ]
    }
    agency = models["Agency"].objects.create(code="MOIS", name_ko="행정안전부", kind="central")
    now = timezone.now()
    made, contests = [], []
    for _ in range(2):
        contest = models["Contest"].objects.create(
            name_ko="대회", year=2026, submission_opens_at=now,
            submission_closes_at=now + dt.timedelta(days=1),
        )  # fmt: skip
        category = models["Category"].objects.create(contest=contest, name_ko="부문")
        contests.append(contest.pk)
        for number in ("2026-0001", "2026-0002", None, "수기-1"):
            made.append(
                models["Entry"].objects.create(
                    contest=contest, category=category, agency=agency, title="사례",
                    receipt_number=number,
                ).pk
            )  # fmt: skip
    executor = MigrationExecutor(connection)
    executor.migrate(executor.loader.graph.leaf_nodes())  # every app back at its latest
    numbers = dict(Entry.objects.values_list("pk", "receipt_number"))
    first, second = contests
    assert [numbers[pk] for pk in made] == [
        f"2026-{first:03d}-0001", f"2026-{first:03d}-0002", None, "수기-1",
        f"2026-{second:03d}-0001", f"2026-{second:03d}-0002", None, f"수기-1-{made[7]}",
    ]  # fmt: skip


# --- Item 23: categories open to some kinds of agency ----------------------------------------


@pytest.mark.django_db
def test_item_23_a_central_ministry_cannot_enter_the_local_government_category():
    world = build_world()
    local = factories.CategoryFactory(
        contest=world.contest, name_ko="지방자치단체", agency_kinds=["metropolitan", "local"]
    )
    assert world.agency.kind == "central"
    client = world.client("agency_member")
    client.defaults["HTTP_ACCEPT_LANGUAGE"] = "en"
    url = reverse("entries:create", args=[world.contest.pk])
    assert local not in client.get(url).context["form"].fields["category"].queryset
    response = post_form(
        client, url, {"category": local.pk, "agency": world.agency.pk, "title": "위장 응모"}
    )
    assert response.status_code == 200
    assert response.context["form"].errors["category"]
    assert not Entry.objects.filter(category=local).exists()
    with pytest.raises(ValidationError):
        entry_create(
            contest=world.contest, category=local, agency=world.agency, title="위장 응모",
            by=world.users["agency_member"],
        )  # fmt: skip
