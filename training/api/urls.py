from django.urls import path
from rest_framework.routers import DefaultRouter

from training.api import views

router = DefaultRouter(trailing_slash=True)
router.register("competences", views.CompetenceViewSet, basename="training-competence")
router.register("courses", views.CourseViewSet, basename="training-course")
router.register("sessions", views.SessionViewSet, basename="training-session")
router.register("records", views.RecordViewSet, basename="training-record")
router.register("requirements", views.RequirementViewSet, basename="training-requirement")

urlpatterns = [
    path("gaps/", views.GapsView.as_view(), name="training-gaps"),
    path("comparison/", views.ComparisonView.as_view(), name="training-comparison"),
    path("employees/<int:pk>/outcomes/", views.EmployeeOutcomesView.as_view(), name="training-employee-outcomes"),
    *router.urls,
]
