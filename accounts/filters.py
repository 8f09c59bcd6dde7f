"""One FilterSet per model for the accounts API (core.filters conventions)."""

from __future__ import annotations

import django_filters
from django.utils.translation import gettext_lazy as _

from accounts.choices import Role
from accounts.models import Department, User
from core.filters import FilterSet, StrictBooleanFilter, TextFilter, relation, relation_slug


class DepartmentFilter(FilterSet):
    slug = TextFilter(label=_("Kürzel"))
    parent = relation(Department.objects.all(), label=_("übergeordnete Abteilung"))
    parent_slug = relation_slug(
        Department.objects.all(), label=_("Kürzel der übergeordneten Abteilung"), field_name="parent"
    )

    class Meta:
        model = Department
        fields = ["slug", "parent", "parent_slug"]


class UserFilter(FilterSet):
    role = django_filters.MultipleChoiceFilter(label=_("Rolle"), choices=Role.choices)
    department = relation(Department.objects.all(), label=_("Abteilung"))
    department_slug = relation_slug(Department.objects.all(), label=_("Kürzel der Abteilung"), field_name="department")
    is_active = StrictBooleanFilter(label=_("aktiv"))

    class Meta:
        model = User
        fields = ["role", "department", "department_slug", "is_active"]
