from django.urls import path

import config.ids  # noqa: F401  (registers the <id:…> converter)
from submissions.views import agency_import, joins
from submissions.views import members as views

app_name = "submissions"
urlpatterns = [
    # The join-request view extends the members page with the user's requests.
    path("", joins.my_agencies, name="my_agencies"),
    path("<id:pk>/", views.agency_detail, name="agency_detail"),
    path("<id:pk>/members/add/", views.member_add, name="member_add"),
    path(
        "<id:pk>/members/<id:membership_pk>/remove/",
        views.member_remove,
        name="member_remove",
    ),
    path(
        "<id:pk>/members/<id:membership_pk>/toggle-admin/",
        views.member_toggle_admin,
        name="member_toggle_admin",
    ),
    # Invitations (an agency admin invites by email; only the invited person accepts)
    path(
        "<id:pk>/invitations/<id:agency_invitation_pk>/cancel/",
        views.invitation_cancel,
        name="invitation_cancel",
    ),
    path("invitations/<str:invitation_token>/", views.invitation_detail, name="invitation_detail"),
    # Join requests (a user asks to join or register an agency; organizers decide)
    path("join/", joins.join_request_create, name="join_request_create"),
    path("join/new/", joins.join_request_new_agency, name="join_request_new_agency"),
    path("join/<id:pk>/withdraw/", joins.join_request_withdraw, name="join_request_withdraw"),
    path("join-requests/", joins.join_request_list, name="join_request_list"),
    path("join-requests/<id:pk>/", joins.join_request_detail, name="join_request_detail"),
    path("join-requests/<id:pk>/decide/", joins.join_request_decide, name="join_request_decide"),
    # Organizer import of the agency list from Excel
    path("import/", agency_import.agency_import, name="agency_import"),
    path(
        "import/template.xlsx",
        agency_import.agency_import_template_download,
        name="agency_import_template",
    ),
]
