from django.urls import path

from . import views

app_name = "progress"

urlpatterns = [
    path("", views.dashboard, name="dashboard"),
    path("courses/<int:pk>/start/", views.course_start, name="course_start"),
    path("lessons/<int:pk>/done/", views.lesson_done, name="lesson_done"),
]
