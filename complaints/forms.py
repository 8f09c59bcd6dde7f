from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from accounts.models import Department, User
from complaints.choices import CaseChannel, CaseStatus, Outcome, Severity
from complaints.models import Category, RootCause
from core import spam
from touchpoints.models import Touchpoint

FORM_SCOPE = "complaints:new"
MIN_FILL_SECONDS = 3


class BootstrapMixin:
    """Adds Bootstrap classes to every widget."""

    def style(self) -> None:
        for field in self.fields.values():  # type: ignore[attr-defined]
            widget = field.widget
            if isinstance(widget, forms.CheckboxInput | forms.HiddenInput):
                continue
            css = "form-select" if isinstance(widget, forms.Select) else "form-control"
            widget.attrs["class"] = f"{widget.attrs.get('class', '')} {css}".strip()


def _touchpoints() -> Any:
    return Touchpoint.objects.filter(active=True).select_related("stage").order_by("name")


def _categories() -> Any:
    return Category.objects.filter(active=True).select_related("parent").order_by("parent__name", "order", "name")


class CaseForm(BootstrapMixin, forms.Form):
    customer = forms.IntegerField(required=False, widget=forms.HiddenInput)
    customer_query = forms.CharField(
        label=_("Kunde suchen (Name, E-Mail oder Kundennummer)"),
        required=False,
        max_length=200,
        widget=forms.TextInput(
            attrs={
                "autocomplete": "off",
                "role": "combobox",
                "aria-expanded": "false",
                "aria-controls": "customer-results",
                "aria-autocomplete": "list",
            }
        ),
    )
    customer_email = forms.EmailField(label=_("E-Mail (neue Kundin / neuer Kunde)"), required=False)
    customer_first_name = forms.CharField(label=_("Vorname"), required=False, max_length=100)
    customer_last_name = forms.CharField(label=_("Nachname"), required=False, max_length=100)
    channel = forms.ChoiceField(label=_("Kanal"), choices=CaseChannel.choices)
    touchpoint = forms.ModelChoiceField(label=_("Kontaktpunkt"), queryset=Touchpoint.objects.none(), required=False)
    category = forms.ModelChoiceField(label=_("Kategorie"), queryset=Category.objects.none(), required=False)
    severity = forms.ChoiceField(label=_("Schweregrad"), choices=Severity.choices, initial=Severity.MEDIUM)
    description = forms.CharField(label=_("Beschreibung"), widget=forms.Textarea(attrs={"rows": 4}), max_length=10000)
    remedy_sought = forms.CharField(
        label=_("Gewünschte Lösung"), required=False, widget=forms.Textarea(attrs={"rows": 2}), max_length=5000
    )
    department = forms.ModelChoiceField(
        label=_("Abteilung"),
        queryset=Department.objects.all(),
        required=False,
        help_text=_("Leer: die für den Kontaktpunkt verantwortliche Abteilung."),
    )
    resolved_at_first_contact = forms.BooleanField(label=_("Beim Erstkontakt gelöst"), required=False)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.style()
        self.fields["touchpoint"].queryset = _touchpoints()  # type: ignore[attr-defined]
        self.fields["category"].queryset = _categories()  # type: ignore[attr-defined]


class TransitionForm(BootstrapMixin, forms.Form):
    to = forms.ChoiceField(choices=CaseStatus.choices, widget=forms.HiddenInput)
    note = forms.CharField(
        label=_("Begründung / Notiz"), required=False, max_length=5000, widget=forms.Textarea(attrs={"rows": 2})
    )
    version = forms.IntegerField(widget=forms.HiddenInput)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.style()


class NoteForm(BootstrapMixin, forms.Form):
    text = forms.CharField(label=_("Text"), max_length=10000, widget=forms.Textarea(attrs={"rows": 3}))
    public = forms.BooleanField(label=_("Öffentliche Antwort (per E-Mail an die Kundin / den Kunden)"), required=False)
    version = forms.IntegerField(widget=forms.HiddenInput)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.style()


