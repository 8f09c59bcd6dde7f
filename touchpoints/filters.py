"""One FilterSet per model, shared by the touchpoint list page and the API."""

from __future__ import annotations

from typing import Any

import django_filters
from django import forms
from django.utils.translation import gettext_lazy as _

from accounts.models import Department
from touchpoints.choices import Channel, TouchpointKind
from touchpoints.models import JourneyStage, Touchpoint


class StrictBooleanField(forms.NullBooleanField):
    """Like the usual yes/no filter, but an unknown value is an error (400) instead of being ignored."""

    widget = forms.Select(choices=[("", "---------"), ("true", _("ja")), ("false", _("nein"))])
    TRUE = frozenset({"true", "1", "yes", "on"})
    FALSE = frozenset({"false", "0", "no", "off"})

    def to_python(self, value: Any) -> bool | None:  # type: ignore[override]
        if value in (None, ""):
            return None
        if isinstance(value, bool):
            return value
        text = str(value).lower()
        if text in self.TRUE:
            return True
        if text in self.FALSE:
            return False
        raise forms.ValidationError(_("Bitte geben Sie true oder false an."), code="invalid")

    def validate(self, value: Any) -> None:
        pass


class StrictBooleanFilter(django_filters.BooleanFilter):
    field_class = StrictBooleanField


class TouchpointFilterSet(django_filters.FilterSet):
    stage = django_filters.ModelChoiceFilter(queryset=JourneyStage.objects.all(), label=_("Phase"))
    stage_slug = django_filters.CharFilter(field_name="stage__slug", label=_("Kürzel der Phase"))
    department = django_filters.ModelChoiceFilter(queryset=Department.objects.all(), label=_("Abteilung"))
    channel = django_filters.ChoiceFilter(choices=Channel.choices, label=_("Kanal"))
    kind = django_filters.ChoiceFilter(choices=TouchpointKind.choices, label=_("Art"))
    is_key = StrictBooleanFilter(label=_("Moment der Wahrheit"))
    active = StrictBooleanFilter(label=_("aktiv"))
    slug = django_filters.CharFilter(label=_("Kürzel"))

    class Meta:
        model = Touchpoint
        fields = ["stage", "stage_slug", "department", "channel", "kind", "is_key", "active", "slug"]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for field in self.form.fields.values():  # Bootstrap look on the list page; the API ignores widgets
            css = "form-select" if isinstance(field.widget, forms.Select) else "form-control"
            field.widget.attrs["class"] = f"{css} form-select-sm" if css == "form-select" else f"{css} form-control-sm"
