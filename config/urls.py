import os

from django.contrib import admin
from django.urls import include, path

import config.ids  # noqa: F401  (registers the <id:…> converter)
from accounts.views import admin_login
from config import views

# The admin signs in through allauth (TOTP, rate limits), never with its own password form.
admin.site.login = admin_login

urlpatterns = [
    path("", views.home, name="home"),
    path("i18n/", include("django.conf.urls.i18n")),
    path("accounts/", include("allauth.urls")),
    path("contests/", include("contests.urls")),
    path("contests/<id:pk>/entries/", include("submissions.screening_urls")),
    path("entries/", include("submissions.entry_urls")),
    path("contests/<id:pk>/judging/", include("scoring.organizer_urls")),
    path("contests/<id:pk>/control/", include("scoring.control_urls")),
    path("contests/<id:pk>/results/", include("scoring.results_urls")),
    path("contests/<id:pk>/analysis/", include("scoring.analysis_urls")),
    path("results/", include("scoring.public_urls")),
    path("invitations/", include("scoring.invite_urls")),
    path("judge/", include("scoring.judge_urls")),
    path("reports/", include("reports.urls")),
    path("agencies/", include("submissions.urls")),
    path("admin/", admin.site.urls),
]
# The organizer's announcements to agencies (scoring/announcement_urls.py).
urlpatterns.append(
    path("contests/<id:contest_pk>/announcements/", include("scoring.announcement_urls"))
)
# Objections (이의신청): the agency's form and the organizer's pages (scoring/objection_urls.py).
urlpatterns.append(path("", include("scoring.objection_urls")))

# A contest's documents (공고문, 서식): submissions/document_urls.py.
urlpatterns.append(
    path("contests/<id:contest_pk>/documents/", include("submissions.document_urls"))
)

if os.environ.get("BENCH_URLS") == "1":  # bench/load_autosave.py's bare view; never in production
    from config.bench_views import bare

    urlpatterns.append(path("bench/bare/", bare, name="bench_bare"))

handler403 = "config.views.permission_denied"
handler404 = "config.views.page_not_found"
handler500 = "config.views.server_error"

# The privacy policy and the terms of use, linked from every page's footer (accounts/pages.py).
from accounts import pages as policy_pages  # noqa: E402

urlpatterns += [
    path("privacy/", policy_pages.privacy, name="privacy"),
    path("terms/", policy_pages.terms, name="terms"),
]

# The 2차 발표심사: schedule, slides, on-site order and live scores (scoring/presentation_urls.py).
urlpatterns.append(path("presentations/", include("scoring.presentation_urls")))
