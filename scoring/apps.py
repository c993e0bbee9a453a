from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ScoringConfig(AppConfig):
    name = "scoring"
    verbose_name = _("Scoring")

    def ready(self):
        from django.db.models.signals import post_save

        from scoring import signals
        from submissions.models import AgencyMembership
        from submissions.signals import entry_screened_out

        entry_screened_out.connect(
            signals.on_entry_screened_out, dispatch_uid="scoring-screened-out"
        )
        post_save.connect(
            signals.on_membership_saved, sender=AgencyMembership, dispatch_uid="scoring-membership"
        )
