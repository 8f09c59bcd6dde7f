from django.urls import path

from touchpoints import views

app_name = "touchpoints"

urlpatterns = [
    path("", views.touchpoint_list, name="list"),
    path("map/", views.journey_map, name="journey-map"),
]
