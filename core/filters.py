"""The platform's one way to filter a list (DESIGN.md, "Conventions"), for the pages and the API alike.

- A relation is filtered by id under its own name (`?touchpoint=12`, repeatable: `?touchpoint=12&touchpoint=14`)
  and by slug with a `_slug` suffix (`?touchpoint_slug=kasse-hamburg`): `relation()` and `relation_slug()`.
- A period is `date_from` / `date_to`: local dates, inclusive (core.dates), on the list's `date_field`.
- Yes/no filters accept true/false (1/0, yes/no) and refuse anything else with a 400 (`StrictBooleanFilter`).
- Unknown ids, slugs, choices and malformed dates are a 400 with the field's message, never a silent "all".
"""

from __future__ import annotations

from typing import Any, ClassVar

import django_filters
from django import forms
from django.core.validators import ProhibitNullCharactersValidator
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _
from django_filters.conf import settings as filter_settings

from core.api.fields import MAX_ID_DIGITS
from core.dates import day_end, day_start


class StrictBooleanField(forms.NullBooleanField):
    """Like the usual yes/no filter, but an unknown value is an error (400) instead of being ignored."""

    widget = forms.Select(choices=[("", _("alle")), ("true", _("ja")), ("false", _("nein"))])
    TRUE = frozenset({"true", "1", "yes", "on"})
    FALSE = frozenset({"false", "0", "no", "off"})

    def to_python(self, value: Any) -> bool | None:  # type: ignore[override]
        if value in (None, ""):
            return None
        if isinstance(value, bool):
            return value
        text = str(value).lower()
        if text in self.TRUE:
            return True
        if text in self.FALSE:
            return False
        raise forms.ValidationError(_("Bitte geben Sie true oder false an."), code="invalid")

    def validate(self, value: Any) -> None:
        pass


class StrictBooleanFilter(django_filters.BooleanFilter):
    field_class = StrictBooleanField


class SafeCharField(forms.CharField):
    """Text filters refuse NUL bytes (PostgreSQL cannot compare them) with a 400."""

    default_validators = [ProhibitNullCharactersValidator()]


class TextFilter(django_filters.CharFilter):
    field_class = SafeCharField


class RelationField(forms.ModelMultipleChoiceField):
    """Refuses an id too long for the database's integer (SQLite: OverflowError) and NUL bytes with a 400."""

    def clean(self, value: Any) -> Any:
        for item in value if isinstance(value, list | tuple) else ():
            text = str(item)
            too_long = len(text) > (MAX_ID_DIGITS if self.to_field_name is None else 200)
            if too_long or "\x00" in text:
                raise forms.ValidationError(
                    self.error_messages["invalid_pk_value"],
                    code="invalid_pk_value",
                    params={"pk": text[:80].replace("\x00", "")},
                )
        return super().clean(value)


class RelationFilter(django_filters.ModelMultipleChoiceFilter):
    field_class = RelationField


def relation(queryset: Any, *, label: Any, field_name: str | None = None, **kwargs: Any) -> Any:
    """Filter by the related object's id (one or several)."""
    return RelationFilter(
        queryset=queryset, label=label, field_name=field_name, distinct=kwargs.pop("distinct", False), **kwargs
    )


class SlugRelationFilter(RelationFilter):
    """Looks the objects up by slug, then filters on the relation itself (`touchpoint=<object>`), not on
    `touchpoint=<slug>`, which django-filter would do for a `to_field_name`."""

    def get_filter_predicate(self, v: Any) -> dict[str, Any]:
        name = self.field_name
        if name and self.lookup_expr != filter_settings.DEFAULT_LOOKUP_EXPR:
            name = f"{name}__{self.lookup_expr}"
        return {name: v}


def relation_slug(queryset: Any, *, label: Any, field_name: str | None = None, **kwargs: Any) -> Any:
    """Filter by the related object's slug (one or several); the filter's name ends in `_slug`."""
    return SlugRelationFilter(
        queryset=queryset,
        label=label,
        field_name=field_name,
        to_field_name="slug",
        distinct=kwargs.pop("distinct", False),
        **kwargs,
    )


class FilterForm(forms.Form):
    """The form behind every filter set: a period that ends before it starts is an error on `date_to`."""

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        start, end = data.get("date_from"), data.get("date_to")
        if start and end and start > end:
            self.add_error("date_to", _("Das Enddatum liegt vor dem Startdatum."))
        return data


class FilterSet(django_filters.FilterSet):
    """Base of every filter set. Subclasses with a period set `date_field` (the datetime or date they filter on)."""

    date_field: ClassVar[str | None] = None

    date_from = django_filters.DateFilter(label=_("von"), method="filter_date_from")
    date_to = django_filters.DateFilter(label=_("bis"), method="filter_date_to")

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if self.date_field is None:
            self.filters.pop("date_from", None)
            self.filters.pop("date_to", None)

    def get_form_class(self) -> type[forms.Form]:
        form_class = super().get_form_class()
        if issubclass(form_class, FilterForm):
            return form_class
        return type(form_class.__name__, (form_class, FilterForm), {})

    def _date_only(self) -> bool:
        assert self.date_field is not None  # noqa: S101 (the period filters exist only with a date field)
        model: Any = self._meta.model
        field: Any = None
        for part in self.date_field.split("__"):
            field = model._meta.get_field(part)
            model = field.related_model if field.is_relation else model
        return field.get_internal_type() == "DateField"

    def filter_date_from(self, queryset: QuerySet[Any], name: str, value: Any) -> QuerySet[Any]:
        bound = value if self._date_only() else day_start(value)
        return queryset.filter(**{f"{self.date_field}__gte": bound})

    def filter_date_to(self, queryset: QuerySet[Any], name: str, value: Any) -> QuerySet[Any]:
        if self._date_only():
            return queryset.filter(**{f"{self.date_field}__lte": value})
        return queryset.filter(**{f"{self.date_field}__lt": day_end(value)})
