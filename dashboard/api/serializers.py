"""The summary API's output: the dashboard report as JSON (read only)."""

from __future__ import annotations

from typing import Any

from rest_framework import serializers

from dashboard import links
from dashboard.report import Report


class SummarySerializer(serializers.BaseSerializer):
    def to_representation(self, report: Report) -> dict[str, Any]:
        flt = report.flt
        return {
            "filters": {
                "date_from": flt.date_from.isoformat(),
                "date_to": flt.date_to.isoformat(),
                "department": flt.department_id,
                "segment": flt.segment or None,
                "journey": flt.journey_id,
            },
            "has_data": report.has_data,
            "kpis": report.kpis,
            "series": report.series,
            "root_causes": report.root_causes,
            "touchpoints": [
                {
                    "id": f.touchpoint.pk,
                    "name": f.touchpoint.name,
                    "slug": f.touchpoint.slug,
                    "health": f.level,
                    "nps": f.nps,
                    "complaints": f.row["complaints_opened"],
                    "interactions": f.row["interactions"],
                    "complaint_rate_percent": f.complaint_rate,
                    "feedback": f.feedback,
                    "negative_percent": f.negative_percent,
                    "emotion": f.emotion,
                    "importance": None if f.importance is None else round(f.importance, 3),
                    "importance_source": f.importance_source,
                    "quadrant": f.quadrant,
                }
                for f in report.touchpoints
            ],
            "matrix": {group["key"]: [f.touchpoint.pk for f in group["touchpoints"]] for group in report.matrix()},
            "drilldown": {key: value["api"] for key, value in links.drilldowns(flt).items()},
        }
