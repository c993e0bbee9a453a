"""The append-only history of a contest's results publication (see contests.models)."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class PublicationEvent(models.Model):
    """Append-only record of each publication of a contest's results and each withdrawal: who,
    when, what was published (scores, ranks) or withdrawn, and why it was withdrawn."""

    class Action(models.TextChoices):
        PUBLISHED = "published", pgettext_lazy("results publication", "Published")
        UNPUBLISHED = "unpublished", pgettext_lazy("results publication", "Withdrawn")

    contest = models.ForeignKey(
        "contests.Contest", on_delete=models.CASCADE, related_name="publication_events",
        verbose_name=_("contest"),
    )  # fmt: skip
    action = models.CharField(_("action"), max_length=12, choices=Action)
    scores = models.BooleanField(_("scores public"))  # the contest's flags at that moment
    ranks = models.BooleanField(_("agencies told their rank"))
    reason = models.TextField(_("reason"), blank=True)  # required for a withdrawal
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("by")
    )
    at = models.DateTimeField(_("when"), auto_now_add=True)

    class Meta:
        verbose_name = _("results publication event")
        verbose_name_plural = _("results publication events")
        ordering = ["at", "id"]

    def __str__(self):
        return f"{self.at:%Y-%m-%d %H:%M} {self.action}"

    def save(self, *args, **kwargs):
        if self.pk is not None:
            raise ValueError("Publication events are append-only")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise ValueError("Publication events are append-only")
