"""Wagtail admin for quizzes: each module under admin/ registers its own screens."""

from .admin import analysis, imports, viewsets  # noqa: F401
