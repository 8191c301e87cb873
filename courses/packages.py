"""Load course packages: version-controlled YAML files describing a whole course.

The format is documented in ``courses/content/README.md``. Loading is
all-or-nothing (one transaction; every problem is collected and reported with
its file before anything is written) and idempotent (a page whose content is
unchanged is not saved again, so a second load creates no new revisions).
"""

import re
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from pathlib import Path

import yaml
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files import File
from django.db import transaction
from django.utils import translation
from django.utils.translation import gettext as _
from modeltranslation.utils import build_localized_fieldname
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import Page

from .blocks import LessonBodyBlock
from .models import (
    CourseIndexPage,
    CourseLevel,
    CoursePage,
    CourseTopic,
    GlossaryTerm,
    LessonPage,
    ModulePage,
)

LANGUAGE_CODES = [code for code, _name in settings.LANGUAGES]
DEFAULT_LANGUAGE = settings.MODELTRANSLATION_DEFAULT_LANGUAGE
SLUG_PATTERN = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
ORDERED_NAME = re.compile(r"^\d+-")


class CoursePackageError(Exception):
    """A package that cannot be loaded; ``problems`` lists every reason found."""

    def __init__(self, problems: list[str]):
        self.problems = problems
        super().__init__("\n".join(problems))


@dataclass
class LoadReport:
    """What a load changed, for the command's output."""

    created: list[str] = field(default_factory=list)
    updated: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)


class _Reader:
    """Reads and checks package files, collecting problems instead of stopping."""

    def __init__(self, root: Path):
        self.root = root
        self.problems: list[str] = []

    def problem(self, path: Path, message: str) -> None:
        self.problems.append(f"{path.relative_to(self.root.parent)}: {message}")

    def load_yaml(self, path: Path):
        try:
            with path.open(encoding="utf-8") as handle:
                data = yaml.safe_load(handle)
        except FileNotFoundError:
            self.problem(path, _("file is missing"))
            return None
        except yaml.YAMLError as error:
            mark = getattr(error, "problem_mark", None)
            if mark is None:
                self.problem(path, _("is not valid YAML"))
            else:
                self.problem(
                    path,
                    _("is not valid YAML (line %(line)d)") % {"line": mark.line + 1},
                )
            return None
        if not isinstance(data, dict):
            self.problem(path, _("must be a mapping of fields"))
            return None
        return data

    def translated(self, path: Path, data: dict, name: str, *, required=True) -> dict:
        """A field given per language; English is required when the field is."""
        value = data.get(name)
        if value is None:
            if required:
                self.problem(path, _("'%(field)s' is missing") % {"field": name})
            return {}
        if not isinstance(value, dict):
            self.problem(
                path, _("'%(field)s' must map language codes to text") % {"field": name}
            )
            return {}
        unknown = set(value) - set(LANGUAGE_CODES)
        if unknown:
            self.problem(
                path,
                _("'%(field)s' has unknown languages: %(codes)s")
                % {"field": name, "codes": ", ".join(sorted(unknown))},
            )
        if required and not value.get(DEFAULT_LANGUAGE):
            self.problem(path, _("'%(field)s' needs English text") % {"field": name})
        return {code: text for code, text in value.items() if code in LANGUAGE_CODES}

    def slugs(self, path: Path, data: dict) -> dict:
        slugs = self.translated(path, data, "slug")
        for code, slug in slugs.items():
            if not isinstance(slug, str) or not SLUG_PATTERN.match(slug):
                self.problem(
                    path,
                    _("slug '%(slug)s' (%(code)s) may only use a-z, 0-9 and hyphens")
                    % {"slug": slug, "code": code},
                )
        return slugs


def _assign_translated(page, name: str, values: dict) -> None:
    for code in LANGUAGE_CODES:
        setattr(page, build_localized_fieldname(name, code), values.get(code) or None)
    setattr(page, name, values.get(DEFAULT_LANGUAGE))


#: Blocks trainers place in the admin that course files do not carry (a quiz
#: names a database row): loading a package again keeps them, at the end.
ADMIN_ONLY_BLOCKS = {"quiz"}


