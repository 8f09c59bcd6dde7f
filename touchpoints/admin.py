from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import admin
from django.forms.models import BaseInlineFormSet
from django.http import HttpRequest

from touchpoints import services
from touchpoints.models import Journey, JourneyStage, JourneyStep, Touchpoint


@admin.register(JourneyStage)
class JourneyStageAdmin(admin.ModelAdmin):
    list_display = ["name", "slug", "order"]
    list_editable = ["order"]
    prepopulated_fields = {"slug": ["name"]}
    search_fields = ["name", "slug"]


@admin.register(Touchpoint)
class TouchpointAdmin(admin.ModelAdmin):
    list_display = ["name", "slug", "stage", "channel", "kind", "department", "is_key", "importance", "active"]
    list_filter = ["stage", "channel", "kind", "department", "is_key", "active"]
    list_select_related = ["stage", "department"]
    prepopulated_fields = {"slug": ["name"]}
    search_fields = ["name", "slug", "description"]


class JourneyStepInlineForm(forms.ModelForm):
    class Meta:
        model = JourneyStep
        fields = ["order", "touchpoint", "expectation"]

    def validate_unique(self) -> None:
        # Swapping two orders is legal: the formset checks duplicates among the submitted steps, and the
        # steps are replaced as a whole by services.journey_steps_set (see JourneyAdmin.save_formset).
        pass


@admin.register(Journey)
class JourneyAdmin(admin.ModelAdmin):
    list_display = ["name", "persona"]
    search_fields = ["name", "persona", "description"]

    class JourneyStepInline(admin.TabularInline):
        model = JourneyStep
        form = JourneyStepInlineForm
        extra = 1
        autocomplete_fields = ["touchpoint"]
        ordering = ["order"]

    inlines = [JourneyStepInline]

    def save_formset(self, request: HttpRequest, form: Any, formset: BaseInlineFormSet, change: bool) -> None:
        steps = [
            services.StepInput(
                touchpoint_id=f.cleaned_data["touchpoint"].pk,
                expectation=f.cleaned_data.get("expectation") or "",
                order=f.cleaned_data.get("order"),
            )
            for f in formset.forms
            if f.cleaned_data and not f.cleaned_data.get("DELETE") and f.cleaned_data.get("touchpoint")
        ]
        services.journey_steps_set(journey=form.instance, steps=steps)
        # The admin's change message reads these, which formset.save() would have set.
        formset.new_objects, formset.changed_objects, formset.deleted_objects = [], [], []
