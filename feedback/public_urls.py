"""Public pages for customers (no login)."""

from django.urls import path

from feedback import public_views

app_name = "feedback_public"

urlpatterns = [
    path("f/<slug:slug>/", public_views.feedback_form, name="form"),
    path("f/<slug:slug>/embed/", public_views.feedback_form_embed, name="form-embed"),
    path("f/<slug:slug>/danke/", public_views.feedback_thanks, name="thanks"),
    path("f/<slug:slug>/embed/danke/", public_views.feedback_thanks_embed, name="thanks-embed"),
]
