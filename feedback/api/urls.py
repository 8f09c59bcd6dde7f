from rest_framework.routers import DefaultRouter

from feedback.api import views

router = DefaultRouter(trailing_slash=True)
router.register("feedback", views.FeedbackViewSet, basename="feedback")
router.register("feedback-topics", views.TopicViewSet, basename="feedback-topic")
router.register("improvements", views.ImprovementActionViewSet, basename="feedback-improvement")

urlpatterns = router.urls
