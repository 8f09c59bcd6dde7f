"""Customer outcomes other apps offer for the training comparison, registered in their AppConfig.ready().

Team level (always on, minimum group size): fn(department_id, date_from, date_to) -> float | None, e.g. the
department's NPS or its complaint count. Individual level (only with a works-council agreement, § 87 (1) Nr. 6
BetrVG, settings.TRAINING_WORKS_COUNCIL_AGREEMENT): fn(employee_id, date_from, date_to) -> float | None.
Training never imports nps or complaints: those apps register here.
"""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Callable

logger = logging.getLogger(__name__)

Outcome = Callable[[int, dt.date, dt.date], float | None]

_team_outcomes: dict[str, Outcome] = {}
_employee_outcomes: dict[str, Outcome] = {}


def register_outcome(name: str, fn: Outcome) -> None:
    """Register a department-level figure (team comparison)."""
    _team_outcomes[name] = fn


def register_employee_outcome(name: str, fn: Outcome) -> None:
    """Register an employee-level figure; shown only when a works-council agreement is recorded."""
    _employee_outcomes[name] = fn


def unregister(name: str) -> None:
    _team_outcomes.pop(name, None)
    _employee_outcomes.pop(name, None)


def team_outcome_names() -> list[str]:
    return sorted(_team_outcomes)


def employee_outcome_names() -> list[str]:
    return sorted(_employee_outcomes)


def _evaluate(registry: dict[str, Outcome], key: int, date_from: dt.date, date_to: dt.date) -> dict[str, float | None]:
    values: dict[str, float | None] = {}
    for name in sorted(registry):
        try:
            value = registry[name](key, date_from, date_to)
        except Exception:
            # Another app's figure failing must not take the training pages down: show "no data" instead.
            logger.exception("training outcome failed", extra={"outcome": name})
            value = None
        values[name] = None if value is None else float(value)
    return values


def team_outcomes(department_id: int, date_from: dt.date, date_to: dt.date) -> dict[str, float | None]:
    return _evaluate(_team_outcomes, department_id, date_from, date_to)


def employee_outcomes(employee_id: int, date_from: dt.date, date_to: dt.date) -> dict[str, float | None]:
    return _evaluate(_employee_outcomes, employee_id, date_from, date_to)
