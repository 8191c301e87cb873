"""Signals the courses app sends; apps in ``lms/`` subscribe, courses knows none."""

from django.dispatch import Signal

#: Sent inside the transaction that loads a course package, after its pages.
#: Arguments: ``course`` (CoursePage), ``directory`` (Path of the package),
#: ``modules`` (list of (module directory, ModulePage)), ``reader`` (the
#: PackageReader: add problems to it to refuse the package; its ``languages``
#: are the languages the course is complete in) and ``report`` (LoadReport).
course_package_loaded = Signal()
