"""The learner's own account pages, beside allauth's under /<lang>/accounts/."""

from django.urls import path

from . import views

app_name = "accounts"

urlpatterns = [
    path("profile/", views.profile, name="profile"),
    path("profile/welcome/", views.welcome, name="welcome"),
    path("data/", views.personal_data, name="data"),
    path("data/download/", views.personal_data_download, name="data_download"),
    path("delete/", views.delete, name="delete"),
]
