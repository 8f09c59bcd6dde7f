from __future__ import annotations

from typing import Any, cast

from django import forms
from django.forms import inlineformset_factory
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from accounts.choices import Role
from accounts.models import Department, User
from touchpoints.models import Touchpoint
from training import services
from training.choices import Level
from training.models import Competence, Course, CourseCompetence, TrainingSession


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(format="%Y-%m-%d", **kwargs)


def _choices(form: forms.BaseForm, name: str) -> forms.ModelChoiceField:
    return cast(forms.ModelChoiceField, form.fields[name])


def employee_choices() -> Any:
    return User.objects.filter(is_active=True).select_related("department").order_by("last_name", "username")


class CourseForm(forms.ModelForm):
    class Meta:
        model = Course
        fields = ["title", "description", "duration_hours", "format", "validity_months", "active"]
        widgets = {"description": forms.Textarea(attrs={"rows": 3})}


CourseCompetenceFormSet = inlineformset_factory(
    Course, CourseCompetence, fields=["competence", "level"], extra=3, can_delete=True
)


class SessionForm(forms.ModelForm):
    class Meta:
        model = TrainingSession
        fields = ["course", "date", "trainer", "location", "seats"]
        widgets = {"date": DateInput()}

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _choices(self, "course").queryset = Course.objects.filter(active=True)
        _choices(self, "trainer").queryset = User.objects.filter(role=Role.TRAINER, is_active=True)


class EnrolForm(forms.Form):
    employee = forms.ModelChoiceField(label=_("Mitarbeiter/in"), queryset=User.objects.none())

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _choices(self, "employee").queryset = employee_choices()


class AttendanceForm(forms.Form):
    """One row per enrolled person (present, passed, score) plus others who came without enrolment."""

    completed_at = forms.DateField(label=_("Abgeschlossen am"), widget=DateInput())
    others = forms.ModelMultipleChoiceField(
        label=_("Weitere Anwesende (ohne Anmeldung)"), queryset=User.objects.none(), required=False
    )

    def __init__(self, *args: Any, session: TrainingSession, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.session = session
        self.enrolled = [e.employee for e in session.enrolments.select_related("employee")]
        self.fields["completed_at"].initial = session.date
        _choices(self, "others").queryset = employee_choices().exclude(pk__in=[u.pk for u in self.enrolled])
        for employee in self.enrolled:
            self.fields[f"present_{employee.pk}"] = forms.BooleanField(label=_("anwesend"), required=False)
            self.fields[f"passed_{employee.pk}"] = forms.BooleanField(
                label=_("bestanden"), required=False, initial=True
            )
            self.fields[f"score_{employee.pk}"] = forms.IntegerField(
                label=_("Ergebnis (%)"), required=False, min_value=0, max_value=100
            )

    def rows(self) -> list[dict[str, Any]]:
        return [
            {
                "employee": employee,
                "present": self[f"present_{employee.pk}"],
                "passed": self[f"passed_{employee.pk}"],
                "score": self[f"score_{employee.pk}"],
            }
            for employee in self.enrolled
        ]

    def attendees(self) -> list[tuple[User, bool, int | None]]:
        data = self.cleaned_data
        result = [
            (employee, bool(data.get(f"passed_{employee.pk}")), data.get(f"score_{employee.pk}"))
            for employee in self.enrolled
            if data.get(f"present_{employee.pk}")
        ]
        result.extend((employee, True, None) for employee in data.get("others") or [])
        return result


class RecordForm(forms.Form):
    employee = forms.ModelChoiceField(label=_("Mitarbeiter/in"), queryset=User.objects.none())
    course = forms.ModelChoiceField(label=_("Schulung"), queryset=Course.objects.all())
    session = forms.ModelChoiceField(label=_("Termin"), queryset=TrainingSession.objects.all(), required=False)
    completed_at = forms.DateField(label=_("Abgeschlossen am"), widget=DateInput())
    passed = forms.BooleanField(label=_("bestanden"), required=False, initial=True)
    score = forms.IntegerField(label=_("Ergebnis (%)"), required=False, min_value=0, max_value=100)
    notes = forms.CharField(label=_("Notizen"), required=False, widget=forms.Textarea(attrs={"rows": 2}))

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _choices(self, "employee").queryset = employee_choices()
        _choices(self, "session").queryset = TrainingSession.objects.select_related("course")
        self.fields["completed_at"].initial = timezone.localdate()

    def record_input(self) -> services.RecordInput:
        data = self.cleaned_data
        return services.RecordInput(
            employee=data["employee"],
            course=data["course"],
            session=data.get("session"),
            completed_at=data["completed_at"],
            passed=bool(data.get("passed")),
            score=data.get("score"),
            notes=data.get("notes") or "",
        )

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        if not self.errors:
            for field, message in services.record_validate(self.record_input()).items():
                self.add_error(field, message)
        return cleaned


class ImportForm(forms.Form):
    file = forms.FileField(label=_("CSV-Datei"), help_text=_("Spalten: employee, course, completed_at, passed, score, "
                                                             "session, notes"))


class RequirementForm(forms.Form):
    """The scope rule (at least one of role, department, touchpoint) is the service's: services.requirement_create."""

    competence = forms.ModelChoiceField(label=_("Kompetenz"), queryset=Competence.objects.all())
    level = forms.TypedChoiceField(label=_("geforderte Stufe"), choices=Level.choices, coerce=int)
    role = forms.ChoiceField(label=_("Rolle"), choices=[("", "---------"), *Role.choices], required=False)
    department = forms.ModelChoiceField(label=_("Abteilung"), queryset=Department.objects.all(), required=False)
    touchpoint = forms.ModelChoiceField(label=_("Kontaktpunkt"), queryset=Touchpoint.objects.all(), required=False)
