from django.apps import AppConfig
from django.db.models.signals import post_save
from django.utils.translation import gettext_lazy as _


class ReportsConfig(AppConfig):
    name = "reports"
    verbose_name = _("Reports")

    def ready(self):
        # A round result voided (its round reopened) withdraws every file built from its
        # snapshot: scoring, the app before this one, knows nothing of report files.
        from reports.jobs import result_saved
        from scoring.models import RoundResult

        post_save.connect(result_saved, sender=RoundResult, dispatch_uid="reports.withdraw")
        # An objection filed or answered withdraws the kept contest reports that list them.
        from reports.results_report_objections import objection_saved
        from scoring.models import Objection

        post_save.connect(objection_saved, sender=Objection, dispatch_uid="reports.objections")