def _keep_admin_blocks(page, name: str, values: dict) -> dict:
    """``values`` (a stream per language) plus the page's admin-only blocks."""
    kept = {}
    for code in LANGUAGE_CODES:
        current = getattr(page, build_localized_fieldname(name, code), None) or []
        extra = [
            {"type": child.block_type, "value": child.block.get_prep_value(child.value)}
            for child in current
            if child.block_type in ADMIN_ONLY_BLOCKS
        ]
        kept[code] = [*(values.get(code) or []), *extra] if values.get(code) else None
    return kept


def _comparable(value):
    """A value as stored, without the random ids StreamField gives its blocks."""
    if hasattr(value, "stream_block"):
        return [
            (child.block_type, child.block.get_prep_value(child.value))
            for child in value
        ]
    return value or None


def _snapshot(page, names, plain) -> tuple:
    translated = {
        (name, code): _comparable(getattr(page, build_localized_fieldname(name, code)))
        for name in names
        for code in LANGUAGE_CODES
    }
    return translated, {key: getattr(page, key) for key in plain}


def _upsert_page(
    parent: Page, model, slugs: dict, translated: dict, plain: dict, report: LoadReport
):
    """Create the child of ``parent`` with this English slug, or update it."""
    page = (
        model.objects.child_of(parent).filter(slug_en=slugs[DEFAULT_LANGUAGE]).first()
    )
    names = ["slug", "title", *translated]
    created = page is None
    if created:
        page = model()
    before = None if created else _snapshot(page, names, plain)
    _assign_translated(page, "slug", slugs)
    for name, values in translated.items():
        if name == "body" and not created:
            values = _keep_admin_blocks(page, name, values)
        _assign_translated(page, name, values)
    for key, value in plain.items():
        setattr(page, key, value)
    label = page.title
    if created:
        parent.add_child(instance=page)
        page.save_revision().publish()
        report.created.append(label)
    elif before != _snapshot(page, names, plain):
        page.save_revision().publish()
        report.updated.append(label)
    else:
        report.unchanged.append(label)
    return page


class _BodyBuilder:
    """Turn the YAML blocks of a lesson into StreamField data, checking each one."""

    def __init__(self, reader: _Reader, course_dir: Path, glossary: dict):
        self.reader = reader
        self.course_dir = course_dir
        self.glossary = glossary
        self.block_types = set(LessonBodyBlock.base_blocks)

    def build(self, path: Path, blocks) -> list[dict]:
        if not isinstance(blocks, list) or not blocks:
            self.reader.problem(path, _("a body must be a non-empty list of blocks"))
            return []
        stream = []
        for number, item in enumerate(blocks, start=1):
            if not isinstance(item, dict) or len(item) != 1:
                self.reader.problem(
                    path,
                    _("block %(number)s must be one 'type: value'")
                    % {"number": number},
                )
                continue
            ((block_type, value),) = item.items()
            if block_type not in self.block_types:
                self.reader.problem(
                    path,
                    _("block %(number)s has unknown type '%(type)s'")
                    % {"number": number, "type": block_type},
                )
                continue
            converted = getattr(self, f"_{block_type}", lambda _p, v: v)(path, value)
            if converted is not None:
                stream.append({"type": block_type, "value": converted})
        return stream

    def _glossary_term(self, path, key):
        term = self.glossary.get(key)
        if term is None:
            self.reader.problem(
                path,
                _("glossary term '%(key)s' is not in glossary.yaml") % {"key": key},
            )
            return None
        return term.pk

    def _file(self, path, relative):
        source = (self.course_dir / str(relative)).resolve()
        if self.course_dir.resolve() not in source.parents or not source.is_file():
            self.reader.problem(
                path, _("file '%(file)s' not found") % {"file": relative}
            )
            return None
        return source

    def _figure(self, path, value):
        source = self._file(path, value.get("image", ""))
        if source is None:
            return None
        image = _stored_media(get_image_model(), source)
        return {**value, "image": image.pk}

    def _document(self, path, value):
        source = self._file(path, value.get("file", ""))
        if source is None:
            return None
        document = _stored_media(get_document_model(), source, title=value.get("title"))
        return {"document": document.pk, "description": value.get("description", "")}


def _stored_media(model, source: Path, title: str | None = None):
    """The image or document loaded from ``source``, stored once."""
    title = title or source.stem.replace("-", " ")
    existing = model.objects.filter(title=title).first()
    if existing is not None:
        return existing
    with source.open("rb") as handle:
        media = model(title=title)
        media.file.save(source.name, File(handle), save=False)
        media.save()
    return media


