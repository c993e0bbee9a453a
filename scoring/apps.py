from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ScoringConfig(AppConfig):
    name = "scoring"
    verbose_name = _("Scoring")

    def ready(self):
        from django.db.models.signals import post_save

        from scoring import signals
        from submissions.models import AgencyMembership
        from submissions.signals import entries_running_changed, entry_running_changed

        entry_running_changed.connect(
            signals.on_entry_running_changed, dispatch_uid="scoring-running-changed"
        )
        entries_running_changed.connect(
            signals.on_entries_running_changed, dispatch_uid="scoring-entries-running-changed"
        )
        post_save.connect(
            signals.on_membership_saved, sender=AgencyMembership, dispatch_uid="scoring-membership"
        )
