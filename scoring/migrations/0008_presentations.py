# The 2차 발표심사: presentation schedule, slots and slides (scoring.models.presentations).

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models

import scoring.models.presentations


class Migration(migrations.Migration):
    dependencies = [
        ("contests", "0006_round_criterion_comments"),
        ("scoring", "0007_announcements"),
        ("submissions", "0005_clear_stale_screening_reasons"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.CreateModel(
            name="PresentationSchedule",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                (
                    "slides_deadline",
                    models.DateTimeField(blank=True, null=True, verbose_name="slides deadline"),
                ),
                (
                    "published_at",
                    models.DateTimeField(blank=True, null=True, verbose_name="schedule published"),
                ),
                ("updated_at", models.DateTimeField(auto_now=True, verbose_name="last changed")),
                (
                    "published_by",
                    models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                        verbose_name="published by",
                    ),
                ),
                (
                    "round",
                    models.OneToOneField(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="presentation_schedule",
                        to="contests.round",
                        verbose_name="round",
                    ),
                ),
            ],
            options={
                "verbose_name": "presentation schedule",
                "verbose_name_plural": "presentation schedules",
            },
        ),
        migrations.CreateModel(
            name="PresentationSlides",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                (
                    "file",
                    models.FileField(
                        max_length=300,
                        upload_to=scoring.models.presentations.slides_path,
                        verbose_name="file",
                    ),
                ),
                ("original_name", models.CharField(max_length=255, verbose_name="file name")),
                ("kind", models.CharField(max_length=5, verbose_name="type")),
                ("size", models.PositiveBigIntegerField(verbose_name="size (bytes)")),
                ("sha256", models.CharField(max_length=64, verbose_name="SHA-256")),
                ("uploaded_at", models.DateTimeField(verbose_name="uploaded")),
                (
                    "entry",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="presentation_slides",
                        to="submissions.entry",
                        verbose_name="entry",
                    ),
                ),
                (
                    "round",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="presentation_slides",
                        to="contests.round",
                        verbose_name="round",
                    ),
                ),
                (
                    "uploaded_by",
                    models.ForeignKey(
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                        verbose_name="uploaded by",
                    ),
                ),
            ],
            options={
                "verbose_name": "presentation slides",
                "verbose_name_plural": "presentation slides",
                "constraints": [
                    models.UniqueConstraint(
                        fields=("round", "entry"), name="presentation_slides_once"
                    )
                ],
            },
        ),
        migrations.CreateModel(
            name="PresentationSlot",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("order", models.PositiveIntegerField(verbose_name="order")),
                ("starts_at", models.DateTimeField(verbose_name="starts")),
                ("ends_at", models.DateTimeField(verbose_name="ends")),
                ("room", models.CharField(max_length=200, verbose_name="room")),
                (
                    "published_order",
                    models.PositiveIntegerField(
                        blank=True, null=True, verbose_name="published order"
                    ),
                ),
                (
                    "published_starts_at",
                    models.DateTimeField(blank=True, null=True, verbose_name="published start"),
                ),
                (
                    "published_ends_at",
                    models.DateTimeField(blank=True, null=True, verbose_name="published end"),
                ),
                (
                    "published_room",
                    models.CharField(blank=True, max_length=200, verbose_name="published room"),
                ),
                (
                    "entry",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="presentation_slots",
                        to="submissions.entry",
                        verbose_name="entry",
                    ),
                ),
                (
                    "schedule",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="slots",
                        to="scoring.presentationschedule",
                        verbose_name="presentation schedule",
                    ),
                ),
            ],
            options={
                "verbose_name": "presentation slot",
                "verbose_name_plural": "presentation slots",
                "ordering": ["order", "starts_at", "id"],
                "constraints": [
                    models.UniqueConstraint(
                        fields=("schedule", "entry"), name="presentation_slot_entry_once"
                    ),
                    models.CheckConstraint(
                        condition=models.Q(("starts_at__lt", models.F("ends_at"))),
                        name="presentation_slot_ends_after_start",
                    ),
                ],
            },
        ),
    ]
