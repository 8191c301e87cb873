from django.urls import path

from . import views

app_name = "quizzes"

urlpatterns = [
    path("<int:pk>/", views.quiz_detail, name="quiz"),
    path("<int:pk>/start/", views.quiz_start, name="start"),
    path("attempts/<int:pk>/", views.attempt_take, name="attempt"),
    path("attempts/<int:pk>/review/", views.attempt_review, name="review"),
]
