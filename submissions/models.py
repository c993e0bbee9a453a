"""What agencies send: agencies, their members, and (later) entries."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from contests.models import Bilingual


class Agency(Bilingual):
    class Kind(models.TextChoices):
        CENTRAL = "central", _("Central government agency")
        METROPOLITAN = "metropolitan", _("Metropolitan government")
        LOCAL = "local", _("Local government")
        EDUCATION = "education", _("Office of education")
        PUBLIC = "public", _("Public institution")
        OTHER = "other", _("Other")

    code = models.CharField(_("code"), max_length=30, unique=True)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind)

    class Meta:
        verbose_name = _("agency")
        verbose_name_plural = _("agencies")
        ordering = ["name_ko"]


class AgencyMembership(models.Model):
    agency = models.ForeignKey(
        Agency, on_delete=models.CASCADE, related_name="memberships", verbose_name=_("agency")
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="agency_memberships",
        verbose_name=_("user"),
    )
    is_admin = models.BooleanField(
        _("agency admin"), default=False, help_text=_("Can add and remove colleagues.")
    )
    added_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("added by"),
    )
    created_at = models.DateTimeField(_("joined"), auto_now_add=True)

    class Meta:
        verbose_name = _("agency membership")
        verbose_name_plural = _("agency memberships")
        ordering = ["agency", "-is_admin", "user__name"]
        constraints = [
            models.UniqueConstraint(fields=["agency", "user"], name="unique_agency_member")
        ]

    def __str__(self):
        return f"{self.user} @ {self.agency}"
