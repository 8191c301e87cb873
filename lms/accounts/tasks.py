"""Background tasks of the accounts app."""

from django.core.mail import EmailMultiAlternatives
from django.tasks import task


@task
def email_send(
    *,
    subject: str,
    body: str,
    from_email: str,
    to: list[str],
    alternatives: list[list[str]] | None = None,
    attachments: list[list[str]] | None = None,
    headers: dict[str, str] | None = None,
) -> None:
    """Send an email that was rendered when it was asked for.

    The message is rendered in the request (its language, its links) and only
    handed over here, so the worker needs no request and no translation.
    """
    message = EmailMultiAlternatives(
        subject, body, from_email, to, headers=headers or None
    )
    for content, mimetype in alternatives or []:
        message.attach_alternative(content, mimetype)
    for filename, content, mimetype in attachments or []:
        message.attach(filename, content, mimetype)
    message.send()
