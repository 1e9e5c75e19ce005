"""Django admin for operators. Day-to-day management happens in the cell's own pages."""

from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.utils.translation import gettext_lazy as _
from simple_history.admin import SimpleHistoryAdmin

from .models import Team, User


@admin.register(User)
class UserAdmin(SimpleHistoryAdmin, DjangoUserAdmin):
    list_display = ("username", "email", "first_name", "last_name", "is_active", "email_verified", "is_demo")
    list_filter = ("is_active", "email_verified", "is_demo", "is_staff", "groups")
    fieldsets = (
        *DjangoUserAdmin.fieldsets,
        (_("Knooppunt"), {"fields": ("email_verified", "preferred_language", "is_demo")}),
    )


@admin.register(Team)
class TeamAdmin(SimpleHistoryAdmin):
    list_display = ("name", "slug", "lead", "is_demo")
    prepopulated_fields = {"slug": ("name",)}
    filter_horizontal = ("members",)
    search_fields = ("name", "description")
