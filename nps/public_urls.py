"""Public pages for customers (no login)."""

from django.urls import path

app_name = "nps_public"

urlpatterns: list = []
