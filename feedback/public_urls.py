"""Public pages for customers (no login)."""

from django.urls import path

app_name = "feedback_public"

urlpatterns: list = []
