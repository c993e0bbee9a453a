from django.urls import path

import config.ids  # noqa: F401  (registers the <id:…> converter)
from contests.views import contests, organizers, rounds, rubric, tie_breaks

app_name = "contests"

CRITERION = "<id:pk>/rounds/<id:round_pk>/rubric/criteria/<id:criterion_pk>/"

urlpatterns = [
    path("", contests.contest_list, name="list"),
    path("new/", contests.contest_create, name="create"),
    path("<id:pk>/", contests.contest_detail, name="detail"),
    path("<id:pk>/edit/", contests.contest_edit, name="edit"),
    path("<id:pk>/copy/", contests.contest_copy, name="copy"),
    path("<id:pk>/categories/", contests.category_rows, name="categories"),
    path("<id:pk>/awards/", contests.award_rows, name="awards"),
    path("<id:pk>/questions/", contests.question_rows, name="questions"),
    path("<id:pk>/slots/", contests.slot_rows, name="slots"),
    path("<id:pk>/tie-breaks/", tie_breaks.tie_breaks, name="tie_breaks"),
    path("<id:pk>/rounds/new/", rounds.round_form, name="round_create"),
    path("<id:pk>/rounds/<id:round_pk>/", rounds.round_form, name="round_edit"),
    path("<id:pk>/rounds/<id:round_pk>/delete/", rounds.round_delete, name="round_delete"),
    path("<id:pk>/rounds/<id:round_pk>/rubric/", rubric.rubric, name="rubric"),
    path(
        "<id:pk>/rounds/<id:round_pk>/rubric/criteria/",
        rubric.criterion_add,
        name="criterion_add",
    ),
    path(CRITERION, rubric.criterion_update, name="criterion_update"),
    path(CRITERION + "delete/", rubric.criterion_delete, name="criterion_delete"),
    path(CRITERION + "move/", rubric.criterion_move, name="criterion_move"),
    path(CRITERION + "levels/", rubric.levels_save, name="levels"),
    path(CRITERION + "levels/standard/", rubric.levels_standard, name="levels_standard"),
    path("<id:pk>/organizers/", organizers.organizers, name="organizers"),
    path(
        "<id:pk>/organizers/remove/",
        organizers.organizer_remove_view,
        name="organizer_remove",
    ),
    path("<id:pk>/delete/", organizers.contest_delete_view, name="delete"),
]
