from django.urls import path

from customers import public_views, views

app_name = "customers"

urlpatterns = [
    path("", views.customer_list, name="list"),
    path("new/", views.customer_edit, name="create"),
    path("<int:pk>/", views.customer_detail, name="detail"),
    path("<int:pk>/edit/", views.customer_edit, name="edit"),
    path("<int:pk>/consent/request/", views.consent_request, name="consent-request"),
    path("<int:pk>/consent/documented/", views.consent_documented, name="consent-documented"),
    path("<int:pk>/consent/withdraw/", views.consent_withdraw, name="consent-withdraw-staff"),
    path("<int:pk>/export/", views.customer_export_download, name="export"),
    path("<int:pk>/erase/", views.customer_erase, name="erase"),
    path("import/", views.customer_import, name="import"),
    path("import/<int:pk>/", views.import_job_detail, name="import-job"),
    path("import/<int:pk>/status/", views.import_job_status, name="import-job-status"),
    # public, no login: the links in customer emails
    path("consent/confirm/<str:token>/", public_views.consent_confirm, name="consent-confirm"),
    path("consent/withdraw/<str:token>/", public_views.consent_withdraw, name="consent-withdraw"),
]