class EditForm(BootstrapMixin, forms.Form):
    severity = forms.ChoiceField(label=_("Schweregrad"), choices=Severity.choices)
    category = forms.ModelChoiceField(label=_("Kategorie"), queryset=Category.objects.none(), required=False)
    assignee = forms.ModelChoiceField(label=_("zuständig"), queryset=User.objects.none(), required=False)
    version = forms.IntegerField(widget=forms.HiddenInput)

    def __init__(self, *args: Any, assignees: Any = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.style()
        self.fields["category"].queryset = _categories()  # type: ignore[attr-defined]
        self.fields["assignee"].queryset = assignees if assignees is not None else User.objects.none()  # type: ignore[attr-defined]


class ResolutionForm(BootstrapMixin, forms.Form):
    outcome = forms.ChoiceField(label=_("Ergebnis"), choices=Outcome.choices)
    apology_given = forms.NullBooleanField(
        label=_("Entschuldigung ausgesprochen"),
        widget=forms.Select(choices=[("unknown", "–"), ("true", _("ja")), ("false", _("nein"))]),
    )
    remedy_granted = forms.CharField(
        label=_("Gewährte Wiedergutmachung / Kulanz"),
        required=False,
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    remedy_cost = forms.DecimalField(
        label=_("Kosten (EUR)"), min_value=0, max_digits=10, decimal_places=2, required=False
    )
    root_cause = forms.ModelChoiceField(
        label=_("Ursache"), queryset=RootCause.objects.filter(active=True), required=False
    )
    corrective_action = forms.CharField(
        label=_("Korrekturmaßnahme"), required=False, max_length=5000, widget=forms.Textarea(attrs={"rows": 2})
    )
    version = forms.IntegerField(widget=forms.HiddenInput)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.style()


class AttachmentForm(BootstrapMixin, forms.Form):
    file = forms.FileField(label=_("Datei (PDF, PNG, JPEG, TXT, EML, DOCX; höchstens 10 MB)"))

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.style()


class MergeForm(BootstrapMixin, forms.Form):
    into = forms.CharField(label=_("Aktenzeichen des Zielfalls"), max_length=20)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.style()


class BulkAssignForm(forms.Form):
    cases = forms.TypedMultipleChoiceField(coerce=int, choices=[])
    assignee = forms.ModelChoiceField(label=_("zuweisen an"), queryset=User.objects.none(), required=False)

    def __init__(self, *args: Any, case_ids: list[int], assignees: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["cases"].choices = [(i, i) for i in case_ids]  # type: ignore[attr-defined]
        self.fields["assignee"].queryset = assignees  # type: ignore[attr-defined]


def form_timestamp() -> str:
    return spam.issue_token(FORM_SCOPE)


class PublicComplaintForm(BootstrapMixin, forms.Form):
    first_name = forms.CharField(
        label=_("Vorname"), max_length=100, required=False, widget=forms.TextInput(attrs={"autocomplete": "given-name"})
    )
    last_name = forms.CharField(
        label=_("Nachname"), max_length=100, widget=forms.TextInput(attrs={"autocomplete": "family-name"})
    )
    email = forms.EmailField(
        label=_("E-Mail-Adresse"),
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
        help_text=_("An diese Adresse senden wir die Eingangsbestätigung mit Ihrem Aktenzeichen."),
    )
    touchpoint = forms.ModelChoiceField(
        label=_("Wo ist es passiert?"),
        queryset=Touchpoint.objects.none(),
        required=False,
        empty_label=_("– bitte wählen (optional) –"),
    )
    category = forms.ModelChoiceField(
        label=_("Worum geht es?"),
        queryset=Category.objects.none(),
        required=False,
        empty_label=_("– bitte wählen (optional) –"),
    )
    description = forms.CharField(
        label=_("Ihre Beschwerde"),
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_("Bitte schildern Sie, was passiert ist."),
    )
    remedy_sought = forms.CharField(
        label=_("Was wünschen Sie sich als Lösung?"),
        max_length=2000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    survey_consent = forms.BooleanField(
        label=_(
            "Ich bin einverstanden, dass Sie mich nach Abschluss per E-Mail fragen, wie zufrieden ich mit der "
            "Bearbeitung war. Diese Einwilligung kann ich jederzeit widerrufen."
        ),
        required=False,
    )
    # Spam protection without third parties: a honeypot field people never see and a signed render time.
    website = forms.CharField(required=False, label=_("Bitte leer lassen"))
    form_ts = forms.CharField(widget=forms.HiddenInput)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.style()
        self.fields["touchpoint"].queryset = _touchpoints()  # type: ignore[attr-defined]
        self.fields["category"].queryset = Category.objects.filter(active=True, parent__isnull=True)  # type: ignore[attr-defined]
        if not self.is_bound:
            self.initial["form_ts"] = form_timestamp()

    def is_spam(self) -> bool:
        if self.data.get("website"):
            return True
        return spam.token_verdict(self.data.get("form_ts", ""), FORM_SCOPE, min_seconds=MIN_FILL_SECONDS) != "ok"


class AcceptanceForm(BootstrapMixin, forms.Form):
    accepted = forms.TypedChoiceField(coerce=lambda v: v == "yes", choices=[("yes", "yes"), ("no", "no")])
    comment = forms.CharField(
        label=_("Ihre Anmerkung (optional)"), max_length=2000, required=False, widget=forms.Textarea(attrs={"rows": 3})
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.style()
