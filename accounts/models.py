from django.contrib.auth.models import AbstractUser, BaseUserManager
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class UserManager(BaseUserManager):
    use_in_migrations = True

    def _create_user(self, email, password, **extra_fields):
        if not email:
            raise ValueError("An email address is required")
        user = self.model(email=self.normalize_email(email).lower(), **extra_fields)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_user(self, email, password=None, **extra_fields):
        extra_fields.setdefault("is_staff", False)
        extra_fields.setdefault("is_superuser", False)
        return self._create_user(email, password, **extra_fields)

    def create_superuser(self, email, password=None, **extra_fields):
        extra_fields.setdefault("is_staff", True)
        extra_fields.setdefault("is_superuser", True)
        return self._create_user(email, password, **extra_fields)


class User(AbstractUser):
    """A person who signs in with an email address.

    Roles: `is_superuser` is the site administrator; `is_organizer` lets a user create contests
    (and organize the ones they are listed on). Judge and agency roles live with the contest
    (scoring.Judge) and the agency (submissions.AgencyMembership).
    """

    username = None
    first_name = None
    last_name = None
    email = models.EmailField(_("email address"), unique=True)
    name = models.CharField(_("name"), max_length=100)
    is_organizer = models.BooleanField(
        _("organizer"),
        default=False,
        help_text=_("Can create contests and organize the ones they are listed on."),
    )

    USERNAME_FIELD = "email"
    REQUIRED_FIELDS = ["name"]

    objects = UserManager()

    class Meta:
        verbose_name = _("user")
        verbose_name_plural = _("users")
        ordering = ["name", "email"]

    def __str__(self):
        return f"{self.name} <{self.email}>" if self.name else self.email

    @property
    def display_name(self) -> str:
        """The name, or the email address when no name is given (every message and email)."""
        return self.name or self.email

    def get_full_name(self):
        return self.name

    def get_short_name(self):
        return self.name


class PrivacyConsent(models.Model):
    """A person's consent to the collection and use of personal information (개인정보 수집·이용
    동의), given on signing up: the version of the text agreed to (accounts.policies) and when.
    Rows are only added (accounts.services.privacy_consent_record), never changed."""

    user = models.ForeignKey(
        User,
        on_delete=models.CASCADE,
        related_name="privacy_consents",
        verbose_name=_("user"),
    )
    version = models.CharField(_("privacy policy version"), max_length=20)
    agreed_at = models.DateTimeField(_("agreed at"), default=timezone.now)

    class Meta:
        verbose_name = _("privacy consent")
        verbose_name_plural = _("privacy consents")
        ordering = ["-agreed_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["user", "version"], name="privacy_consent_once_a_version"
            )
        ]

    def __str__(self):
        return f"{self.user} · {self.version} · {timezone.localtime(self.agreed_at):%Y-%m-%d %H:%M}"
