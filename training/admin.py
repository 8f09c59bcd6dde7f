from django.contrib import admin

from training.models import (
    Competence,
    Course,
    CourseCompetence,
    Enrolment,
    ReminderLog,
    Requirement,
    TrainingRecord,
    TrainingSession,
)


@admin.register(Competence)
class CompetenceAdmin(admin.ModelAdmin):
    list_display = ["name", "category"]
    list_filter = ["category"]
    search_fields = ["name"]


class CourseCompetenceInline(admin.TabularInline):
    model = CourseCompetence
    extra = 1


@admin.register(Course)
class CourseAdmin(admin.ModelAdmin):
    list_display = ["title", "format", "duration_hours", "validity_months", "active"]
    list_filter = ["format", "active"]
    search_fields = ["title"]
    inlines = [CourseCompetenceInline]


class EnrolmentInline(admin.TabularInline):
    model = Enrolment
    extra = 0
    raw_id_fields = ["employee"]


@admin.register(TrainingSession)
class TrainingSessionAdmin(admin.ModelAdmin):
    list_display = ["course", "date", "trainer", "location", "seats"]
    list_filter = ["course"]
    date_hierarchy = "date"
    inlines = [EnrolmentInline]


@admin.register(TrainingRecord)
class TrainingRecordAdmin(admin.ModelAdmin):
    list_display = ["employee", "course", "completed_at", "passed", "expires_at"]
    list_filter = ["course", "passed"]
    raw_id_fields = ["employee", "session"]
    readonly_fields = ["expires_at", "certificate", "created_by", "created_at"]


@admin.register(Requirement)
class RequirementAdmin(admin.ModelAdmin):
    list_display = ["competence", "level", "role", "department", "touchpoint"]
    list_filter = ["role", "department", "competence"]


@admin.register(ReminderLog)
class ReminderLogAdmin(admin.ModelAdmin):
    list_display = ["kind", "record", "recipient", "period", "sent_at"]
    list_filter = ["kind"]
    readonly_fields = ["kind", "record", "recipient", "period", "sent_at"]
