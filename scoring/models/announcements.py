"""Announcements (공지): what a contest's organizers send to the participating agencies.

One row per announcement sent; `agencies` are the agencies it was sent to, fixed when it was sent:
an agency's members see it on their pages (their agencies' notices) and got it by email, and an
agency outside that list never sees it, even if it enters or advances later. The audience says
how the list was chosen (scoring.selectors.announcements). `key` is the compose form's one-time
key: a second press of "send" (a double click, a reload of the POST) finds the row the first one
made and sends nothing (the unique constraint decides between two at once).
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from contests.models import Contest, Round
from submissions.models import Agency


class Announcement(models.Model):
    class Audience(models.TextChoices):
        ALL = "all", _("Every participating agency")
        ADVANCED = "advanced", _("Agencies advanced to a round")
        DRAFTS = "drafts", _("Agencies with an entry not yet submitted")

    contest = models.ForeignKey(
        Contest, on_delete=models.CASCADE, related_name="announcements", verbose_name=_("contest")
    )
    title = models.CharField(_("title"), max_length=200)
    body = models.TextField(_("text"))
    audience = models.CharField(_("sent to"), max_length=10, choices=Audience)
    round = models.ForeignKey(
        Round, on_delete=models.SET_NULL, null=True, blank=True, related_name="+",
        verbose_name=_("round advanced to"),
    )  # fmt: skip
    agencies = models.ManyToManyField(
        Agency, related_name="announcements", verbose_name=_("agencies it was sent to")
    )
    agency_count = models.PositiveIntegerField(_("agencies"))
    recipient_count = models.PositiveIntegerField(_("people emailed"))
    key = models.UUIDField(_("form key"), unique=True, editable=False)
    sent_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+",
        verbose_name=_("sent by"),
    )  # fmt: skip
    sent_at = models.DateTimeField(_("sent"), auto_now_add=True, db_index=True)

    class Meta:
        verbose_name = _("announcement")
        verbose_name_plural = _("announcements")
        ordering = ["-sent_at", "-id"]

    def __str__(self):
        return self.title

    @property
    def audience_label(self) -> str:
        return audience_label(self.audience, self.round)


def audience_label(kind: str, round_: Round | None) -> str:
    """ "Agencies advanced to 2차 발표심사", or the audience's name."""
    if kind == Announcement.Audience.ADVANCED and round_ is not None:
        return gettext("Agencies advanced to %(round)s") % {"round": round_.name}
    return str(Announcement.Audience(kind).label)
