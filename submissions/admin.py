from django.contrib import admin
from django.db.models import Count
from django.utils.translation import gettext_lazy as _

from submissions.models import Agency, AgencyMembership, JoinRequest


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


@admin.register(JoinRequest)
class JoinRequestAdmin(admin.ModelAdmin):
    """Decisions are made on the organizer pages (they create memberships and send emails)."""

    list_display = ["user", "agency_label", "status", "created_at", "decided_by", "decided_at"]
    list_filter = ["status"]
    search_fields = ["user__email", "user__name", "agency__name_ko", "new_agency_name_ko"]
    list_select_related = ["user", "agency", "decided_by"]
    autocomplete_fields = ["user", "agency"]
    readonly_fields = ["status", "decided_by", "decided_at", "reason", "created_at"]

    @admin.display(description=_("agency"), ordering="agency__name_ko")
    def agency_label(self, obj) -> str:
        return obj.agency.name_ko if obj.agency else f"{obj.new_agency_name_ko} ({_('new')})"
