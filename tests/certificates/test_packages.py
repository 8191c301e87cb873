"""A course package's certificate.yaml becomes the course's certificate template."""

import pytest

from courses.models import CoursePage
from courses.packages import CoursePackageError
from lms.certificates.models import CertificateTemplate
from tests.courses.package_files import load, write

pytestmark = pytest.mark.django_db

CERTIFICATE = {
    "name": "Certificate: mini course",
    "heading": {"en": "Certificate of completion", "ar": "شهادة إتمام"},
    "body": {
        "en": "{name} completed {course} on {date} with {score}.",
        "ar": "أتمّ {name} دورة {course} في {date} بنتيجة {score}.",
    },
    "issuing_organisation": {"en": "IP Campus", "ar": "حرم الملكية الفكرية"},
}


def test_creates_the_course_template_once(package):
    write(package / "certificate.yaml", CERTIFICATE)
    load(package)
    template = CertificateTemplate.objects.get(course=CoursePage.objects.get())
    assert template.kind == "course"
    assert template.heading_ar == "شهادة إتمام"
    assert template.body_en.startswith("{name} completed")
    updated_at = template.updated_at
    report = load(package)
    template.refresh_from_db()
    assert template.updated_at == updated_at
    assert "Certificate: mini course" not in report.updated


def test_an_edited_heading_updates_the_same_template(package):
    write(package / "certificate.yaml", CERTIFICATE)
    load(package)
    write(package / "certificate.yaml", {**CERTIFICATE, "heading": {"en": "Award"}})
    load(package)
    template = CertificateTemplate.objects.get(course__isnull=False)
    assert (template.heading_en, template.heading_ar) == ("Award", None)


def test_unknown_placeholder_loads_nothing(package):
    body = {"en": "{holder} completed {course}."}
    write(package / "certificate.yaml", {**CERTIFICATE, "body": body})
    with pytest.raises(CoursePackageError, match=r"certificate.yaml: .*\{holder\}"):
        load(package)
    assert not CoursePage.objects.exists()
    assert not CertificateTemplate.objects.filter(course__isnull=False).exists()
