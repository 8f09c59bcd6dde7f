from __future__ import annotations

from typing import Any

from django import forms
from django.db.models import Q
from django.forms.models import ModelChoiceIterator
from django.utils.translation import gettext_lazy as _

from accounts import roles
from accounts.models import Department, User
from complaints.choices import CaseChannel, CaseStatus, Outcome, Severity
from complaints.models import Case, Category, RootCause
from complaints.selectors import assignees_offered
from core import spam
from core.api.fields import MAX_ID_DIGITS
from core.forms import StyledFormMixin
from touchpoints.models import Touchpoint

FORM_SCOPE = "complaints:new"
MIN_FILL_SECONDS = 3


class OfferedChoiceIterator(ModelChoiceIterator):
    def __init__(self, field: OfferedModelChoiceField) -> None:
        super().__init__(field)
        if field.offered is not None:
            self.queryset = field.offered


class OfferedModelChoiceField(forms.ModelChoiceField):
    """Offers the choices that make sense for the user (`offered`) but accepts any row of `queryset`, so that the
    service decides what is allowed and the page answers as the API does (403 for a right the user lacks)."""

    iterator = OfferedChoiceIterator

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        self.offered: Any = None
        super().__init__(*args, **kwargs)

    def offer(self, offered: Any) -> None:
        self.offered = offered
        self.widget.choices = self.choices


def _touchpoints() -> Any:
    return Touchpoint.objects.filter(active=True).select_related("stage").order_by("name")


def _field(form: forms.Form, name: str) -> OfferedModelChoiceField:
    field = form.fields[name]
    assert isinstance(field, OfferedModelChoiceField)  # noqa: S101 (declared above)
    return field


def _categories() -> Any:
    return Category.objects.filter(active=True).select_related("parent").order_by("parent__name", "order", "name")


