"""allauth adapter: failed sign-ins are limited per address and account together.

allauth's own `login_failed` limit counts failures per email alone, so anyone could lock any account
(a judge on the last evening) with five wrong passwords. Here the limits are:

- `login_failed` (settings.ACCOUNT_RATE_LIMITS): per client address, and per (address, account):
  wrong passwords from one place never stop the owner signing in from another;
- `login_failed_account`: a high ceiling per account across all addresses, which slows a guessing
  attack spread over many addresses.

Either way the owner gets in at once with a one-time code sent to their email (allauth's
login-by-code; two-factor authentication still follows) or by resetting the password, which
clears the counters.
"""

from urllib.parse import quote, urlsplit

from allauth.account.adapter import DefaultAccountAdapter
from allauth.core.internal import ratelimit
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from config.mail import absolute_url

ACCOUNT_CEILING = "login_failed_account"
_APP = "allauth.account"


class AccountAdapter(DefaultAccountAdapter):
    error_messages = {
        **DefaultAccountAdapter.error_messages,
        "password_login_locked": _(
            "Too many failed sign-in attempts for this account. Sign in with a one-time code "
            "sent to your email (“Send me a sign-in code”), reset your password, or try again "
            "in a few minutes."
        ),
    }

    # Emailed links start with SITE_URL (config/mail.py), like every other email's, not with the
    # host name the request happened to use.
    def get_email_confirmation_url(self, request, emailconfirmation) -> str:
        return absolute_url(reverse("account_confirm_email", args=[emailconfirmation.key]))

    def get_reset_password_from_key_url(self, key: str) -> str:
        path = reverse("account_reset_password_from_key", kwargs={"uidb36": "UID", "key": "KEY"})
        return absolute_url(path.replace("UID-KEY", quote(key)))

    # allauth makes the links to the sign-up and password-reset pages in the "unknown account"
    # and "account already exists" emails from the request's host (in its flows, not in these
    # hooks): SITE_URL's too. (The password-reset email's own key link comes from the hook above.)
    _PAGE_LINKS = {"signup_url": "account_signup", "password_reset_url": "account_reset_password"}

    def send_mail(self, template_prefix: str, email: str, context: dict) -> None:
        context = dict(context)
        for key, name in self._PAGE_LINKS.items():
            path = reverse(name)
            if urlsplit(str(context.get(key) or "")).path == path:
                context[key] = absolute_url(path)
        super().send_mail(template_prefix, email, context)

    def _account_key(self, request, **credentials) -> str:
        """allauth's key for the account: the site and the lower-cased email."""
        return super()._get_login_attempts_cache_key(request, **credentials)

    def _get_login_attempts_cache_key(self, request, **credentials) -> str:
        # allauth counts `login_failed` per this key: make it the (address, account) pair.
        return f"{ratelimit.get_ip(request)}|{self._account_key(request, **credentials)}"

    def pre_authenticate(self, request, **credentials) -> None:
        try:
            super().pre_authenticate(request, **credentials)
        except ValidationError as exc:
            raise self.validation_error("password_login_locked") from exc
        ceiling = ratelimit.consume(
            request, app=_APP, action=ACCOUNT_CEILING, key=self._account_key(request, **credentials)
        )
        if ceiling is None:
            self._rollback_login_failed_rl_usage()
            raise self.validation_error("password_login_locked")
        # A successful sign-in rolls back this attempt's use of both limits (allauth's rule).
        self._login_failed_rl_usage.usage.extend(ceiling.usage)

    def _delete_login_attempts_cached_email(self, request, **credentials) -> None:
        """After a password reset: clear this address's counter and the account's ceiling."""
        super()._delete_login_attempts_cached_email(request, **credentials)
        ratelimit.clear(
            request, app=_APP, action=ACCOUNT_CEILING, key=self._account_key(request, **credentials)
        )
