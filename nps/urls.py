from django.urls import path

app_name = "nps"

urlpatterns: list = []
