"""Who may see, issue and revoke certificates in the admin: course staff."""

from django.db.models import Q
from wagtail.permission_policies.pages import PagePermissionPolicy

from lms.certificates.models import Certificate


def editable_courses(user):
    """Course pages ``user`` may edit (all of them for a superuser)."""
    from courses.models import CoursePage

    if user.is_superuser:
        return CoursePage.objects.all()
    pages = PagePermissionPolicy().instances_user_has_permission_for(user, "change")
    return CoursePage.objects.filter(pk__in=pages.values("pk"))


def certificates_visible_to(user):
    """Certificates of the courses ``user`` staffs and of the events (webinars)
    whose pages they edit; superusers see every one."""
    if user.is_superuser:
        return Certificate.objects.all()
    pages = PagePermissionPolicy().instances_user_has_permission_for(user, "change")
    return Certificate.objects.filter(
        Q(course__in=editable_courses(user).values("pk"))
        | Q(event__in=pages.values("pk"))
    )
