"""Public pages for customers (no login)."""

from django.urls import path

app_name = "complaints_public"

urlpatterns: list = []
