"""The default certificate templates, in every language the site speaks.

A course without a template of its own is certified with the default course
template; webinars with the default attendance template. Trainers edit both
in the admin; this only creates them where they are missing.
"""

from django.db import migrations

ORGANISATION = "IP Campus"

DEFAULTS = {
    "course": {
        "name": "Default course certificate",
        "heading": {
            "en": "Certificate of completion",
            "fr": "Certificat de réussite",
            "es": "Certificado de finalización",
            "ar": "شهادة إتمام",
            "zh_hans": "结业证书",
            "ru": "Сертификат об окончании курса",
        },
        "body": {
            "en": (
                "This is to certify that {name} has successfully completed "
                "the course {course} on {date}."
            ),
            "fr": (
                "Le présent certificat atteste que {name} a suivi avec succès "
                "le cours {course} et l'a terminé le {date}."
            ),
            "es": (
                "Por la presente se certifica que {name} ha completado con "
                "éxito el curso {course} el {date}."
            ),
            "ar": "نشهد بإتمام {name} بنجاح دورة {course} بتاريخ {date}.",
            "zh_hans": "兹证明{name}于{date}成功完成以下课程：{course}",
            "ru": (
                "Настоящим удостоверяется, что {name} {date} успешно "
                "завершил(а) курс {course}"
            ),
        },
    },
    "attendance": {
        "name": "Default attendance certificate",
        "heading": {
            "en": "Certificate of attendance",
            "fr": "Attestation de participation",
            "es": "Certificado de asistencia",
            "ar": "شهادة حضور",
            "zh_hans": "参会证明",
            "ru": "Сертификат участника",
        },
        "body": {
            "en": (
                "This is to certify that {name} attended the webinar {course} "
                "on {date}."
            ),
            "fr": (
                "La présente attestation certifie que {name} a participé au "
                "webinaire {course} le {date}."
            ),
            "es": (
                "Por la presente se certifica que {name} asistió al seminario "
                "web {course} el {date}."
            ),
            "ar": "نشهد بحضور {name} الندوة الإلكترونية {course} بتاريخ {date}.",
            "zh_hans": "兹证明{name}于{date}参加了以下网络研讨会：{course}",
            "ru": (
                "Настоящим удостоверяется, что {name} {date} принял(а) "
                "участие в вебинаре {course}"
            ),
        },
    },
}


def create_default_templates(apps, schema_editor):
    CertificateTemplate = apps.get_model("certificates", "CertificateTemplate")
    for kind, wording in DEFAULTS.items():
        fields = {
            "name": wording["name"],
            "heading": wording["heading"]["en"],
            "body": wording["body"]["en"],
            "issuing_organisation": ORGANISATION,
        }
        for language, text in wording["heading"].items():
            fields[f"heading_{language}"] = text
        for language, text in wording["body"].items():
            fields[f"body_{language}"] = text
            fields[f"issuing_organisation_{language}"] = ORGANISATION
        CertificateTemplate.objects.get_or_create(
            kind=kind, course__isnull=True, defaults=fields
        )


class Migration(migrations.Migration):
    dependencies = [
        ("certificates", "0001_initial"),
    ]

    operations = [
        migrations.RunPython(
            create_default_templates, migrations.RunPython.noop, elidable=False
        ),
    ]