def glossary_load(path: Path) -> dict[str, GlossaryTerm]:
    """Create or update the glossary from ``path``; returns terms by key."""
    reader = _Reader(path.parent)
    try:
        entries = yaml.safe_load(path.read_text(encoding="utf-8")) or []
    except yaml.YAMLError:
        raise CoursePackageError([f"{path.name}: " + _("is not valid YAML")]) from None
    terms = {}
    for entry in entries:
        key = entry.get("key", "")
        if not SLUG_PATTERN.match(str(key)):
            reader.problem(
                path, _("glossary key '%(key)s' is not valid") % {"key": key}
            )
            continue
        term_text = reader.translated(path, entry, "term")
        definitions = reader.translated(path, entry, "definition")
        term = GlossaryTerm.objects.filter(key=key).first() or GlossaryTerm(key=key)
        for code in LANGUAGE_CODES:
            setattr(term, build_localized_fieldname("term", code), term_text.get(code))
            setattr(
                term,
                build_localized_fieldname("definition", code),
                definitions.get(code),
            )
        term.term = term_text.get(DEFAULT_LANGUAGE)
        term.definition = definitions.get(DEFAULT_LANGUAGE)
        terms[key] = term
    if reader.problems:
        raise CoursePackageError(reader.problems)
    for term in terms.values():
        term.save()
    return terms


def _ordered_children(directory: Path, *, dirs: bool) -> list[Path]:
    return sorted(
        child
        for child in directory.iterdir()
        if ORDERED_NAME.match(child.name)
        and (child.is_dir() if dirs else child.suffix == ".yaml")
    )


def course_package_load(
    *, directory: Path, catalogue: CourseIndexPage, glossary: dict[str, GlossaryTerm]
) -> LoadReport:
    """Create or update the course in ``directory`` under ``catalogue``."""
    # Unsuffixed field names (page.title) mean the active language's field:
    # load in English so they always mean the default language.
    with translation.override(DEFAULT_LANGUAGE), transaction.atomic():
        try:
            return _course_package_load(directory, catalogue, glossary)
        except ValidationError as error:
            raise CoursePackageError(
                [f"{directory.name}: {message}" for message in error.messages]
            ) from None


