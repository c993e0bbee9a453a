"""The Django admin: every registered model's pages are for site administrators only."""

import pytest
from django.contrib import admin
from django.test import RequestFactory
from django.urls import reverse

from tests.factories import AdminFactory
from tests.permissions.world import ROLES, build_world


def admin_page_names() -> list[str]:
    names = ["admin:index"]
    for model in admin.site._registry:
        meta = model._meta
        names += [
            f"admin:{meta.app_label}_{meta.model_name}_{page}" for page in ("changelist", "add")
        ]
    return sorted(names)


def _may_add(name: str, user) -> bool:
    request = RequestFactory().get("/")
    request.user = user
    for model, model_admin in admin.site._registry.items():
        if name == f"admin:{model._meta.app_label}_{model._meta.model_name}_add":
            return model_admin.has_add_permission(request)
    return True


@pytest.mark.parametrize("name", admin_page_names())
@pytest.mark.django_db
def test_admin_pages_only_for_site_admins(name):
    world = build_world()
    url = reverse(name)
    statuses = {role: world.client(role).get(url).status_code for role in ROLES}
    # Everyone but the site administrator is sent to the admin sign-in page; models whose rows
    # only the system creates (task results) refuse the add page even to administrators.
    admin_status = 200 if _may_add(name, AdminFactory.build(is_superuser=True)) else 403
    assert statuses == {role: admin_status if role == "site_admin" else 302 for role in ROLES}
