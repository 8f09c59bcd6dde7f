"""Who may do what: the access policy of every API route and staff page, one row per route name.

The access-matrix test (test_access_matrix.py) takes the list of routes from the URL conf and the routers and
checks every route, method and role against the row here; a route without a row fails the test, so a new endpoint
or page cannot ship without a decision. Rows name role sets from accounts.roles, never single roles, and the
world key (tests/platform/world.py) of department B's record that detail routes are opened with.

`hidden_from` lists the users of department A (or, for individual training data, everyone without the right)
who may use the route but must never see or change department B's record: a detail route answers them 404, a list
leaves the record out. `leak` checks an aggregate (summary, stats) for B's data instead.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from accounts import roles
from accounts.roles import RoleSet

IN_A = frozenset({"manager_a", "agent_a"})
NOBODY: RoleSet = frozenset()


@dataclass(frozen=True)
class Api:
    read: RoleSet
    write: RoleSet = roles.ADMINS
    obj: str | None = None  # world key of B's record for detail routes
    hidden_from: frozenset[str] = frozenset()
    actions: dict[str, RoleSet] = field(default_factory=dict)  # viewset action → roles (any method)
    kwargs: dict[str, str] = field(default_factory=dict)  # extra URL kwarg → world key
    leak: Callable[[Any], bool] | None = None  # True when the body shows B's data


def _no_responses(body: Any) -> bool:
    return bool(body.get("responses"))


def _complaint_stats_leak(body: Any) -> bool:
    return bool(body.get("kpis", body).get("received", 0)) if isinstance(body, dict) else False


def _gaps_leak(body: Any) -> bool:
    return any(row.get("username") == "agent_b" for row in body.get("employees", []))


API: dict[str, Api] = {
    # accounts
    "department": Api(read=roles.EVERYONE, obj="department_b"),
    "user": Api(read=roles.EVERYONE, obj="user_b", hidden_from=IN_A),
    # touchpoints (configuration every staff role reads)
    "touchpoints-journey-stage": Api(read=roles.EVERYONE, obj="stage"),
    "touchpoints-touchpoint": Api(read=roles.EVERYONE, obj="touchpoint_b"),
    "touchpoints-journey": Api(read=roles.EVERYONE, obj="journey"),
    # customers (the data pool is company-wide; interactions belong to the touchpoint's department)
    "customers-customer": Api(
        read=roles.CX_STAFF,
        write=roles.CASE_WORKERS,
        obj="customer",
        actions={"destroy": roles.ADMINS, "export": roles.OVERSEERS, "erase": roles.ADMINS, "import_csv": roles.ADMINS},
    ),
    "customers-import-job": Api(read=roles.ADMINS, obj="import_job"),
    "customers-interaction": Api(
        read=roles.CX_STAFF, write=roles.CASE_WORKERS, obj="interaction_b", hidden_from=IN_A
    ),
    # core
    "core-webhook": Api(read=roles.ADMINS, obj="webhook"),
    "core-webhook-delivery": Api(read=roles.ADMINS, obj="webhook_delivery"),
    "core-event-type": Api(read=roles.ADMINS),
    # nps
    "nps-survey": Api(read=roles.CX_STAFF, obj="survey"),
    "nps-trigger-rule": Api(read=roles.CX_STAFF, obj="trigger_rule"),
    "nps-campaign": Api(read=roles.OVERSEERS, obj="campaign"),
    "nps-invitation": Api(read=roles.OVERSEERS, obj="invitation_b"),
    "nps-response": Api(read=roles.CX_STAFF, obj="response_b", hidden_from=IN_A),
    "nps-summary": Api(read=roles.CX_STAFF, hidden_from=IN_A, leak=_no_responses),
    # complaints
    "complaints-category": Api(read=roles.EVERYONE, obj="category"),
    "complaints-root-cause": Api(read=roles.EVERYONE, obj="root_cause"),
    "complaints-sla-policy": Api(read=roles.EVERYONE, obj="sla_policy"),
    "complaints-calendar": Api(read=roles.EVERYONE, obj="calendar"),
    "complaints-case": Api(
        read=roles.CX_STAFF,
        write=roles.CASE_WORKERS,
        obj="case_b",
        hidden_from=IN_A,
        actions={"bulk_assign": roles.LEADS, "stats": roles.CX_STAFF},
        kwargs={"attachment_id": "attachment_b"},
    ),
    # feedback
    "feedback": Api(read=roles.CX_STAFF, write=roles.CASE_WORKERS, obj="feedback_b", hidden_from=IN_A),
    "feedback-topic": Api(read=roles.EVERYONE, obj="topic"),
    "feedback-improvement": Api(read=roles.CX_STAFF, write=roles.LEADS, obj="improvement_b", hidden_from=IN_A),
    # training (records are individual data: the employee, their managers, trainers and admins)
    "training-competence": Api(read=roles.EVERYONE, write=roles.TRAINING_MANAGERS, obj="competence"),
    "training-course": Api(read=roles.EVERYONE, write=roles.TRAINING_MANAGERS, obj="course"),
    "training-session": Api(
        read=roles.EVERYONE, write=roles.TRAINING_MANAGERS, obj="session", actions={"enrol": roles.EVERYONE}
    ),
    "training-record": Api(
        read=roles.EVERYONE,
        write=roles.TRAINING_MANAGERS,
        obj="record_b",
        hidden_from=frozenset({"cceo", "manager_a", "agent_a"}),
    ),
    "training-requirement": Api(read=roles.EVERYONE, write=roles.TRAINING_MANAGERS, obj="requirement"),
    "training-gaps": Api(read=roles.TRAINING_TEAM_VIEWERS, hidden_from=frozenset({"manager_a"}), leak=_gaps_leak),
    "training-comparison": Api(read=roles.TRAINING_TEAM_VIEWERS),
    # the works-council gate is off in tests: nobody gets individual outcomes
    "training-employee-outcomes": Api(read=NOBODY, obj="user_b"),
    # dashboard
    "dashboard-summary": Api(read=roles.DASHBOARD_READERS, hidden_from=frozenset({"manager_a"})),
}


@dataclass(frozen=True)
class Page:
    roles: RoleSet
    methods: tuple[str, ...] = ("GET",)
    kwargs: dict[str, str] = field(default_factory=dict)  # URL kwarg → world key (slug kwargs use the slug)
    hidden_from: frozenset[str] = frozenset()
    extra: dict[str, str] = field(default_factory=dict)  # constant URL kwargs


PUBLIC_PAGES = frozenset(
    {
        "nps_public:answer", "nps_public:opt-out", "complaints_public:new", "complaints_public:status",
        "feedback_public:form", "feedback_public:form-embed", "feedback_public:thanks", "feedback_public:thanks-embed",
        "core:healthz", "core:favicon", "accounts:login", "accounts:logout", "set_language",
        "customers:consent-confirm",
        "customers:consent-withdraw", "schema", "api-docs", "api:auth-token",
    }
)  # fmt: skip

PK = {"pk": ""}


def _pk(key: str) -> dict[str, str]:
    return {"pk": key}


PAGES: dict[str, Page] = {
    "core:home": Page(roles.EVERYONE),
    "core:outbox": Page(roles.OVERSEERS),
    "core:outbox-detail": Page(roles.OVERSEERS, kwargs=_pk("outbox_email")),
    "core:webhooks": Page(roles.ADMINS),
    "core:webhook-create": Page(roles.ADMINS, methods=("GET", "POST")),
    "core:webhook-detail": Page(roles.ADMINS, kwargs=_pk("webhook")),
    "core:webhook-edit": Page(roles.ADMINS, methods=("GET", "POST"), kwargs=_pk("webhook")),
    "core:webhook-delete": Page(roles.ADMINS, methods=("GET", "POST"), kwargs=_pk("webhook")),
    "core:webhook-redeliver": Page(roles.ADMINS, methods=("POST",), kwargs=_pk("webhook_delivery")),
    "accounts:password-change": Page(roles.EVERYONE, methods=("GET", "POST")),
    "accounts:password-changed": Page(roles.EVERYONE),
    "customers:list": Page(roles.CX_STAFF),
    "customers:create": Page(roles.CASE_WORKERS, methods=("GET", "POST")),
    "customers:detail": Page(roles.CX_STAFF, kwargs=_pk("customer")),
    "customers:edit": Page(roles.CASE_WORKERS, methods=("GET", "POST"), kwargs=_pk("customer")),
    "customers:consent-request": Page(roles.CASE_WORKERS, methods=("POST",), kwargs=_pk("customer")),
    "customers:consent-documented": Page(roles.ADMINS, methods=("GET", "POST"), kwargs=_pk("customer")),
    "customers:consent-withdraw-staff": Page(roles.CASE_WORKERS, methods=("POST",), kwargs=_pk("customer")),
    "customers:export": Page(roles.OVERSEERS, kwargs=_pk("customer")),
    "customers:erase": Page(roles.ADMINS, methods=("GET", "POST"), kwargs=_pk("customer")),
    "customers:import": Page(roles.ADMINS, methods=("GET", "POST")),
    "customers:import-job": Page(roles.ADMINS, kwargs=_pk("import_job")),
    "customers:import-job-status": Page(roles.ADMINS, kwargs=_pk("import_job")),
    "touchpoints:list": Page(roles.EVERYONE),
    "touchpoints:detail": Page(roles.EVERYONE, kwargs=_pk("touchpoint_b")),
    "touchpoints:journey-map": Page(roles.EVERYONE),
    "touchpoints:create": Page(roles.ADMINS, methods=("GET", "POST")),
    "touchpoints:edit": Page(roles.ADMINS, methods=("GET", "POST"), kwargs=_pk("touchpoint_b")),
    "touchpoints:stage-list": Page(roles.ADMINS, methods=("GET", "POST")),
    "touchpoints:stage-edit": Page(roles.ADMINS, methods=("GET", "POST"), kwargs=_pk("stage")),
    "touchpoints:stage-move": Page(roles.ADMINS, methods=("POST",), kwargs=_pk("stage")),
    "touchpoints:journey-list": Page(roles.ADMINS),
    "touchpoints:journey-create": Page(roles.ADMINS, methods=("GET", "POST")),
    "touchpoints:journey-edit": Page(roles.ADMINS, methods=("GET", "POST"), kwargs=_pk("journey")),
    "touchpoints:journey-steps": Page(roles.ADMINS, methods=("POST",), kwargs=_pk("journey")),
    "touchpoints:journey-delete": Page(roles.ADMINS, methods=("POST",), kwargs=_pk("journey")),
    "nps:survey-list": Page(roles.CX_STAFF),
    "nps:survey-detail": Page(roles.CX_STAFF, kwargs=_pk("survey")),
    "nps:campaign-list": Page(roles.OVERSEERS),
    "nps:campaign-create": Page(roles.ADMINS, methods=("GET", "POST")),
    "nps:campaign-detail": Page(roles.OVERSEERS, kwargs=_pk("campaign")),
    "nps:campaign-launch": Page(roles.ADMINS, methods=("POST",), kwargs=_pk("campaign")),
    "nps:campaign-progress": Page(roles.OVERSEERS, kwargs=_pk("campaign")),
    "nps:response-list": Page(roles.CX_STAFF),
    "complaints:list": Page(roles.CX_STAFF),
    "complaints:create": Page(roles.CASE_WORKERS, methods=("GET", "POST")),
    "complaints:bulk-assign": Page(roles.LEADS, methods=("POST",)),
    "complaints:stats": Page(roles.CX_STAFF),
    "complaints:customer-search": Page(roles.CASE_WORKERS),
    "complaints:detail": Page(roles.CX_STAFF, kwargs=_pk("case_b"), hidden_from=IN_A),
    "complaints:transition": Page(roles.CASE_WORKERS, methods=("POST",), kwargs=_pk("case_b"), hidden_from=IN_A),
    "complaints:note": Page(roles.CASE_WORKERS, methods=("POST",), kwargs=_pk("case_b"), hidden_from=IN_A),
    "complaints:edit": Page(roles.CASE_WORKERS, methods=("POST",), kwargs=_pk("case_b"), hidden_from=IN_A),
    "complaints:resolution": Page(roles.CASE_WORKERS, methods=("POST",), kwargs=_pk("case_b"), hidden_from=IN_A),
    "complaints:attachment-upload": Page(
        roles.CASE_WORKERS, methods=("POST",), kwargs=_pk("case_b"), hidden_from=IN_A
    ),
    "complaints:attachment": Page(
        roles.CX_STAFF, kwargs={"pk": "case_b", "attachment_id": "attachment_b"}, hidden_from=IN_A
    ),
    "complaints:merge": Page(roles.CASE_WORKERS, methods=("POST",), kwargs=_pk("case_b"), hidden_from=IN_A),
    "feedback:list": Page(roles.CX_STAFF),
    "feedback:create": Page(roles.CASE_WORKERS, methods=("GET", "POST")),
    "feedback:detail": Page(roles.CX_STAFF, methods=("GET", "POST"), kwargs=_pk("feedback_b"), hidden_from=IN_A),
    "feedback:action-list": Page(roles.CX_STAFF),
    "feedback:action-create": Page(roles.LEADS, methods=("GET", "POST")),
    "feedback:action-detail": Page(roles.CX_STAFF, kwargs=_pk("improvement_b"), hidden_from=IN_A),
    "feedback:action-edit": Page(roles.LEADS, methods=("GET", "POST"), kwargs=_pk("improvement_b"), hidden_from=IN_A),
    "feedback:action-transition": Page(
        roles.LEADS, methods=("POST",), kwargs=_pk("improvement_b"), hidden_from=IN_A
    ),
    "feedback:action-link-feedback": Page(
        roles.LEADS, methods=("POST",), kwargs=_pk("improvement_b"), hidden_from=IN_A
    ),
    "feedback:action-link-object": Page(
        roles.LEADS, methods=("POST",), kwargs=_pk("improvement_b"), hidden_from=IN_A
    ),
    "feedback:poster-list": Page(roles.CX_STAFF),
    "feedback:poster-png": Page(roles.CX_STAFF, kwargs={"slug": "touchpoint_b"}, hidden_from=IN_A),
    "feedback:poster-pdf": Page(
        roles.CX_STAFF, kwargs={"slug": "touchpoint_b"}, hidden_from=IN_A, extra={"size": "a4"}
    ),
    "training:my": Page(roles.EVERYONE),
    "training:gaps": Page(roles.TRAINING_TEAM_VIEWERS),
    "training:employee": Page(
        roles.EVERYONE, kwargs=_pk("user_b"), hidden_from=frozenset({"cceo", "manager_a", "agent_a"})
    ),
    "training:certificate": Page(
        roles.EVERYONE, kwargs=_pk("record_b"), hidden_from=frozenset({"cceo", "manager_a", "agent_a"})
    ),
    "training:enrol-self": Page(roles.EVERYONE, methods=("POST",), kwargs=_pk("session")),
    "training:courses": Page(roles.TRAINING_MANAGERS),
    "training:course-new": Page(roles.TRAINING_MANAGERS, methods=("GET", "POST")),
    "training:course-edit": Page(roles.TRAINING_MANAGERS, methods=("GET", "POST"), kwargs=_pk("course")),
    "training:sessions": Page(roles.TRAINING_MANAGERS, methods=("GET", "POST")),
    "training:session": Page(roles.TRAINING_MANAGERS, methods=("GET", "POST"), kwargs=_pk("session")),
    "training:record-new": Page(roles.TRAINING_MANAGERS, methods=("GET", "POST")),
    "training:import": Page(roles.TRAINING_MANAGERS, methods=("GET", "POST")),
    "training:requirements": Page(roles.TRAINING_MANAGERS, methods=("GET", "POST")),
    "dashboard:index": Page(roles.DASHBOARD_READERS),
    "dashboard:export": Page(roles.DASHBOARD_READERS, extra={"table": "kpis", "fmt": "csv"}),
    "dashboard:snapshot": Page(roles.DASHBOARD_READERS),
    "dashboard:digest": Page(roles.DASHBOARD_READERS, methods=("POST",)),
}
