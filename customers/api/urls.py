from rest_framework.routers import DefaultRouter

from customers.api import views

router = DefaultRouter(trailing_slash=True)
router.include_root_view = False
router.register("customers", views.CustomerViewSet, basename="customers-customer")
router.register("customer-imports", views.ImportJobViewSet, basename="customers-import-job")
router.register("interactions", views.InteractionViewSet, basename="customers-interaction")

urlpatterns = router.urls