def _course_package_load(
    directory: Path, catalogue: CourseIndexPage, glossary: dict[str, GlossaryTerm]
) -> LoadReport:
    reader = _Reader(directory)
    report = LoadReport()
    course_file = directory / "course.yaml"
    course_data = reader.load_yaml(course_file) or {}
    plain = {}
    if course_data:
        plain = _course_plain_fields(reader, course_file, course_data)
    modules = []
    for module_dir in _ordered_children(directory, dirs=True):
        module_file = module_dir / "module.yaml"
        module_data = reader.load_yaml(module_file) or {}
        lessons = [
            (lesson_file, reader.load_yaml(lesson_file) or {})
            for lesson_file in _ordered_children(module_dir, dirs=False)
        ]
        if not lessons:
            reader.problem(module_dir / "module.yaml", _("a module needs lessons"))
        modules.append((module_file, module_data, lessons))
    if not modules:
        reader.problem(course_file, _("a course needs at least one module directory"))
    module_slugs = {
        (data.get("slug") or {}).get(DEFAULT_LANGUAGE)
        for _file, data, _lessons in modules
        if isinstance(data.get("slug"), dict)
    } - {None}
    prerequisites = {
        module_file: _prerequisite_slugs(reader, module_file, module_data, module_slugs)
        for module_file, module_data, _lessons in modules
    }
    other_courses = {
        other.slug_en: other
        for other in CoursePage.objects.child_of(catalogue).exclude(
            slug_en=(course_data.get("slug") or {}).get(DEFAULT_LANGUAGE)
        )
    }
    course_prerequisites = _prerequisite_slugs(
        reader, course_file, course_data, set(other_courses)
    )
    for module_file, module_data, lessons in modules:
        _required(reader, module_file, module_data)
        for lesson_file, lesson_data in lessons:
            _required(reader, lesson_file, lesson_data)
    if reader.problems:
        raise CoursePackageError(reader.problems)

    body_builder = _BodyBuilder(reader, directory, glossary)
    course = _upsert_page(
        catalogue,
        CoursePage,
        reader.slugs(course_file, course_data),
        {
            "title": reader.translated(course_file, course_data, "title"),
            "summary": reader.translated(course_file, course_data, "summary"),
            "learning_outcomes": reader.translated(
                course_file, course_data, "learning_outcomes"
            ),
        },
        plain,
        report,
    )
    loaded_modules = {}
    for module_file, module_data, lessons in modules:
        module = _upsert_page(
            course,
            ModulePage,
            reader.slugs(module_file, module_data),
            {
                "title": reader.translated(module_file, module_data, "title"),
                "summary": reader.translated(
                    module_file, module_data, "summary", required=False
                ),
            },
            {"is_required": _required(reader, module_file, module_data)},
            report,
        )
        loaded_modules[module.slug_en] = (module_file, module_data, module)
        for lesson_file, lesson_data in lessons:
            bodies = reader.translated(lesson_file, lesson_data, "body")
            streams = {
                code: body_builder.build(lesson_file, blocks)
                for code, blocks in bodies.items()
            }
            minutes = lesson_data.get("estimated_minutes", 10)
            if not isinstance(minutes, int) or minutes < 1:
                reader.problem(
                    lesson_file, _("estimated_minutes must be a whole number")
                )
            slugs = reader.slugs(lesson_file, lesson_data)
            translated = {
                "title": reader.translated(lesson_file, lesson_data, "title"),
                "summary": reader.translated(
                    lesson_file, lesson_data, "summary", required=False
                ),
                "body": streams,
            }
            if reader.problems:
                raise CoursePackageError(reader.problems)
            _upsert_page(
                module,
                LessonPage,
                slugs,
                translated,
                {
                    "estimated_minutes": minutes,
                    "is_required": _required(reader, lesson_file, lesson_data),
                },
                report,
            )
    by_slug = {slug: page for slug, (_f, _d, page) in loaded_modules.items()}
    for module_file, _data, module in loaded_modules.values():
        wanted = [by_slug[slug] for slug in prerequisites[module_file]]
        _prerequisites_set(module, wanted, report)
    _prerequisites_set(
        course, [other_courses[slug] for slug in course_prerequisites], report
    )
    return report


def _required(reader: _Reader, path: Path, data: dict) -> bool:
    value = data.get("required", True)
    if not isinstance(value, bool):
        reader.problem(path, _("required must be true or false"))
        return True
    return value


def _prerequisite_slugs(reader: _Reader, path: Path, data: dict, known) -> list:
    """The English slugs under ``prerequisites``, each checked against ``known``."""
    slugs = data.get("prerequisites") or []
    if not isinstance(slugs, list):
        reader.problem(path, _("prerequisites must be a list of English slugs"))
        return []
    for slug in slugs:
        if slug not in known:
            reader.problem(
                path,
                _("prerequisite '%(slug)s' is not one of %(choices)s")
                % {"slug": slug, "choices": ", ".join(sorted(known)) or "-"},
            )
    return [slug for slug in slugs if slug in known]


def _prerequisites_set(page, wanted: list, report: LoadReport) -> None:
    """Publish the page with these prerequisites, if they changed."""
    if {p.pk for p in page.prerequisites.all()} == {p.pk for p in wanted}:
        return
    page.prerequisites.set(wanted)
    page.save_revision().publish()
    if page.title not in report.created and page.title not in report.updated:
        report.updated.append(page.title)


def _course_plain_fields(reader: _Reader, path: Path, data: dict) -> dict:
    topic = data.get("topic")
    if topic not in CourseTopic.values:
        reader.problem(
            path,
            _("topic '%(topic)s' is not one of %(choices)s")
            % {"topic": topic, "choices": ", ".join(CourseTopic.values)},
        )
    level = data.get("level", CourseLevel.BEGINNER)
    if level not in CourseLevel.values:
        reader.problem(
            path,
            _("level '%(level)s' is not one of %(choices)s")
            % {"level": level, "choices": ", ".join(CourseLevel.values)},
        )
    try:
        hours = Decimal(str(data.get("estimated_hours")))
    except InvalidOperation:
        reader.problem(path, _("estimated_hours must be a number"))
        hours = None
    return {"topic": topic, "level": level, "estimated_hours": hours}
