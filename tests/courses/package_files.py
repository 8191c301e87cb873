"""Write small course packages to disk and load them, for package tests."""

from pathlib import Path

import yaml

from courses.packages import course_package_load, glossary_load
from tests.factories import catalogue


def write(path: Path, data) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")


def load(root):
    glossary = glossary_load(root.parent / "glossary.yaml")
    return course_package_load(directory=root, catalogue=catalogue(), glossary=glossary)
