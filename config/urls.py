from django.contrib import admin
from django.urls import include, path

from config import views

urlpatterns = [
    path("", views.home, name="home"),
    path("i18n/", include("django.conf.urls.i18n")),
    path("accounts/", include("allauth.urls")),
    path("contests/", include("contests.urls")),
    path("contests/<int:pk>/entries/", include("submissions.screening_urls")),
    path("entries/", include("submissions.entry_urls")),
    path("contests/<int:pk>/judging/", include("scoring.organizer_urls")),
    path("contests/<int:pk>/control/", include("scoring.control_urls")),
    path("invitations/", include("scoring.invite_urls")),
    path("judge/", include("scoring.judge_urls")),
    path("reports/", include("reports.urls")),
    path("agencies/", include("submissions.urls")),
    path("admin/", admin.site.urls),
]

handler403 = "config.views.permission_denied"
handler404 = "config.views.page_not_found"
handler500 = "config.views.server_error"
