"""One FilterSet per model, shared by the touchpoint list page and the API (core.filters conventions)."""

from __future__ import annotations

from typing import Any

import django_filters
from django import forms
from django.utils.translation import gettext_lazy as _

from accounts.models import Department
from core.filters import FilterSet, StrictBooleanFilter, TextFilter, relation, relation_slug
from touchpoints.choices import Channel, TouchpointKind
from touchpoints.models import JourneyStage, Touchpoint


class SelectOne(forms.Select):
    """The list page offers one choice per filter; the filter itself accepts several (`?stage=1&stage=2`)."""

    def value_from_datadict(self, data: Any, files: Any, name: str) -> Any:
        getter = getattr(data, "getlist", None)
        values = getter(name) if getter is not None else [data.get(name)]
        return [value for value in values if value not in (None, "")]


class JourneyStageFilterSet(FilterSet):
    slug = TextFilter(label=_("Kürzel"))

    class Meta:
        model = JourneyStage
        fields = ["slug"]


class TouchpointFilterSet(FilterSet):
    stage = relation(JourneyStage.objects.all(), label=_("Phase"))
    stage_slug = relation_slug(JourneyStage.objects.all(), label=_("Kürzel der Phase"), field_name="stage")
    department = relation(Department.objects.all(), label=_("Abteilung"))
    department_slug = relation_slug(Department.objects.all(), label=_("Kürzel der Abteilung"), field_name="department")
    channel = django_filters.MultipleChoiceFilter(choices=Channel.choices, label=_("Kanal"))
    kind = django_filters.ChoiceFilter(choices=TouchpointKind.choices, label=_("Art"))
    is_key = StrictBooleanFilter(label=_("Moment der Wahrheit"))
    active = StrictBooleanFilter(label=_("aktiv"))
    slug = TextFilter(label=_("Kürzel"))

    class Meta:
        model = Touchpoint
        fields = [
            "stage",
            "stage_slug",
            "department",
            "department_slug",
            "channel",
            "kind",
            "is_key",
            "active",
            "slug",
        ]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for field in self.form.fields.values():  # Bootstrap look on the list page; the API ignores widgets
            if isinstance(field, forms.ModelMultipleChoiceField):
                field.empty_label = _("alle")
                field.widget = SelectOne()
                field.widget.choices = field.choices  # lazy: the API never renders (nor queries) them
            elif isinstance(field.widget, forms.SelectMultiple):
                field.widget = SelectOne(choices=[("", _("alle")), *field.choices])
            css = "form-select" if isinstance(field.widget, forms.Select) else "form-control"
            field.widget.attrs["class"] = f"{css} form-select-sm" if css == "form-select" else f"{css} form-control-sm"
