"""Signal receivers: each hands the event to a task or a service."""

from django.dispatch import receiver

from lms.progress.signals import course_completed

from .tasks import certificate_issue_task


@receiver(course_completed, dispatch_uid="certificates_issue_on_completion")
def issue_on_course_completion(sender, completion, **kwargs):
    """A completed course earns its certificate, issued in the background."""
    certificate_issue_task.enqueue(completion_id=completion.pk)
