from django.urls import path

from complaints import views

app_name = "complaints"

urlpatterns = [
    path("", views.case_list_view, name="list"),
    path("new/", views.case_create_view, name="create"),
    path("bulk-assign/", views.bulk_assign_view, name="bulk-assign"),
    path("stats/", views.stats_view, name="stats"),
    path("customers/search/", views.customer_search_view, name="customer-search"),
    path("<int:pk>/", views.case_detail_view, name="detail"),
    path("<int:pk>/transition/", views.transition_view, name="transition"),
    path("<int:pk>/notes/", views.note_view, name="note"),
    path("<int:pk>/edit/", views.edit_view, name="edit"),
    path("<int:pk>/resolution/", views.resolution_view, name="resolution"),
    path("<int:pk>/attachments/", views.attachment_upload_view, name="attachment-upload"),
    path("<int:pk>/attachments/<int:attachment_id>/", views.attachment_download_view, name="attachment"),
    path("<int:pk>/merge/", views.merge_view, name="merge"),
]
