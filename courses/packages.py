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
from .signals import course_package_loaded

LANGUAGE_CODES = [code for code, _name in settings.LANGUAGES]
DEFAULT_LANGUAGE = settings.MODELTRANSLATION_DEFAULT_LANGUAGE
SLUG_PATTERN = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
ORDERED_NAME = re.compile(r"^\d+-")
#: libyaml's safe loader when PyYAML was built with it (ten times faster).
_YAML_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def yaml_load(stream):
    """Parse YAML safely: plain data only, never Python objects."""
    return yaml.load(stream, Loader=_YAML_LOADER)  # noqa: S506 - a safe loader


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


class PackageReader:
    """Reads and checks package files, collecting problems instead of stopping.

    ``languages`` are the languages the package claims to be complete in: a
    text given in English must then be given in each of them too.
    """

    def __init__(self, root: Path, languages=(DEFAULT_LANGUAGE,)):
        self.root = root
        self.languages = tuple(languages)
        self.problems: list[str] = []

    def problem(self, path: Path, message: str) -> None:
        self.problems.append(f"{path.relative_to(self.root.parent)}: {message}")

    def load_yaml(self, path: Path):
        try:
            with path.open(encoding="utf-8") as handle:
                data = yaml_load(handle)
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

    def translated(
        self, path: Path, data: dict, name: str, *, required=True, label=""
    ) -> dict:
        """A field given per language; English is required when the field is.

        ``label`` says where in the file the field is (a question's name), for
        the problems reported.
        """
        shown = f"{label}: {name}" if label else name
        value = data.get(name)
        if value is None:
            if required:
                self.problem(path, _("'%(field)s' is missing") % {"field": shown})
            return {}
        if not isinstance(value, dict):
            self.problem(
                path,
                _("'%(field)s' must map language codes to text") % {"field": shown},
            )
            return {}
        unknown = set(value) - set(LANGUAGE_CODES)
        if unknown:
            self.problem(
                path,
                _("'%(field)s' has unknown languages: %(codes)s")
                % {"field": shown, "codes": ", ".join(sorted(unknown))},
            )
        if required and not value.get(DEFAULT_LANGUAGE):
            self.problem(path, _("'%(field)s' needs English text") % {"field": shown})
        elif value.get(DEFAULT_LANGUAGE):
            missing = [code for code in self.languages if not value.get(code)]
            if missing:
                self.problem(
                    path,
                    _(
                        "'%(field)s' has no text in %(codes)s, a language the "
                        "course is marked complete in"
                    )
                    % {"field": shown, "codes": ", ".join(missing)},
                )
        return {code: text for code, text in value.items() if code in LANGUAGE_CODES}

    def course_languages(self, path: Path, data: dict) -> tuple[str, ...]:
        """The languages ``course.yaml`` claims; English is always one of them."""
        value = data.get("languages", [DEFAULT_LANGUAGE])
        if not isinstance(value, list) or not all(isinstance(c, str) for c in value):
            self.problem(path, _("'languages' must be a list of language codes"))
            return (DEFAULT_LANGUAGE,)
        unknown = sorted(set(value) - set(LANGUAGE_CODES))
        if unknown:
            self.problem(
                path,
                _("'languages' has unknown languages: %(codes)s")
                % {"codes": ", ".join(unknown)},
            )
        return tuple(
            code for code in LANGUAGE_CODES if code == DEFAULT_LANGUAGE or code in value
        )

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

    def __init__(self, reader: PackageReader, course_dir: Path, glossary: dict):
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
                _("glossary term '%(key)s' is not in the glossary") % {"key": key},
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
    """Create or update the glossary from ``path``; returns terms by key.

    ``path`` is one YAML file or a directory of them (``glossary/*.yaml``, read
    in name order); a key may appear only once across all the files.
    """
    files = sorted(path.glob("*.yaml")) if path.is_dir() else [path]
    reader = PackageReader(path if path.is_dir() else path.parent)
    terms, changed = {}, []
    for file in files:
        try:
            entries = yaml_load(file.read_text(encoding="utf-8")) or []
        except yaml.YAMLError:
            raise CoursePackageError(
                [f"{file.name}: " + _("is not valid YAML")]
            ) from None
        if not isinstance(entries, list):
            reader.problem(file, _("must be a list of terms"))
            continue
        for entry in entries:
            found = _glossary_term(reader, file, entry, terms)
            if found is not None:
                term, needs_saving = found
                terms[term.key] = term
                if needs_saving:
                    changed.append(term)
    if reader.problems:
        raise CoursePackageError(reader.problems)
    for term in changed:
        term.save()
    return terms


