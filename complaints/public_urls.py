"""Public pages for customers (no login)."""

from django.urls import path

from complaints import public_views

app_name = "complaints_public"

urlpatterns = [
    path("c/new/", public_views.public_complaint_view, name="new"),
    path("c/<str:token>/", public_views.public_status_view, name="status"),
]
