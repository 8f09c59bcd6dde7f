from django.urls import path

from training import views, views_trainer

app_name = "training"

urlpatterns = [
    path("", views.my_trainings, name="my"),
    path("gaps/", views.gap_report, name="gaps"),
    path("employees/<int:pk>/", views.employee_detail, name="employee"),
    path("records/<int:pk>/certificate/", views.certificate_download, name="certificate"),
    path("sessions/<int:pk>/enrol/", views.session_enrol_self, name="enrol-self"),
    path("courses/", views_trainer.course_list, name="courses"),
    path("courses/new/", views_trainer.course_edit, name="course-new"),
    path("courses/<int:pk>/", views_trainer.course_edit, name="course-edit"),
    path("sessions/", views_trainer.session_list, name="sessions"),
    path("sessions/<int:pk>/", views_trainer.session_detail, name="session"),
    path("records/new/", views_trainer.record_new, name="record-new"),
    path("records/import/", views_trainer.record_import, name="import"),
    path("requirements/", views_trainer.requirement_list, name="requirements"),
]
