from django.urls import path

from dashboard.api import views

urlpatterns = [
    path("summary/", views.SummaryView.as_view(), name="dashboard-summary"),
]
