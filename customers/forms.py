from __future__ import annotations

from typing import Any

from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from core.forms import StyledFormMixin
from customers.choices import ConsentPurpose, Language


class CustomerForm(StyledFormMixin, forms.Form):
    external_ref = forms.CharField(label=_("Kundennummer"), max_length=64)
    email = forms.EmailField(label=_("E-Mail"), required=False)
    first_name = forms.CharField(label=_("Vorname"), max_length=100, required=False)
    last_name = forms.CharField(label=_("Nachname"), max_length=100, required=False)
    language = forms.ChoiceField(label=_("Sprache"), choices=Language.choices, initial=Language.DE)
    segment = forms.CharField(label=_("Segment"), max_length=60, required=False)


class DoubleOptInForm(StyledFormMixin, forms.Form):
    purpose = forms.ChoiceField(
        label=_("Zweck"), choices=ConsentPurpose.choices, initial=ConsentPurpose.SURVEY_EMAIL, widget=forms.HiddenInput
    )
    source = forms.CharField(label=_("Quelle"), max_length=120, initial="profile")


class DocumentedConsentForm(StyledFormMixin, forms.Form):
    purpose = forms.ChoiceField(label=_("Zweck"), choices=ConsentPurpose.choices, initial=ConsentPurpose.SURVEY_EMAIL)
    source = forms.CharField(label=_("Quelle"), max_length=120, help_text=_("z. B. „Anmeldeformular Filiale Hamburg“"))
    evidence = forms.CharField(
        label=_("Nachweis"),
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Wo liegt der Nachweis? z. B. Ablageort des unterschriebenen Formulars, Aufzeichnungs-ID."),
    )
    text_version = forms.CharField(label=_("Version des Einwilligungstexts"), max_length=40, required=False)
    granted_at = forms.DateTimeField(
        label=_("erteilt am"),
        required=False,
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
        input_formats=["%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M", "%d.%m.%Y %H:%M", "%Y-%m-%d"],
        help_text=_("Leer lassen für jetzt."),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["text_version"].initial = settings.CONSENT_TEXT_VERSION


class WithdrawForm(StyledFormMixin, forms.Form):
    purpose = forms.ChoiceField(
        label=_("Zweck"), choices=ConsentPurpose.choices, initial=ConsentPurpose.SURVEY_EMAIL, widget=forms.HiddenInput
    )
    suppress = forms.BooleanField(
        label=_("Adresse außerdem für alle werblichen E-Mails sperren"),
        required=False,
    )


class ImportForm(StyledFormMixin, forms.Form):
    file = forms.FileField(
        label=_("CSV-Datei"),
        help_text=_(
            "UTF-8 oder Windows-1252, Trennzeichen Komma oder Semikolon. Pflichtspalten: Kundennummer, E-Mail; "
            "optional: Vorname, Nachname, Sprache (de/en), Segment. Einwilligungen werden nicht importiert."
        ),
        widget=forms.ClearableFileInput(attrs={"accept": ".csv,text/csv"}),
    )

    def clean_file(self) -> object:
        upload = self.cleaned_data["file"]
        if upload.size > settings.CUSTOMER_IMPORT_MAX_BYTES:
            raise forms.ValidationError(_("Die Datei ist zu groß."))
        return upload
