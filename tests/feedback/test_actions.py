"""Improvement actions: workflow, links, "you said, we did" emails, before/after figures."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from customers.models import SuppressedAddress
from customers.selectors import email_hash
from feedback import impact, services
from feedback.models import ActionNotice, Feedback
from tests.factories import CustomerFactory, DepartmentFactory
from tests.feedback.factories import FeedbackFactory, ImprovementActionFactory
from touchpoints.models import Touchpoint

pytestmark = pytest.mark.django_db


def _feedback(touchpoint: Touchpoint, **kwargs: Any) -> Feedback:
    kwargs.setdefault("kind", "criticism")
    kwargs.setdefault("text", "Die Wartezeit an der Kasse war viel zu lang.")
    kwargs.setdefault("channel", "qr_code")
    return services.feedback_create(touchpoint=touchpoint, **kwargs)


def _walk_to_done(action: Any, user: Any, capture: Any) -> Any:
    services.action_transition(actor=user, action=action, to="planned")
    services.action_transition(actor=user, action=action, to="in_progress")
    with capture(execute=True):
        return services.action_transition(actor=user, action=action, to="done")


def test_the_done_story_informs_the_customer_once(
    store: Touchpoint, manager: Any, mailoutbox: list, django_capture_on_commit_callbacks: Any
) -> None:
    item = _feedback(store, contact_email="erika@example.org", contact_consent=True)
    action = services.action_create(
        title="Zweite Kasse zu Stoßzeiten", department=store.department, actor=manager, feedback=[item]
    )
    item.refresh_from_db()
    assert item.status == "actioned"
    assert list(action.touchpoints.all()) == [store]

    action = _walk_to_done(action, manager, django_capture_on_commit_callbacks)

    assert action.status == "done" and action.done_at is not None
    assert len(mailoutbox) == 1
    message = mailoutbox[0]
    assert message.to == ["erika@example.org"]
    assert "Zweite Kasse zu Stoßzeiten" in message.subject
    assert "Sie sagten, wir handelten" in message.subject
    assert "Zweite Kasse zu Stoßzeiten" in message.alternatives[0][0]
    item.refresh_from_db()
    assert item.status == "closed"
    notice = ActionNotice.objects.get()
    assert notice.status == "sent" and notice.sent_at is not None

    # running the job again (a retried task, a reopened and re-finished action) sends nothing more
    assert services.action_notify_contacts(action_id=action.pk) == {"sent": 0, "skipped": 0, "already": 1}
    services.action_transition(actor=manager, action=action, to="in_progress")
    with django_capture_on_commit_callbacks(execute=True):
        services.action_transition(actor=manager, action=action, to="done")
    assert len(mailoutbox) == 1


def test_the_email_goes_out_in_the_customers_language(
    store: Touchpoint, manager: Any, mailoutbox: list, django_capture_on_commit_callbacks: Any
) -> None:
    item = _feedback(
        store, text="The queue at the checkout was far too long.", contact_email="j@example.org", contact_consent=True
    )
    assert item.language == "en"
    action = services.action_create(title="Second till", department=store.department, actor=manager, feedback=[item])
    _walk_to_done(action, manager, django_capture_on_commit_callbacks)
    assert "You said, we did" in mailoutbox[0].subject
    assert "Thank you" in mailoutbox[0].body


def test_nobody_is_emailed_without_consent_or_when_suppressed(
    store: Touchpoint, manager: Any, mailoutbox: list, django_capture_on_commit_callbacks: Any
) -> None:
    no_consent = _feedback(store, contact_email="a@example.org", contact_consent=False)
    suppressed = _feedback(store, contact_email="b@example.org", contact_consent=True)
    SuppressedAddress.objects.create(email_hash=email_hash("b@example.org"), reason="opt_out")
    anonymous = _feedback(store)
    twice_1 = _feedback(store, contact_email="c@example.org", contact_consent=True)
    twice_2 = _feedback(store, contact_email="C@example.org", contact_consent=True)
    action = services.action_create(
        title="Kasse", department=store.department, actor=manager,
        feedback=[no_consent, suppressed, anonymous, twice_1, twice_2],
    )
    _walk_to_done(action, manager, django_capture_on_commit_callbacks)
    assert [m.to for m in mailoutbox] == [["c@example.org"]]
    reasons = dict(ActionNotice.objects.values_list("feedback_id", "reason"))
    assert reasons[no_consent.pk] == "no_consent"
    assert reasons[suppressed.pk] == "suppressed"
    assert reasons[anonymous.pk] == "no_consent"
    assert reasons[twice_2.pk] == "duplicate_address"


def test_a_known_customer_is_informed_at_their_profile_address(
    store: Touchpoint, manager: Any, mailoutbox: list, django_capture_on_commit_callbacks: Any
) -> None:
    customer = CustomerFactory(email="profil@example.org", language="en")
    item = _feedback(store, customer=customer, contact_consent=True, text="Kasse zu langsam")
    action = services.action_create(title="Tempo", department=store.department, actor=manager, feedback=[item])
    _walk_to_done(action, manager, django_capture_on_commit_callbacks)
    assert mailoutbox[0].to == ["profil@example.org"]


def test_the_workflow_refuses_skipping_steps(store: Touchpoint, manager: Any) -> None:
    action = services.action_create(title="Idee", department=store.department, actor=manager)
    with pytest.raises(ValidationError) as excinfo:
        services.action_transition(actor=manager, action=action, to="done")
    assert "to" in excinfo.value.message_dict
    with pytest.raises(ValidationError):
        services.action_transition(actor=manager, action=action, to="unknown")
    action.refresh_from_db()
    assert action.status == "idea"


def test_a_manager_cannot_create_actions_for_another_department(manager: Any, other_department: Any) -> None:
    with pytest.raises(ValidationError) as excinfo:
        services.action_create(title="Fremd", department=other_department, actor=manager)
    assert "department" in excinfo.value.message_dict


def test_an_empty_title_is_refused(manager: Any, department: Any) -> None:
    with pytest.raises(ValidationError) as excinfo:
        services.action_create(title="  ", department=department, actor=manager)
    assert "title" in excinfo.value.message_dict


def test_linking_rejects_unknown_types_and_missing_records(manager: Any, department: Any) -> None:
    action = ImprovementActionFactory(department=department)
    with pytest.raises(ValidationError):
        services.action_link_object(action=action, label="accounts.user", object_id=manager.pk, actor=manager)
    with pytest.raises(ValidationError) as excinfo:
        services.action_link_object(action=action, label="complaints.case", object_id=999_999, actor=manager)
    assert "object_id" in excinfo.value.message_dict


def test_before_and_after_counts_feedback_of_the_linked_touchpoints(store: Touchpoint, department: Any) -> None:
    pivot = timezone.now() - dt.timedelta(days=10)
    for days in (15, 12, 11):  # before: three items, all negative
        FeedbackFactory(touchpoint=store, sentiment="negative", created_at=pivot - dt.timedelta(days=days - 10))
    FeedbackFactory(touchpoint=store, sentiment="positive", rating=5, created_at=pivot + dt.timedelta(days=2))
    FeedbackFactory(touchpoint=store, sentiment="negative", created_at=pivot - dt.timedelta(days=30))  # outside
    result = impact.before_after([store.pk], pivot)
    rows = {row.name: row for row in result.rows}
    assert result.days == 10
    assert (rows["feedback_total"].before, rows["feedback_total"].after) == (3, 1)
    assert (rows["feedback_negative_share"].before, rows["feedback_negative_share"].after) == (100.0, 0.0)
    assert rows["feedback_negative_share"].improved is True
    assert rows["feedback_total"].improved is None


def test_other_apps_can_register_metrics(store: Touchpoint) -> None:
    calls: list[tuple[list[int], dt.datetime, dt.datetime]] = []

    def complaints_count(touchpoint_ids: Any, date_from: dt.datetime, date_to: dt.datetime) -> int:
        calls.append((list(touchpoint_ids), date_from, date_to))
        return 4 if date_to <= pivot else 1

    def broken(touchpoint_ids: Any, date_from: dt.datetime, date_to: dt.datetime) -> int:
        raise RuntimeError("boom")

    pivot = timezone.now() - dt.timedelta(days=5)
    impact.register_metric("test_complaints", complaints_count, label="Beschwerden", higher_is_better=False)
    impact.register_metric("test_broken", broken)
    try:
        result = impact.before_after([store.pk], pivot)
    finally:
        impact.unregister_metric("test_complaints")
        impact.unregister_metric("test_broken")
    row = next(r for r in result.rows if r.name == "test_complaints")
    assert (row.before, row.after, row.improved) == (4, 1, True)
    assert calls[0][0] == [store.pk] and calls[0][2] == pivot
    assert all(r.name != "test_broken" for r in result.rows)


def test_staff_corrections_are_recorded(store: Touchpoint, agent: Any) -> None:
    item = _feedback(store, kind="praise", text="Alles bestens")
    services.feedback_update(actor=agent, feedback=item, changes={"sentiment": "neutral", "topics": ["Preis"]})
    item.refresh_from_db()
    assert item.sentiment == "neutral" and item.sentiment_source == "staff"
    assert list(item.topics.values_list("name", flat=True)) == ["Preis"] and item.topics_source == "staff"
    assert sorted(item.corrections.values_list("field", flat=True)) == ["sentiment", "topics"]
    with pytest.raises(ValidationError):
        services.feedback_update(actor=agent, feedback=item, changes={"topics": ["Gibt es nicht"]})


def test_the_kind_tips_a_neutral_text(store: Touchpoint) -> None:
    assert _feedback(store, kind="criticism", text="Der Bon wurde nicht gedruckt").sentiment == "negative"
    assert _feedback(store, kind="praise", text="Danke an Frau Meier").sentiment == "positive"
    assert _feedback(store, kind="question", text="Wann öffnen Sie?").sentiment == "neutral"


def test_feedback_of_a_department_goes_to_the_touchpoints_department(db: Any) -> None:
    from tests.factories import TouchpointFactory

    department = DepartmentFactory(slug="lager")
    touchpoint = TouchpointFactory(department=department)
    assert _feedback(touchpoint).department == department


def test_a_complaint_case_of_the_department_can_be_linked(
    client: Any, manager: Any, store: Touchpoint, other_department: Any
) -> None:
    from complaints.models import Case

    own = Case.objects.create(
        reference="B-2026-900001", channel="store", touchpoint=store, description="Lange Wartezeit",
        department=store.department, created_at=timezone.now(),
    )
    foreign = Case.objects.create(
        reference="B-2026-900002", channel="phone", description="Anderes Team", department=other_department,
        created_at=timezone.now(),
    )
    action = ImprovementActionFactory(department=store.department)
    link = services.action_link_object(action=action, label="complaints.case", object_id=own.pk, actor=manager)
    assert link.target == own
    # linking twice keeps one link
    services.action_link_object(action=action, label="complaints.case", object_id=own.pk, actor=manager)
    assert action.links.count() == 1
    with pytest.raises(ValidationError) as excinfo:
        services.action_link_object(action=action, label="complaints.case", object_id=foreign.pk, actor=manager)
    assert "object_id" in excinfo.value.message_dict  # same answer as "does not exist"

    client.force_login(manager)
    html = client.get(f"/feedback/improvements/{action.pk}/").content.decode()
    assert "complaints.case #" in html and "B-2026-900001" in html
    own.delete()
    html = client.get(f"/feedback/improvements/{action.pk}/").content.decode()
    assert "nicht mehr vorhanden" in html


def test_editing_a_topic_retags_auto_tagged_feedback_only(
    client: Any, cx_admin: Any, store: Touchpoint, agent: Any, django_capture_on_commit_callbacks: Any
) -> None:
    from feedback.models import Topic

    auto = _feedback(store, kind="praise", text="Die Parkplätze sind super")
    corrected = _feedback(store, kind="praise", text="Parkplätze top")
    services.feedback_update(actor=agent, feedback=corrected, changes={"topics": ["Preis"]})
    assert not auto.topics.exists()
    cx_admin.is_superuser = True
    cx_admin.save()
    client.force_login(cx_admin)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            "/admin/feedback/topic/add/", {"name": "Parken", "keywords": "parkpl\nparking", "active": "on"}
        )
    assert response.status_code == 302
    assert list(auto.topics.values_list("name", flat=True)) == ["Parken"]
    assert list(corrected.topics.values_list("name", flat=True)) == ["Preis"]
    assert Topic.objects.filter(name="Parken").exists()
