from django.urls import path
from rest_framework.routers import DefaultRouter

from nps.api import views

router = DefaultRouter(trailing_slash=True)
router.register("surveys", views.SurveyViewSet, basename="nps-survey")
router.register("trigger-rules", views.TriggerRuleViewSet, basename="nps-trigger-rule")
router.register("campaigns", views.CampaignViewSet, basename="nps-campaign")
router.register("invitations", views.InvitationViewSet, basename="nps-invitation")
router.register("responses", views.ResponseViewSet, basename="nps-response")

urlpatterns = [
    path("summary/", views.SummaryView.as_view(), name="nps-summary"),
    *router.urls,
]
