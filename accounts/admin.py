from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin
from django.utils.translation import gettext_lazy as _

from accounts.models import PrivacyConsent, User


@admin.register(User)
class UserAdmin(BaseUserAdmin):
    ordering = ["email"]
    list_display = ["email", "name", "is_organizer", "is_superuser", "is_active"]
    list_filter = ["is_organizer", "is_superuser", "is_active"]
    search_fields = ["email", "name"]
    fieldsets = [
        (None, {"fields": ["email", "password"]}),
        (_("Personal info"), {"fields": ["name"]}),
        (_("Roles"), {"fields": ["is_active", "is_organizer", "is_staff", "is_superuser"]}),
        (_("Important dates"), {"fields": ["last_login", "date_joined"]}),
    ]
    add_fieldsets = [
        (None, {"classes": ["wide"], "fields": ["email", "name", "password1", "password2"]})
    ]


@admin.register(PrivacyConsent)
class PrivacyConsentAdmin(admin.ModelAdmin):
    """Read-only: a consent is recorded on signing up and never edited (deleting a user deletes
    theirs)."""

    list_display = ["user", "version", "agreed_at"]
    list_filter = ["version"]
    search_fields = ["user__email", "user__name"]
    list_select_related = ["user"]
    date_hierarchy = "agreed_at"

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False
