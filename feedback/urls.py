from django.urls import path

from feedback import action_views, poster_views, views

app_name = "feedback"

urlpatterns = [
    path("", views.feedback_list, name="list"),
    path("new/", views.feedback_create, name="create"),
    path("<int:pk>/", views.feedback_detail, name="detail"),
    path("improvements/", action_views.action_list, name="action-list"),
    path("improvements/new/", action_views.action_create, name="action-create"),
    path("improvements/<int:pk>/", action_views.action_detail, name="action-detail"),
    path("improvements/<int:pk>/edit/", action_views.action_edit, name="action-edit"),
    path("improvements/<int:pk>/transition/", action_views.action_transition, name="action-transition"),
    path("improvements/<int:pk>/feedback/", action_views.action_link_feedback, name="action-link-feedback"),
    path("improvements/<int:pk>/links/", action_views.action_link_object, name="action-link-object"),
    path("posters/", poster_views.poster_list, name="poster-list"),
    path("posters/<slug:slug>/qr.png", poster_views.poster_png, name="poster-png"),
    path("posters/<slug:slug>/<str:size>.pdf", poster_views.poster_pdf, name="poster-pdf"),
]
