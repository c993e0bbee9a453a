from django.contrib import admin

from scoring.models import Judge


@admin.register(Judge)
class JudgeAdmin(admin.ModelAdmin):
    list_display = ["user", "contest", "affiliation", "expertise", "created_at"]
    list_filter = ["contest"]
    search_fields = ["user__name", "user__email", "expertise", "affiliation__name_ko"]
    autocomplete_fields = ["user", "affiliation"]
    list_select_related = ["user", "contest", "affiliation"]
