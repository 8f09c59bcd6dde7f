"""The dashboard's filter form, shared by the page (form errors) and the summary API (400 with field messages)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from accounts.models import Department
from core.api.fields import MAX_ID_DIGITS
from dashboard.models import DailyRollup
from touchpoints.models import Journey

PERIODS = [
    ("7", _("letzte 7 Tage")),
    ("30", _("letzte 30 Tage")),
    ("90", _("letzte 90 Tage")),
    ("365", _("letzte 12 Monate")),
    ("custom", _("eigener Zeitraum")),
]
DEFAULT_PERIOD = "90"
MAX_DAYS = 3660


@dataclass(frozen=True)
class DashboardFilter:
    date_from: dt.date
    date_to: dt.date
    department_id: int | None = None
    segment: str = ""
    journey_id: int | None = None
    touchpoint_ids: tuple[int, ...] = field(default_factory=tuple)

    @property
    def days(self) -> int:
        return (self.date_to - self.date_from).days + 1

    def previous(self) -> DashboardFilter:
        """The period of the same length right before this one (for the change and its significance)."""
        last = self.date_from - dt.timedelta(days=1)
        return DashboardFilter(
            date_from=last - dt.timedelta(days=self.days - 1),
            date_to=last,
            department_id=self.department_id,
            segment=self.segment,
            journey_id=self.journey_id,
            touchpoint_ids=self.touchpoint_ids,
        )

    def query(self) -> dict[str, str]:
        """The filter as query parameters of the dashboard (exports, snapshot, API)."""
        params = {"period": "custom", "date_from": self.date_from.isoformat(), "date_to": self.date_to.isoformat()}
        if self.department_id:
            params["department"] = str(self.department_id)
        if self.segment:
            params["segment"] = self.segment
        if self.journey_id:
            params["journey"] = str(self.journey_id)
        return params


def _too_long(text: str) -> bool:
    digits = text.strip().lstrip("+-")
    return digits.isdigit() and len(digits) > MAX_ID_DIGITS


class RelationChoiceField(forms.ModelChoiceField):
    """An id too long for the database's integer, or a NUL byte, is an unknown choice (400), not a database error."""

    def to_python(self, value: Any) -> Any:
        text = "" if value is None else str(value)
        if "\x00" in text or _too_long(text):
            raise forms.ValidationError(self.error_messages["invalid_choice"], code="invalid_choice")
        return super().to_python(value)


class DashboardFilterForm(forms.Form):
    """The platform's filter names (core.filters): `department` by id or `department_slug`, `date_from`/`date_to`
    local and inclusive; `period` picks the last 7/30/90/365 days when no dates are given."""

    period = forms.ChoiceField(label=_("Zeitraum"), choices=PERIODS, required=False)
    date_from = forms.DateField(label=_("von"), required=False, widget=forms.DateInput(attrs={"type": "date"}))
    date_to = forms.DateField(label=_("bis"), required=False, widget=forms.DateInput(attrs={"type": "date"}))
    department = RelationChoiceField(
        label=_("Abteilung"), queryset=Department.objects.order_by("name"), required=False,
        empty_label=_("alle Abteilungen"),
    )
    department_slug = RelationChoiceField(
        label=_("Abteilung (Kürzel)"), queryset=Department.objects.order_by("name"), required=False,
        to_field_name="slug", widget=forms.HiddenInput,
    )
    segment = forms.ChoiceField(label=_("Segment"), required=False)
    journey = RelationChoiceField(
        label=_("Kundenreise"), queryset=Journey.objects.order_by("name"), required=False,
        empty_label=_("alle Kundenreisen"),
    )

    def __init__(self, *args: Any, user: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.user = user
        if not user.sees_all_departments:
            # Managers see their own department only; another id is an invalid choice (no leak of existence).
            department_field: Any = self.fields["department"]
            department_field.queryset = Department.objects.filter(pk=user.department_id)
            department_field.empty_label = None
            slug_field: Any = self.fields["department_slug"]
            slug_field.queryset = Department.objects.filter(pk=user.department_id)
        segments = (
            DailyRollup.objects.exclude(segment="").order_by("segment").values_list("segment", flat=True).distinct()
        )
        segment_field: Any = self.fields["segment"]
        segment_field.choices = [("", _("alle Segmente")), *((s, s) for s in segments)]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        by_slug = data.get("department_slug")
        if by_slug is not None:
            if data.get("department") not in (None, by_slug):
                self.add_error("department_slug", _("Die Abteilung und ihr Kürzel widersprechen sich."))
            data["department"] = data.get("department") or by_slug
        date_from, date_to = data.get("date_from"), data.get("date_to")
        if data.get("period") == "custom" and not (date_from and date_to):
            self.add_error("date_from", _("Bitte geben Sie für einen eigenen Zeitraum Start- und Enddatum an."))
            return data
        if date_from and date_to and date_from > date_to:
            self.add_error("date_to", _("Das Enddatum liegt vor dem Startdatum."))
            return data
        try:
            start, end = self._period(data)
            start - dt.timedelta(days=(end - start).days + 1)  # the comparison period must exist too
        except OverflowError:
            start, end = dt.date.min, dt.date.max
        if (end - start).days + 1 > MAX_DAYS:
            self.add_error("date_to" if date_to else "date_from", _("Der Zeitraum darf höchstens zehn Jahre umfassen."))
        return data

    @staticmethod
    def _period(data: dict[str, Any]) -> tuple[dt.date, dt.date]:
        """The period the fields describe: both dates, one date (up to today / the default length), or a preset."""
        today = timezone.localdate()
        if data.get("date_from") and data.get("date_to"):
            return data["date_from"], data["date_to"]
        if data.get("date_from"):
            return data["date_from"], max(today, data["date_from"])
        if data.get("date_to"):
            return data["date_to"] - dt.timedelta(days=int(DEFAULT_PERIOD) - 1), data["date_to"]
        days = int(data.get("period") or DEFAULT_PERIOD) if data.get("period") != "custom" else int(DEFAULT_PERIOD)
        return today - dt.timedelta(days=days - 1), today

    def to_filter(self) -> DashboardFilter:
        """The validated filter; call only after is_valid()."""
        data = self.cleaned_data
        date_from, date_to = self._period(data)
        department = data.get("department")
        if department is None and not self.user.sees_all_departments:
            department_id = self.user.department_id
        else:
            department_id = department.pk if department else None
        journey = data.get("journey")
        touchpoint_ids: tuple[int, ...] = ()
        if journey is not None:
            touchpoint_ids = tuple(sorted(set(journey.steps.values_list("touchpoint_id", flat=True)))) or (0,)
        return DashboardFilter(
            date_from=date_from,
            date_to=date_to,
            department_id=department_id,
            segment=data.get("segment") or "",
            journey_id=journey.pk if journey else None,
            touchpoint_ids=touchpoint_ids,
        )
