"""Public pages for customers (no login)."""

from django.urls import path

from nps import public_views

app_name = "nps_public"

urlpatterns = [
    path("s/<str:token>/", public_views.answer, name="answer"),
    path("u/<str:token>/", public_views.opt_out, name="opt-out"),
]
