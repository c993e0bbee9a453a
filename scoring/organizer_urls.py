"""The organizer's judging set-up: judges, invitations, panels, assignment, conflicts
(namespace `judging`, mounted at /contests/<id:pk>/judging/)."""

from django.urls import path

import config.ids  # noqa: F401  (registers the <id:…> converter)
from scoring.views import assignments, conflicts, judges, reassign

app_name = "judging"
ROUND = "rounds/<id:round_pk>/"
INVITATION = "invitations/<id:invitation_pk>/"

urlpatterns = [
    path("", judges.judge_list, name="judges"),
    path("invite/", judges.judge_invite, name="invite"),
    path("invite/list/", judges.judge_invite_bulk, name="invite_bulk"),
    path(INVITATION + "resend/", judges.invitation_resend, name="invitation_resend"),
    path(INVITATION + "cancel/", judges.invitation_cancel, name="invitation_cancel"),
    path(ROUND + "panels/", judges.panel_members, name="panels"),
    path(ROUND + "assignments/", assignments.matrix, name="matrix"),
    path(ROUND + "assignments/toggle/", assignments.toggle, name="toggle"),
    path(ROUND + "assignments/auto/", assignments.auto, name="auto"),
    path("conflicts/", conflicts.conflict_list, name="conflicts"),
    path("conflicts/reassign/", reassign.reassign, name="reassign"),
]
