from django.urls import path

from dashboard import views

app_name = "dashboard"

urlpatterns = [
    path("", views.dashboard_view, name="index"),
    path("export/<slug:table>.<str:fmt>", views.export_view, name="export"),
    path("snapshot/", views.snapshot_view, name="snapshot"),
    path("digest/", views.digest_subscription_view, name="digest"),
]
