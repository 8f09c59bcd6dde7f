from __future__ import annotations

from typing import Any

from django import forms
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from accounts import roles
from accounts.models import Department, User
from core.forms import StyledFormMixin
from customers.models import Customer
from feedback.choices import ActionStatus, FeedbackKind, FeedbackStatus, Sentiment
from feedback.models import TEXT_MAX_LENGTH, ImprovementAction, Topic
from touchpoints.models import Touchpoint

RATING_CHOICES = [("", _("keine Angabe"))] + [(str(i), str(i)) for i in range(1, 6)]


class PublicFeedbackForm(forms.Form):
    kind = forms.ChoiceField(
        label=_("Worum geht es?"), choices=FeedbackKind.choices, widget=forms.RadioSelect, initial=FeedbackKind.PRAISE
    )
    rating = forms.TypedChoiceField(
        label=_("Wie zufrieden sind Sie insgesamt? (1 = gar nicht, 5 = sehr)"),
        choices=RATING_CHOICES,
        coerce=int,
        empty_value=None,
        required=False,
        widget=forms.RadioSelect,
    )
    text = forms.CharField(
        label=_("Ihr Feedback"),
        max_length=TEXT_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 6, "maxlength": TEXT_MAX_LENGTH}),
        error_messages={"required": _("Bitte schreiben Sie uns Ihr Feedback.")},
    )
    name = forms.CharField(label=_("Name (freiwillig)"), max_length=150, required=False)
    email = forms.EmailField(label=_("E-Mail (freiwillig)"), required=False)
    contact_consent = forms.BooleanField(
        label=_(
            "Ja, Sie dürfen mich per E-Mail informieren, wenn sich aufgrund meines Feedbacks etwas ändert "
            "(einmalig; Widerruf jederzeit)."
        ),
        required=False,
    )
    survey_consent = forms.BooleanField(
        label=_(
            "Ja, Sie dürfen mich gelegentlich per E-Mail zu meiner Zufriedenheit befragen. "
            "Ich bestätige das über einen Link in einer E-Mail; Widerruf jederzeit."
        ),
        required=False,
    )
    # Honeypot: hidden from people (and from screen readers), bots fill it in.
    website = forms.CharField(label=_("Bitte leer lassen"), required=False)
    ts = forms.CharField(widget=forms.HiddenInput, required=False)

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        if (cleaned.get("contact_consent") or cleaned.get("survey_consent")) and not cleaned.get("email"):
            self.add_error("email", _("Für eine Rückmeldung brauchen wir Ihre E-Mail-Adresse."))
        text = cleaned.get("text")
        if text is not None and not text.strip():
            self.add_error("text", _("Bitte schreiben Sie uns Ihr Feedback."))
        return cleaned


class StaffFeedbackForm(StyledFormMixin, forms.Form):
    touchpoint = forms.ModelChoiceField(label=_("Kontaktpunkt"), queryset=Touchpoint.objects.filter(active=True))
    kind = forms.ChoiceField(label=_("Art"), choices=FeedbackKind.choices)
    text = forms.CharField(
        label=_("Text"), max_length=TEXT_MAX_LENGTH, widget=forms.Textarea(attrs={"rows": 5})
    )
    rating = forms.TypedChoiceField(
        label=_("Bewertung (1–5)"), choices=RATING_CHOICES, coerce=int, empty_value=None, required=False
    )
    channel = forms.ChoiceField(
        label=_("Kanal"),
        choices=[("staff", _("an der Theke / am Telefon gehört")), ("email", _("per E-Mail erhalten"))],
    )
    customer = forms.ModelChoiceField(
        label=_("Kunde/Kundin (Kundennummer)"),
        queryset=Customer.objects.filter(erased_at__isnull=True),
        to_field_name="external_ref",
        required=False,
        widget=forms.TextInput,
        error_messages={"invalid_choice": _("Keine Kundin / kein Kunde mit dieser Kundennummer.")},
    )
    contact_email = forms.EmailField(label=_("E-Mail für Rückmeldung"), required=False)
    contact_consent = forms.BooleanField(
        label=_("Die Person ist mit einer Rückmeldung per E-Mail einverstanden."), required=False
    )

    def __init__(self, *args: Any, touchpoints: Any = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if touchpoints is not None:
            self.fields["touchpoint"].queryset = touchpoints  # type: ignore[attr-defined]


class CorrectionForm(StyledFormMixin, forms.Form):
    sentiment = forms.ChoiceField(label=_("Stimmung"), choices=Sentiment.choices)
    topics = forms.ModelMultipleChoiceField(
        label=_("Themen"),
        queryset=Topic.objects.all(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        to_field_name="name",
    )
    status = forms.ChoiceField(label=_("Status"), choices=FeedbackStatus.choices)


class ImprovementActionForm(StyledFormMixin, forms.ModelForm):
    """Owners offered: staff of the user's department plus CX admins and the CCEO (the service checks the owner
    against the department chosen on the form)."""

    class Meta:
        model = ImprovementAction
        fields = ["title", "description", "department", "owner", "due_date", "expected_effect", "touchpoints"]
        widgets = {
            "due_date": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "description": forms.Textarea(attrs={"rows": 4}),
            "expected_effect": forms.Textarea(attrs={"rows": 2}),
            "touchpoints": forms.SelectMultiple(attrs={"size": 6}),
        }

    def __init__(self, *args: Any, user: Any = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        departments = Department.objects.all()
        touchpoints = Touchpoint.objects.all()
        owners = User.objects.filter(is_active=True, role__in=roles.CX_STAFF).select_related("department")
        if user is not None and not user.sees_all_departments:
            departments = departments.filter(pk=user.department_id)
            touchpoints = touchpoints.filter(department_id=user.department_id)
            owners = owners.filter(Q(department_id=user.department_id) | Q(role__in=roles.OVERSEERS))
            self.fields["department"].initial = user.department_id
        self.fields["department"].queryset = departments  # type: ignore[attr-defined]
        self.fields["touchpoints"].queryset = touchpoints  # type: ignore[attr-defined]
        self.fields["owner"].queryset = owners.order_by("last_name", "username")  # type: ignore[attr-defined]


class TransitionForm(forms.Form):
    to = forms.ChoiceField(label=_("Neuer Status"), choices=ActionStatus.choices)


class LinkFeedbackForm(forms.Form):
    feedback_id = forms.IntegerField(label=_("Feedback-Nummer"), min_value=1)


class LinkObjectForm(forms.Form):
    label = forms.ChoiceField(
        label=_("Art"),
        choices=[("complaints.case", _("Beschwerde")), ("nps.response", _("NPS-Kommentar"))],
    )
    object_id = forms.IntegerField(label=_("Nummer"), min_value=1)
