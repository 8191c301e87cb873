"""Background tasks of the webinars app."""

from django.tasks import task


@task
def attendance_outcomes_task(*, webinar_id: int) -> dict:
    """Give the attendees of a webinar what attending earns (idempotent)."""
    from .models import WebinarPage
    from .outcomes import attendance_outcomes_apply

    webinar = WebinarPage.objects.filter(pk=webinar_id).first()
    if webinar is None:
        return {}
    return attendance_outcomes_apply(webinar=webinar)
