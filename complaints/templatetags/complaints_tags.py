from __future__ import annotations

from django import template

from complaints.choices import CaseStatus

register = template.Library()


@register.filter
def status_label(value: str) -> str:
    return str(dict(CaseStatus.choices).get(value, value))
