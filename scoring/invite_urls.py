"""Judge invitations: the emailed link, accepted or declined by POST (namespace `invitations`)."""

from django.urls import path

from scoring.views import invitations

app_name = "invitations"
urlpatterns = [
    path("<str:token>/", invitations.invitation_detail, name="detail"),
    path("<str:token>/decline/", invitations.invitation_decline_view, name="decline"),
]
