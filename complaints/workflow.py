"""The case status workflow: which status may follow which (a plain table, no database)."""

from __future__ import annotations

from complaints.choices import CaseStatus as S

TRANSITIONS: dict[str, frozenset[str]] = {
    S.NEW: frozenset({S.ACKNOWLEDGED, S.IN_PROGRESS, S.RESOLVED, S.REJECTED}),
    S.ACKNOWLEDGED: frozenset({S.IN_PROGRESS, S.WAITING_ON_CUSTOMER, S.RESOLVED, S.REJECTED}),
    S.IN_PROGRESS: frozenset({S.WAITING_ON_CUSTOMER, S.RESOLVED, S.REJECTED}),
    S.WAITING_ON_CUSTOMER: frozenset({S.IN_PROGRESS, S.RESOLVED, S.REJECTED}),
    S.RESOLVED: frozenset({S.CLOSED, S.REOPENED}),
    S.CLOSED: frozenset({S.REOPENED}),
    S.REOPENED: frozenset({S.IN_PROGRESS, S.WAITING_ON_CUSTOMER, S.RESOLVED, S.REJECTED}),
    S.REJECTED: frozenset({S.REOPENED, S.CLOSED}),
    S.MERGED: frozenset(),
}

# Transitions that need a written reason.
REASON_REQUIRED = frozenset({S.REJECTED, S.REOPENED})
# Leaving NEW in any of these ways counts as the first response to the customer.
FIRST_RESPONSE_TARGETS = frozenset({S.ACKNOWLEDGED, S.IN_PROGRESS, S.RESOLVED, S.REJECTED, S.WAITING_ON_CUSTOMER})


def allowed_targets(status: str) -> list[str]:
    order = list(S.values)
    return sorted(TRANSITIONS.get(status, frozenset()), key=order.index)


def can_transition(status: str, target: str) -> bool:
    return target in TRANSITIONS.get(status, frozenset())
