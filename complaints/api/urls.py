from rest_framework.routers import DefaultRouter

from complaints.api import views

router = DefaultRouter(trailing_slash=True)
# Configuration routes first: "complaints/<name>/" must not be taken for a case.
router.register("complaints/categories", views.CategoryViewSet, basename="complaints-category")
router.register("complaints/root-causes", views.RootCauseViewSet, basename="complaints-root-cause")
router.register("complaints/sla-policies", views.SlaPolicyViewSet, basename="complaints-sla-policy")
router.register("complaints/calendars", views.BusinessCalendarViewSet, basename="complaints-calendar")
router.register("complaints", views.CaseViewSet, basename="complaints-case")

urlpatterns = router.urls