class CaseForm(StyledFormMixin, forms.Form):
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
    touchpoint = OfferedModelChoiceField(label=_("Kontaktpunkt"), queryset=Touchpoint.objects.none(), required=False)
    category = forms.ModelChoiceField(label=_("Kategorie"), queryset=Category.objects.none(), required=False)
    severity = forms.ChoiceField(label=_("Schweregrad"), choices=Severity.choices, initial=Severity.MEDIUM)
    description = forms.CharField(label=_("Beschreibung"), widget=forms.Textarea(attrs={"rows": 4}), max_length=10000)
    remedy_sought = forms.CharField(
        label=_("Gewünschte Lösung"), required=False, widget=forms.Textarea(attrs={"rows": 2}), max_length=5000
    )
    department = OfferedModelChoiceField(
        label=_("Abteilung"),
        queryset=Department.objects.order_by("name"),
        required=False,
        help_text=_("Leer: die für den Kontaktpunkt verantwortliche Abteilung."),
    )
    resolved_at_first_contact = forms.BooleanField(label=_("Beim Erstkontakt gelöst"), required=False)

    def __init__(self, *args: Any, user: User, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["touchpoint"].queryset = _touchpoints()  # type: ignore[attr-defined]
        self.fields["category"].queryset = _categories()  # type: ignore[attr-defined]
        if not roles.has_role(user, roles.LEADS):  # agents log cases for their own department
            _field(self, "touchpoint").offer(_touchpoints().filter(department_id=user.department_id))
            _field(self, "department").offer(Department.objects.filter(members=user))


class TransitionForm(StyledFormMixin, forms.Form):
    to = forms.ChoiceField(choices=CaseStatus.choices, widget=forms.HiddenInput)
    note = forms.CharField(
        label=_("Begründung / Notiz"), required=False, max_length=5000, widget=forms.Textarea(attrs={"rows": 2})
    )
    version = forms.IntegerField(widget=forms.HiddenInput)


class NoteForm(StyledFormMixin, forms.Form):
    text = forms.CharField(label=_("Text"), max_length=10000, widget=forms.Textarea(attrs={"rows": 3}))
    public = forms.BooleanField(label=_("Öffentliche Antwort (per E-Mail an die Kundin / den Kunden)"), required=False)
    version = forms.IntegerField(widget=forms.HiddenInput)


class EditForm(StyledFormMixin, forms.Form):
    """Every field is posted each time; the service changes (and checks the rights for) only what differs."""

    severity = forms.ChoiceField(label=_("Schweregrad"), choices=Severity.choices)
    category = forms.ModelChoiceField(label=_("Kategorie"), queryset=Category.objects.none(), required=False)
    touchpoint = OfferedModelChoiceField(label=_("Kontaktpunkt"), queryset=Touchpoint.objects.all(), required=False)
    department = OfferedModelChoiceField(
        label=_("Abteilung"), queryset=Department.objects.order_by("name"), empty_label=None
    )
    assignee = OfferedModelChoiceField(label=_("zuständig"), queryset=User.objects.all(), required=False)
    version = forms.IntegerField(widget=forms.HiddenInput, min_value=1, max_value=2**31 - 1)

    def __init__(self, *args: Any, user: User, case: Case, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        categories = Category.objects.filter(Q(active=True) | Q(pk=case.category_id)).select_related("parent")
        category_field: Any = self.fields["category"]
        category_field.queryset = categories.order_by("parent__name", "order", "name")
        touchpoints = Touchpoint.objects.filter(Q(active=True) | Q(pk=case.touchpoint_id))
        departments = Department.objects.order_by("name")
        if not roles.has_role(user, roles.LEADS):
            touchpoints = touchpoints.filter(Q(department_id=user.department_id) | Q(pk=case.touchpoint_id))
            departments = departments.filter(pk=case.department_id)
        _field(self, "touchpoint").offer(touchpoints.order_by("name"))
        _field(self, "department").offer(departments)
        _field(self, "assignee").offer(assignees_offered(user, case.department_id, case.assignee))


class ResolutionForm(StyledFormMixin, forms.Form):
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


class AttachmentForm(StyledFormMixin, forms.Form):
    file = forms.FileField(label=_("Datei (PDF, PNG, JPEG, TXT, EML, DOCX; höchstens 10 MB)"))


class MergeForm(StyledFormMixin, forms.Form):
    into = forms.CharField(label=_("Aktenzeichen des Zielfalls"), max_length=20)


class IdListField(forms.Field):
    """A list of ids (checkboxes of the case list); anything but digits is an error."""

    widget = forms.MultipleHiddenInput
    default_error_messages = {"invalid": _("Bitte wählen Sie Fälle aus der Liste.")}

    def to_python(self, value: Any) -> list[int]:
        if not value:
            return []
        values = value if isinstance(value, list | tuple) else [value]
        if not all(isinstance(v, str) and v.isdigit() and len(v) <= MAX_ID_DIGITS for v in values):
            raise forms.ValidationError(self.error_messages["invalid"], code="invalid")
        return [int(v) for v in values]


class BulkAssignForm(forms.Form):
    cases = IdListField(label=_("Fälle"))
    assignee = forms.ModelChoiceField(label=_("zuweisen an"), queryset=User.objects.all(), required=False)


def form_timestamp() -> str:
    return spam.issue_token(FORM_SCOPE)


class PublicComplaintForm(StyledFormMixin, forms.Form):
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
        self.fields["touchpoint"].queryset = _touchpoints()  # type: ignore[attr-defined]
        self.fields["category"].queryset = Category.objects.filter(active=True, parent__isnull=True)  # type: ignore[attr-defined]
        if not self.is_bound:
            self.initial["form_ts"] = form_timestamp()

    def is_spam(self) -> bool:
        if self.data.get("website"):
            return True
        return spam.token_verdict(self.data.get("form_ts", ""), FORM_SCOPE, min_seconds=MIN_FILL_SECONDS) != "ok"


class AcceptanceForm(StyledFormMixin, forms.Form):
    accepted = forms.TypedChoiceField(coerce=lambda v: v == "yes", choices=[("yes", "yes"), ("no", "no")])
    comment = forms.CharField(
        label=_("Ihre Anmerkung (optional)"), max_length=2000, required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
