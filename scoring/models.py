"""Who judges what: judges per contest (assignments and scorecards come later)."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from contests.models import Contest
from submissions.models import Agency


class Judge(models.Model):
    """A user's judge role in one contest."""

    contest = models.ForeignKey(
        Contest, on_delete=models.CASCADE, related_name="judges", verbose_name=_("contest")
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="judge_roles",
        verbose_name=_("user"),
    )
    affiliation = models.ForeignKey(
        Agency,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("affiliation"),
        help_text=_("Entries from this agency are never assigned to the judge (제척)."),
    )
    expertise = models.CharField(_("expertise"), max_length=200, blank=True)
    created_at = models.DateTimeField(_("added"), auto_now_add=True)

    class Meta:
        verbose_name = _("judge")
        verbose_name_plural = _("judges")
        ordering = ["contest", "user__name"]
        constraints = [
            models.UniqueConstraint(fields=["contest", "user"], name="unique_contest_judge")
        ]

    def __str__(self):
        return f"{self.user.name} ({self.contest})"
