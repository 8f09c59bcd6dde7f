from rest_framework.routers import DefaultRouter

from core.api import views

router = DefaultRouter(trailing_slash=True)
router.include_root_view = False
router.register("webhooks", views.WebhookEndpointViewSet, basename="core-webhook")
router.register("webhook-deliveries", views.WebhookDeliveryViewSet, basename="core-webhook-delivery")
router.register("event-types", views.EventTypeViewSet, basename="core-event-type")

urlpatterns = router.urls
