"""Events of the progress app that later apps (certificates, reports) follow."""

from django.dispatch import Signal

#: Sent once per learner and course, when the course completion is recorded;
#: arguments: ``completion`` (a CourseCompletion).
course_completed = Signal()
