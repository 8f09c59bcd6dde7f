"""accounts.scoping: managers and agents see their department's records; the CCEO and admins see all."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import AnonymousUser

from accounts.scoping import can_see_department, scope_to_department
from tests.factories import TouchpointFactory, UserFactory
from touchpoints.models import Touchpoint

pytestmark = pytest.mark.django_db


@pytest.fixture
def touchpoints(department, other_department):
    return {
        "own": TouchpointFactory(department=department),
        "other": TouchpointFactory(department=other_department),
    }


@pytest.mark.parametrize("role", ["cceo", "cx_admin"])
def test_cceo_and_admins_see_every_department(request, role, touchpoints):
    user = request.getfixturevalue(role)
    assert set(scope_to_department(Touchpoint.objects.all(), user)) == set(touchpoints.values())


@pytest.mark.parametrize("role", ["manager", "agent", "trainer"])
def test_scoped_roles_see_only_their_department(request, role, touchpoints):
    user = request.getfixturevalue(role)
    assert list(scope_to_department(Touchpoint.objects.all(), user)) == [touchpoints["own"]]


def test_a_superuser_sees_everything_whatever_the_role_field_says(touchpoints, department):
    root = UserFactory(role="agent", department=department, is_superuser=True)
    assert scope_to_department(Touchpoint.objects.all(), root).count() == 2


def test_a_scoped_user_without_department_sees_nothing(touchpoints):
    loner = UserFactory(role="agent", department=None)
    assert not scope_to_department(Touchpoint.objects.all(), loner).exists()


def test_anonymous_sees_nothing(touchpoints):
    assert not scope_to_department(Touchpoint.objects.all(), AnonymousUser()).exists()
    assert not scope_to_department(Touchpoint.objects.all(), None).exists()


def test_the_lookup_path_can_follow_a_relation(touchpoints, agent):
    from tests.factories import JourneyStepFactory
    from touchpoints.models import JourneyStep

    own_step = JourneyStepFactory(touchpoint=touchpoints["own"])
    JourneyStepFactory(touchpoint=touchpoints["other"])
    scoped = scope_to_department(JourneyStep.objects.all(), agent, field="touchpoint__department")
    assert list(scoped) == [own_step]


def test_can_see_department(cceo, agent, department, other_department):
    assert can_see_department(cceo, other_department.pk)
    assert can_see_department(cceo, None)
    assert can_see_department(agent, department.pk)
    assert not can_see_department(agent, other_department.pk)
    assert not can_see_department(agent, None)
    assert not can_see_department(AnonymousUser(), department.pk)
