"""A course package's certificate template (``certificate.yaml``).

Loaded when ``courses`` sends ``course_package_loaded``, in the package's
transaction: a problem is reported to the package reader and nothing is kept.
The format is documented in ``courses/content/README.md``.
"""

from django.core.exceptions import ValidationError
from django.dispatch import receiver
from django.utils.translation import gettext as _

from courses.signals import course_package_loaded
from lms.core.translated_fields import translated_fields_assign

from .models import CertificateKind, CertificateTemplate

CERTIFICATE_FILE = "certificate.yaml"
TRANSLATED = ("heading", "body", "issuing_organisation")


@receiver(course_package_loaded)
def package_certificate_load(sender, *, course, directory, reader, report, **kwargs):
    """Create or update the course's certificate template from the package."""
    path = directory / CERTIFICATE_FILE
    if not path.is_file():
        return
    data = reader.load_yaml(path)
    if data is None:
        return
    name = data.get("name")
    if not isinstance(name, str) or not name.strip() or len(name) > 120:
        reader.problem(path, _("'name' must be a text of at most 120 characters"))
    translated = {field: reader.translated(path, data, field) for field in TRANSLATED}
    if reader.problems:
        return
    template = CertificateTemplate.objects.filter(course=course).first()
    created = template is None
    if created:
        template = CertificateTemplate(course=course, kind=CertificateKind.COURSE)
    changed = translated_fields_assign(template, translated, {"name": name.strip()})
    if not (created or changed):
        return
    try:
        template.full_clean()
    except ValidationError as error:
        for message in error.messages:
            reader.problem(path, message)
        return
    template.save()
    (report.created if created else report.updated).append(template.name)
