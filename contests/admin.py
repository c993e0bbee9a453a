from django.contrib import admin

from contests.models import (
    AwardTier,
    Category,
    Contest,
    Criterion,
    EntryQuestion,
    Level,
    Panel,
    Round,
)


class CategoryInline(admin.TabularInline):
    model = Category
    extra = 0
    fields = ["order", "name_ko", "name_en", "description"]


class AwardTierInline(admin.TabularInline):
    model = AwardTier
    extra = 0
    fields = ["order", "name_ko", "name_en", "count", "prize"]


class EntryQuestionInline(admin.StackedInline):
    model = EntryQuestion
    extra = 0
    fields = [("order", "required", "max_length"), ("label_ko", "label_en"), "guidance"]


class RoundInline(admin.TabularInline):
    model = Round
    extra = 0
    fields = ["order", "name_ko", "opens_at", "closes_at", "method", "weight", "advancement"]
    show_change_link = True


@admin.register(Contest)
class ContestAdmin(admin.ModelAdmin):
    list_display = [
        "name_ko",
        "year",
        "is_published",
        "submission_opens_at",
        "submission_closes_at",
    ]
    list_filter = ["is_published", "year"]
    search_fields = ["name_ko", "name_en"]
    filter_horizontal = ["organizers"]
    raw_id_fields = ["copied_from"]
    inlines = [CategoryInline, RoundInline, AwardTierInline, EntryQuestionInline]


class RubricLockedInlineMixin:
    """Criteria and levels become read-only in the admin once scoring of the round started."""

    def _locked(self, obj) -> bool:
        round_ = getattr(obj, "round", None) or getattr(
            getattr(obj, "criterion", None), "round", None
        )
        if isinstance(obj, Round):
            round_ = obj
        return bool(round_ and round_.rubric_locked)

    def has_add_permission(self, request, obj=None):
        return not self._locked(obj) and super().has_add_permission(request, obj)

    def has_change_permission(self, request, obj=None):
        return not self._locked(obj) and super().has_change_permission(request, obj)

    def has_delete_permission(self, request, obj=None):
        return not self._locked(obj) and super().has_delete_permission(request, obj)


class PanelInline(admin.TabularInline):
    model = Panel
    extra = 0
    fields = ["order", "name_ko", "name_en", "weight"]


class CriterionInline(RubricLockedInlineMixin, admin.StackedInline):
    model = Criterion
    extra = 0
    fields = [("order", "max_points", "step"), ("name_ko", "name_en"), "description"]
    show_change_link = True


@admin.register(Round)
class RoundAdmin(admin.ModelAdmin):
    list_display = ["name_ko", "contest", "order", "opens_at", "closes_at", "weight", "method"]
    list_filter = ["method", "advancement"]
    list_select_related = ["contest"]
    readonly_fields = ["scoring_started_at"]
    inlines = [PanelInline, CriterionInline]


class LevelInline(RubricLockedInlineMixin, admin.TabularInline):
    model = Level
    extra = 0
    fields = ["order", "label", "points", "description"]


@admin.register(Criterion)
class CriterionAdmin(RubricLockedInlineMixin, admin.ModelAdmin):
    list_display = ["name_ko", "round", "order", "max_points", "step"]
    list_select_related = ["round", "round__contest"]
    inlines = [LevelInline]

    def has_add_permission(self, request, obj=None):
        return admin.ModelAdmin.has_add_permission(self, request)
