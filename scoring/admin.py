from django.contrib import admin

from scoring.models import (
    Assignment,
    Conflict,
    Judge,
    JudgeInvitation,
    Score,
    Scorecard,
    ScoreEvent,
)


@admin.register(Judge)
class JudgeAdmin(admin.ModelAdmin):
    list_display = ["user", "contest", "affiliation", "expertise", "created_at"]
    list_filter = ["contest"]
    search_fields = ["user__name", "user__email", "expertise", "affiliation__name_ko"]
    autocomplete_fields = ["user", "affiliation"]
    list_select_related = ["user", "contest", "affiliation"]


@admin.register(JudgeInvitation)
class JudgeInvitationAdmin(admin.ModelAdmin):
    list_display = ["email", "name", "contest", "affiliation", "created_at", "accepted_at"]
    list_filter = ["contest", ("accepted_at", admin.EmptyFieldListFilter)]
    search_fields = ["email", "name"]
    raw_id_fields = ["affiliation", "judge", "invited_by"]
    readonly_fields = ["token", "created_at"]
    list_select_related = ["contest", "affiliation"]


@admin.register(Assignment)
class AssignmentAdmin(admin.ModelAdmin):
    list_display = ["round", "judge", "entry", "method", "created_at"]
    list_filter = ["round__contest", "method"]
    raw_id_fields = ["round", "judge", "entry", "created_by"]
    list_select_related = ["round", "judge__user", "judge__contest", "entry"]


@admin.register(Conflict)
class ConflictAdmin(admin.ModelAdmin):
    list_display = ["kind", "judge", "entry", "recorded_by", "created_at"]
    list_filter = ["kind", "judge__contest"]
    raw_id_fields = ["judge", "entry", "recorded_by"]
    list_select_related = ["judge__user", "judge__contest", "entry", "recorded_by"]


class ScoreInline(admin.TabularInline):
    model = Score
    extra = 0
    can_delete = False
    readonly_fields = ["criterion", "value", "level"]

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(Scorecard)
class ScorecardAdmin(admin.ModelAdmin):
    """Read-only: every change goes through the services so that it is audited."""

    list_display = ["round", "judge", "entry", "status", "version", "updated_at"]
    list_filter = ["status", "round__contest"]
    inlines = [ScoreInline]
    list_select_related = ["round", "judge__user", "judge__contest", "entry"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(ScoreEvent)
class ScoreEventAdmin(admin.ModelAdmin):
    """Append-only audit: read only."""

    list_display = ["at", "scorecard", "field", "criterion", "old", "new", "via", "by"]
    list_filter = ["field", "via"]
    list_select_related = ["scorecard", "criterion", "by"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
