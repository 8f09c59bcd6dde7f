"""Forms: the one way pages render widgets and show a service's errors, and the webhook administration's form."""

from __future__ import annotations

from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from core import events
from core.webhooks.services import ALL_EVENTS


def add_service_errors(form: forms.BaseForm, exc: ValidationError) -> None:
    """Show a service's ValidationError on the form: under its field when the form has it, else on top."""
    if hasattr(exc, "error_dict"):
        for field, messages in exc.message_dict.items():
            form.add_error(field if field in form.fields else None, messages)
    else:
        form.add_error(None, exc.messages)


class StyledFormMixin:
    """Bootstrap classes on every widget (the template partial wires labels, help texts and errors)."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        style_widgets(self)  # type: ignore[arg-type]


def style_widgets(form: forms.BaseForm) -> None:
    for field in form.fields.values():
        widget = field.widget
        if isinstance(widget, forms.HiddenInput):
            continue
        if isinstance(widget, forms.CheckboxInput | forms.CheckboxSelectMultiple | forms.RadioSelect):
            css = "form-check-input"
        elif isinstance(widget, forms.Select):
            css = "form-select"
        else:
            css = "form-control"
        classes = widget.attrs.get("class", "")
        if css not in classes.split():
            widget.attrs["class"] = f"{classes} {css}".strip()


def event_type_choices() -> list[tuple[str, str]]:
    return [(ALL_EVENTS, str(_("Alle Ereignisse (auch künftige)")))] + [
        (name, f"{label} ({name})") for name, label in events.event_types().items()
    ]


class WebhookEndpointForm(forms.Form):
    name = forms.CharField(label=_("Name"), max_length=120)
    url = forms.CharField(
        label=_("Adresse (URL)"),
        max_length=500,
        help_text=_("Nur http(s); interne Adressen werden abgelehnt."),
        widget=forms.URLInput(attrs={"placeholder": "https://"}),
    )
    event_types = forms.MultipleChoiceField(
        label=_("Ereignistypen"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Ohne Auswahl erhält der Empfänger keine Ereignisse."),
    )
    active = forms.BooleanField(label=_("aktiv"), required=False, initial=True)
    secret = forms.CharField(
        label=_("Geheimnis"),
        required=False,
        max_length=128,
        widget=forms.TextInput(attrs={"autocomplete": "off"}),
    )

    def __init__(self, *args: Any, editing: bool = False, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["event_types"].choices = event_type_choices()  # type: ignore[attr-defined]
        self.fields["secret"].help_text = (
            _("Leer lassen, um das bisherige Geheimnis zu behalten; ein neuer Wert ersetzt es.")
            if editing
            else _("Leer lassen, um ein sicheres Geheimnis erzeugen zu lassen. Es wird nur einmal angezeigt.")
        )
