from django.urls import path

from nps import views

app_name = "nps"

urlpatterns = [
    path("", views.survey_list, name="survey-list"),
    path("surveys/<int:pk>/", views.survey_detail, name="survey-detail"),
    path("campaigns/", views.campaign_list, name="campaign-list"),
    path("campaigns/new/", views.campaign_create, name="campaign-create"),
    path("campaigns/<int:pk>/", views.campaign_detail, name="campaign-detail"),
    path("campaigns/<int:pk>/launch/", views.campaign_launch, name="campaign-launch"),
    path("campaigns/<int:pk>/progress.json", views.campaign_progress, name="campaign-progress"),
    path("responses/", views.response_list, name="response-list"),
]
