"""Wagtail admin for certificates."""

from wagtail import hooks

from .admin.viewsets import CertificateTemplateViewSet, CertificateViewSet


@hooks.register("register_admin_viewset")
def register_certificate_viewsets():
    return [CertificateViewSet(), CertificateTemplateViewSet()]
