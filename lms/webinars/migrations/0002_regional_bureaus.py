"""WIPO's four regional bureaus, named in every language the site speaks.

Each gets its webinar section and staff group from ``setup_webinar_sections``
(the sections are pages, which need the home page); staff add other bureaus
in the admin, where saving one sets both up.
"""

from django.db import migrations

BUREAUS = [
    {
        "slug": "africa",
        "region": "africa",
        "name": {
            "en": "Africa",
            "fr": "Afrique",
            "es": "África",
            "ar": "أفريقيا",
            "zh_hans": "非洲",
            "ru": "Африка",
        },
    },
    {
        "slug": "arab-region",
        "region": "arab",
        "name": {
            "en": "Arab region",
            "fr": "Région arabe",
            "es": "Región Árabe",
            "ar": "المنطقة العربية",
            "zh_hans": "阿拉伯区域",
            "ru": "Арабский регион",
        },
    },
    {
        "slug": "asia-pacific",
        "region": "asia_pacific",
        "name": {
            "en": "Asia and the Pacific",
            "fr": "Asie et Pacifique",
            "es": "Asia y el Pacífico",
            "ar": "آسيا والمحيط الهادئ",
            "zh_hans": "亚洲及太平洋",
            "ru": "Азиатско-Тихоокеанский регион",
        },
    },
    {
        "slug": "latin-america-caribbean",
        "region": "latin_america_caribbean",
        "name": {
            "en": "Latin America and the Caribbean",
            "fr": "Amérique latine et Caraïbes",
            "es": "América Latina y el Caribe",
            "ar": "أمريكا اللاتينية والكاريبي",
            "zh_hans": "拉丁美洲和加勒比",
            "ru": "Латинская Америка и Карибский бассейн",
        },
    },
]


def create_bureaus(apps, schema_editor):
    Bureau = apps.get_model("webinars", "Bureau")
    for order, bureau in enumerate(BUREAUS, start=1):
        names = {f"name_{code}": text for code, text in bureau["name"].items()}
        Bureau.objects.get_or_create(
            slug=bureau["slug"],
            defaults={
                "region": bureau["region"],
                "sort_order": order,
                "name": bureau["name"]["en"],
                **names,
            },
        )


def remove_bureaus(apps, schema_editor):
    Bureau = apps.get_model("webinars", "Bureau")
    Bureau.objects.filter(slug__in=[b["slug"] for b in BUREAUS]).delete()


class Migration(migrations.Migration):
    dependencies = [("webinars", "0001_initial")]

    operations = [migrations.RunPython(create_bureaus, remove_bureaus)]
