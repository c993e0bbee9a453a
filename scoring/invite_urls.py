"""Judge invitations: the emailed link, accepted by POST (namespace `invitations`)."""

from django.urls import path

from scoring.views import invitations

app_name = "invitations"
urlpatterns = [
    path("<str:token>/", invitations.invitation_detail, name="detail"),
]
