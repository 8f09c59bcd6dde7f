from rest_framework.routers import DefaultRouter

from touchpoints.api import views

router = DefaultRouter(trailing_slash=True)
router.register("journey-stages", views.JourneyStageViewSet, basename="touchpoints-journey-stage")
router.register("touchpoints", views.TouchpointViewSet, basename="touchpoints-touchpoint")
router.register("journeys", views.JourneyViewSet, basename="touchpoints-journey")

urlpatterns = router.urls
