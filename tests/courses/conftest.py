import pytest

from .package_files import write


@pytest.fixture
def package(tmp_path):
    """A small valid package: one module, two lessons, English and Arabic."""
    root = tmp_path / "mini"
    write(
        tmp_path / "glossary.yaml",
        [
            {
                "key": "patent",
                "term": {"en": "Patent", "ar": "براءة"},
                "definition": {"en": "An exclusive right.", "ar": "حق استئثاري."},
            },
        ],
    )
    write(
        root / "course.yaml",
        {
            "slug": {"en": "mini", "ar": "mini-ar"},
            "title": {"en": "Mini course", "ar": "دورة قصيرة"},
            "summary": {"en": "Short.", "ar": "قصيرة."},
            "topic": "patents",
            "level": "beginner",
            "estimated_hours": 0.5,
            "learning_outcomes": {"en": "Know a patent", "ar": "معرفة البراءة"},
        },
    )
    write(
        root / "01-basics" / "module.yaml",
        {
            "slug": {"en": "basics"},
            "title": {"en": "Basics", "ar": "الأساسيات"},
        },
    )
    for number, slug in ((1, "first"), (2, "second")):
        write(
            root / "01-basics" / f"0{number}-{slug}.yaml",
            {
                "slug": {"en": slug, "ar": f"{slug}-ar"},
                "title": {"en": f"Lesson {slug}", "ar": f"الدرس {number}"},
                "estimated_minutes": 5,
                "body": {
                    "en": [
                        {"text": "<p>Patents protect inventions.</p>"},
                        {"glossary_term": "patent"},
                        {
                            "key_point": {
                                "heading": "Remember",
                                "text": "<p>File first.</p>",
                            }
                        },
                    ],
                    "ar": [
                        {"text": "<p>البراءات تحمي الاختراعات.</p>"},
                        {"glossary_term": "patent"},
                    ],
                },
            },
        )
    return root
