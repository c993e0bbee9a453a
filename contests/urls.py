from django.urls import path

from contests.views import contests, rounds, rubric

app_name = "contests"

CRITERION = "<int:pk>/rounds/<int:round_pk>/rubric/criteria/<int:criterion_pk>/"

urlpatterns = [
    path("", contests.contest_list, name="list"),
    path("new/", contests.contest_create, name="create"),
    path("<int:pk>/", contests.contest_detail, name="detail"),
    path("<int:pk>/edit/", contests.contest_edit, name="edit"),
    path("<int:pk>/copy/", contests.contest_copy, name="copy"),
    path("<int:pk>/categories/", contests.category_rows, name="categories"),
    path("<int:pk>/awards/", contests.award_rows, name="awards"),
    path("<int:pk>/questions/", contests.question_rows, name="questions"),
    path("<int:pk>/rounds/new/", rounds.round_form, name="round_create"),
    path("<int:pk>/rounds/<int:round_pk>/", rounds.round_form, name="round_edit"),
    path("<int:pk>/rounds/<int:round_pk>/delete/", rounds.round_delete, name="round_delete"),
    path("<int:pk>/rounds/<int:round_pk>/rubric/", rubric.rubric, name="rubric"),
    path(
        "<int:pk>/rounds/<int:round_pk>/rubric/criteria/",
        rubric.criterion_add,
        name="criterion_add",
    ),
    path(CRITERION, rubric.criterion_update, name="criterion_update"),
    path(CRITERION + "delete/", rubric.criterion_delete, name="criterion_delete"),
    path(CRITERION + "move/", rubric.criterion_move, name="criterion_move"),
    path(CRITERION + "levels/", rubric.levels_save, name="levels"),
    path(CRITERION + "levels/standard/", rubric.levels_standard, name="levels_standard"),
]
