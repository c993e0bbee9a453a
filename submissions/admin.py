from django.contrib import admin
from django.db.models import Count
from django.utils.translation import gettext_lazy as _

from submissions.models import Agency, AgencyMembership


class AgencyMembershipInline(admin.TabularInline):
    model = AgencyMembership
    fk_name = "agency"
    extra = 0
    autocomplete_fields = ["user"]
    fields = ["user", "is_admin", "added_by", "created_at"]
    readonly_fields = ["added_by", "created_at"]


@admin.register(Agency)
class AgencyAdmin(admin.ModelAdmin):
    list_display = ["code", "name_ko", "name_en", "kind", "member_count"]
    list_filter = ["kind"]
    search_fields = ["code", "name_ko", "name_en"]
    ordering = ["name_ko"]
    inlines = [AgencyMembershipInline]

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(_member_count=Count("memberships"))

    @admin.display(description=_("members"), ordering="_member_count")
    def member_count(self, obj) -> int:
        return obj._member_count
