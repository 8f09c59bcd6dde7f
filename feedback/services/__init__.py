"""Writes with rules for feedback and improvement actions (see feedback_services and action_services)."""

from feedback.services.action_services import (
    action_create,
    action_delete,
    action_link_feedback,
    action_link_object,
    action_notify_contacts,
    action_transition,
    action_unlink_feedback,
    action_unlink_object,
    action_update,
)
from feedback.services.feedback_services import (
    feedback_create,
    feedback_erase_for_customer,
    feedback_request_survey_consent,
    feedback_retag_topics,
    feedback_update,
)
from feedback.services.topic_services import topic_create, topic_delete, topic_update

__all__ = [
    "action_create",
    "action_delete",
    "action_link_feedback",
    "action_link_object",
    "action_notify_contacts",
    "action_transition",
    "action_unlink_feedback",
    "action_unlink_object",
    "action_update",
    "feedback_create",
    "feedback_erase_for_customer",
    "feedback_request_survey_consent",
    "feedback_retag_topics",
    "feedback_update",
    "topic_create",
    "topic_delete",
    "topic_update",
]
