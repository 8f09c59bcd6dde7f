from django.urls import path

from touchpoints import views

app_name = "touchpoints"

urlpatterns = [
    path("", views.touchpoint_list, name="list"),
    path("new/", views.touchpoint_create, name="create"),
    path("<int:pk>/", views.touchpoint_detail, name="detail"),
    path("<int:pk>/edit/", views.touchpoint_edit, name="edit"),
    path("map/", views.journey_map, name="journey-map"),
    path("stages/", views.stage_list, name="stage-list"),
    path("stages/<int:pk>/edit/", views.stage_edit, name="stage-edit"),
    path("stages/<int:pk>/move/", views.stage_move, name="stage-move"),
    path("journeys/", views.journey_list, name="journey-list"),
    path("journeys/new/", views.journey_create, name="journey-create"),
    path("journeys/<int:pk>/", views.journey_edit, name="journey-edit"),
    path("journeys/<int:pk>/steps/", views.journey_steps, name="journey-steps"),
    path("journeys/<int:pk>/delete/", views.journey_delete, name="journey-delete"),
]
