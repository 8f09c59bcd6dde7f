from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from core.forms import StyledFormMixin, style_widgets
from nps.models import Campaign, Survey


class CampaignForm(StyledFormMixin, forms.ModelForm):
    """The fields of a new wave; nps.config_services.campaign_create checks the rules and saves it."""

    class Meta:
        model = Campaign
        fields = ["name", "survey", "segment", "touchpoint", "interactions_from", "interactions_to", "scheduled_at"]
        widgets = {
            "interactions_from": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "interactions_to": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "scheduled_at": forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
        }
        help_texts = {
            "segment": _("Leer lassen für alle Segmente."),
            "scheduled_at": _("Leer lassen, um sofort nach dem Start zu versenden."),
        }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["survey"].queryset = Survey.objects.filter(active=True)  # type: ignore[attr-defined]


class OneOfSelect(forms.Select):
    """A dropdown for a relation filter on a page: one choice (or all), sent as the list the filter expects."""

    def value_from_datadict(self, data: Any, files: Any, name: str) -> list[str]:
        getter = getattr(data, "getlist", None)
        values = getter(name) if getter is not None else [data.get(name)]
        return [str(value) for value in values if value not in (None, "")]


# The page offers a dropdown per relation; the slug variants and the wave are for API clients and links.
PAGE_HIDDEN_FILTERS = frozenset({"touchpoint_slug", "department_slug", "campaign"})


def page_filter_fields(form: forms.Form) -> list[forms.BoundField]:
    """The filter form's fields as the answers pages show them (dropdowns with "alle" for the relations)."""
    for field in form.fields.values():
        if isinstance(field, forms.ModelMultipleChoiceField):
            field.empty_label = _("alle")
            field.widget = OneOfSelect()
            field.widget.choices = field.choices
    style_widgets(form)
    return [form[name] for name in form.fields if name not in PAGE_HIDDEN_FILTERS]
