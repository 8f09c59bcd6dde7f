from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from nps.models import Campaign, Survey


class CampaignForm(forms.ModelForm):
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
        for field in self.fields.values():
            field.widget.attrs.setdefault(
                "class", "form-select" if isinstance(field.widget, forms.Select) else "form-control"
            )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        start, end = data.get("interactions_from"), data.get("interactions_to")
        if start and end and start > end:
            self.add_error("interactions_to", _("Das Ende liegt vor dem Anfang."))
        return data
