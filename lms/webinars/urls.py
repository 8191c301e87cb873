from django.urls import path

from . import views

app_name = "webinars"

urlpatterns = [
    path("", views.webinar_list, name="list"),
    path("<int:pk>/register/", views.register, name="register"),
    path("<int:pk>/cancel/", views.cancel, name="cancel"),
]
