from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from core.forms import StyledFormMixin
from touchpoints.models import Journey, JourneyStage, Touchpoint

SLUG_HELP = _("Nur Kleinbuchstaben a–z, Ziffern, Bindestriche und Unterstriche; erscheint in Links (z. B. QR-Codes).")
SLUG_INVALID = _("Ein Kürzel darf nur Kleinbuchstaben a–z, Ziffern, Bindestriche und Unterstriche enthalten.")


class TouchpointForm(StyledFormMixin, forms.ModelForm):
    class Meta:
        model = Touchpoint
        fields = [
            "name",
            "slug",
            "stage",
            "channel",
            "kind",
            "department",
            "is_key",
            "importance",
            "description",
            "active",
        ]
        help_texts = {
            "slug": SLUG_HELP,
            "is_key": _("Ein Kontaktpunkt, der über die Zufriedenheit der Kundschaft entscheidet."),
        }
        error_messages = {
            "slug": {"invalid": SLUG_INVALID, "unique": _("Ein Kontaktpunkt mit diesem Kürzel existiert bereits.")},
        }
        widgets = {"description": forms.Textarea(attrs={"rows": 3})}


class JourneyStageForm(StyledFormMixin, forms.ModelForm):
    order = forms.IntegerField(
        label=_("Reihenfolge"),
        min_value=0,
        max_value=32767,
        required=False,
        help_text=_("Leer lassen, um die Phase ans Ende zu setzen."),
    )

    class Meta:
        model = JourneyStage
        fields = ["name", "slug", "order"]
        help_texts = {"slug": SLUG_HELP}
        error_messages = {
            "slug": {"invalid": SLUG_INVALID, "unique": _("Eine Phase mit diesem Kürzel gibt es bereits.")},
        }


class JourneyForm(StyledFormMixin, forms.ModelForm):
    class Meta:
        model = Journey
        fields = ["name", "persona", "description"]
        widgets = {"description": forms.Textarea(attrs={"rows": 3})}


class TouchpointChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Touchpoint) -> str:
        return f"{obj.stage.name} · {obj.name}"


class StepAddForm(StyledFormMixin, forms.Form):
    touchpoint = TouchpointChoiceField(
        label=_("Kontaktpunkt"),
        queryset=Touchpoint.objects.select_related("stage").order_by("stage__order", "name"),
        error_messages={"invalid_choice": _("Bitte wählen Sie einen vorhandenen Kontaktpunkt.")},
    )
    expectation = forms.CharField(label=_("Erwartung der Kundin / des Kunden"), max_length=255, required=False)


class StepExpectationForm(StyledFormMixin, forms.Form):
    expectation = forms.CharField(label=_("Erwartung der Kundin / des Kunden"), max_length=255, required=False)
