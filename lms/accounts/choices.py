"""The answers the MSME profile offers, translated; stored by their code."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class IsicSection(models.TextChoices):
    """Sections of the UN International Standard Industrial Classification of
    All Economic Activities, Revision 4 (ISIC Rev.4), with their official titles."""

    A = "A", _("Agriculture, forestry and fishing")
    B = "B", _("Mining and quarrying")
    C = "C", _("Manufacturing")
    D = "D", _("Electricity, gas, steam and air conditioning supply")
    E = "E", _("Water supply; sewerage, waste management and remediation activities")
    F = "F", _("Construction")
    G = "G", _("Wholesale and retail trade; repair of motor vehicles and motorcycles")
    H = "H", _("Transportation and storage")
    I = "I", _("Accommodation and food service activities")  # noqa: E741
    J = "J", _("Information and communication")
    K = "K", _("Financial and insurance activities")
    L = "L", _("Real estate activities")
    M = "M", _("Professional, scientific and technical activities")
    N = "N", _("Administrative and support service activities")
    O = "O", _("Public administration and defence; compulsory social security")  # noqa: E741
    P = "P", _("Education")
    Q = "Q", _("Human health and social work activities")
    R = "R", _("Arts, entertainment and recreation")
    S = "S", _("Other service activities")
    T = (
        "T",
        _(
            "Activities of households as employers; undifferentiated goods- and "
            "services-producing activities of households for own use"
        ),
    )
    U = "U", _("Activities of extraterritorial organizations and bodies")


class EnterpriseSize(models.TextChoices):
    """How big the learner's business is, from a lone inventor to a medium firm."""

    INDIVIDUAL = "individual", _("Individual or inventor")
    STARTUP = "startup", _("Start-up from a university or research body")
    MICRO = "micro", _("Micro enterprise")
    SMALL = "small", _("Small enterprise")
    MEDIUM = "medium", _("Medium-sized enterprise")


class BusinessRole(models.TextChoices):
    """The learner's role in the business."""

    OWNER = "owner", _("Owner or founder")
    MANAGER = "manager", _("Manager")
    EMPLOYEE = "employee", _("Employee")
    INVENTOR = "inventor", _("Inventor or researcher")
    ADVISER = "adviser", _("Adviser or consultant")
    STUDENT = "student", _("Student")
    OTHER = "other", pgettext_lazy("role in the business", "Other")


class IpExperience(models.TextChoices):
    """How much the learner has used intellectual property so far."""

    NONE = "none", _("None yet")
    SOME = "some", _("Some (one application or licence)")
    REGULAR = "regular", _("Regular (several applications or licences)")