def _glossary_term(reader, path: Path, entry, seen: dict):
    """The term of ``entry`` and whether it needs saving, or None."""
    key = entry.get("key", "") if isinstance(entry, dict) else ""
    if not SLUG_PATTERN.match(str(key)):
        reader.problem(path, _("glossary key '%(key)s' is not valid") % {"key": key})
        return None
    if key in seen:
        reader.problem(
            path, _("glossary key '%(key)s' is defined twice") % {"key": key}
        )
        return None
    term_text = reader.translated(path, entry, "term")
    definitions = reader.translated(path, entry, "definition")
    term = GlossaryTerm.objects.filter(key=key).first() or GlossaryTerm(key=key)
    before = _glossary_texts(term)
    for code in LANGUAGE_CODES:
        setattr(term, build_localized_fieldname("term", code), term_text.get(code))
        setattr(
            term, build_localized_fieldname("definition", code), definitions.get(code)
        )
    term.term = term_text.get(DEFAULT_LANGUAGE)
    term.definition = definitions.get(DEFAULT_LANGUAGE)
    # Saved only when new or edited: loading again writes nothing.
    return term, term.pk is None or _glossary_texts(term) != before


def _glossary_texts(term: GlossaryTerm) -> tuple:
    return tuple(
        getattr(term, build_localized_fieldname(name, code))
        for name in ("term", "definition")
        for code in LANGUAGE_CODES
    )


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
    reader = PackageReader(directory)
    report = LoadReport()
    course_file = directory / "course.yaml"
    course_data = reader.load_yaml(course_file) or {}
    plain = {}
    if course_data:
        plain = _course_plain_fields(reader, course_file, course_data)
        reader.languages = reader.course_languages(course_file, course_data)
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
    _texts_check(reader, course_file, course_data, modules)
    body_builder = _BodyBuilder(reader, directory, glossary)
    # Build every body before writing a page: all their problems are reported
    # together. Media they store are undone with the transaction if any is.
    streams = {
        lesson_file: {
            code: body_builder.build(lesson_file, blocks)
            for code, blocks in _given(lesson_data.get("body")).items()
        }
        for _module_file, _module_data, lessons in modules
        for lesson_file, lesson_data in lessons
        if lesson_data
    }
    if reader.problems:
        raise CoursePackageError(reader.problems)
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
    module_dirs = []
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
        module_dirs.append((module_file.parent, module))
        for lesson_file, lesson_data in lessons:
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
                "body": streams[lesson_file],
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
    # The quiz and certificate apps load their files of the package here, in
    # this transaction: a problem they report undoes the whole load.
    course_package_loaded.send(
        sender=CoursePage,
        course=course,
        directory=directory,
        modules=module_dirs,
        reader=reader,
        report=report,
    )
    if reader.problems:
        raise CoursePackageError(reader.problems)
    return report


def _given(value) -> dict:
    """A per-language mapping as given (already checked by _texts_check)."""
    if not isinstance(value, dict):
        return {}
    return {code: text for code, text in value.items() if code in LANGUAGE_CODES}


#: The translated fields of each file, and whether English is required.
_COURSE_TEXTS = {"title": True, "summary": True, "learning_outcomes": True}
_MODULE_TEXTS = {"title": True, "summary": False}
_LESSON_TEXTS = {"title": True, "summary": False, "body": True}


def _texts_check(reader: PackageReader, course_file, course_data, modules) -> None:
    """Read every translated text once before writing, so that all problems
    (a missing English text, a language the course claims) are reported
    together rather than one page at a time."""
    files = [(course_file, course_data, _COURSE_TEXTS)]
    for module_file, module_data, lessons in modules:
        files.append((module_file, module_data, _MODULE_TEXTS))
        files += [(path, data, _LESSON_TEXTS) for path, data in lessons]
    for path, data, texts in files:
        if not data:
            continue
        reader.slugs(path, data)
        for name, required in texts.items():
            reader.translated(path, data, name, required=required)


def _required(reader: PackageReader, path: Path, data: dict) -> bool:
    value = data.get("required", True)
    if not isinstance(value, bool):
        reader.problem(path, _("required must be true or false"))
        return True
    return value


def _prerequisite_slugs(reader: PackageReader, path: Path, data: dict, known) -> list:
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


def _course_plain_fields(reader: PackageReader, path: Path, data: dict) -> dict:
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
