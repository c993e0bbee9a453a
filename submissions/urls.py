from django.urls import path

from submissions.views import members as views

app_name = "submissions"
urlpatterns = [
    path("", views.my_agencies, name="my_agencies"),
    path("<int:pk>/", views.agency_detail, name="agency_detail"),
    path("<int:pk>/members/add/", views.member_add, name="member_add"),
    path(
        "<int:pk>/members/<int:membership_pk>/remove/",
        views.member_remove,
        name="member_remove",
    ),
    path(
        "<int:pk>/members/<int:membership_pk>/toggle-admin/",
        views.member_toggle_admin,
        name="member_toggle_admin",
    ),
]
