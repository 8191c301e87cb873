"""Reading the attendance reports that meeting tools export, as CSV.

Pure functions, no database: bytes and a column mapping in, one record per
person out, with every row-level problem and its row number. The services in
``attendance.py`` match people to registrants and write.

Presets name the columns of the exports bureaus use (headers are matched
without regard to case or surrounding spaces; the first alias present wins):

Zoom, participants report (Reports > Usage > Participants, or the meeting's
"Participants" export; with "Export with meeting data" a meeting block comes
first, then a blank line, then the participants): "Name (Original Name)",
"User Email", "Join Time", "Leave Time", "Duration (Minutes)", "Guest". Newer
accounts spell them "Name (original name)", "Email", "Join time", "Leave time",
"Duration (minutes)". One row per session: someone who drops out and comes
back, or joins on two devices, has several rows. Times are "03/15/2026
09:58:12 AM" in the account's time zone, without an offset.

Microsoft Teams, attendance report (the meeting's Attendance tab, "Download";
older clients save UTF-16 with tabs): a "1. Summary" block, then "2.
Participants" with "Name", "First Join", "Last Leave", "In-Meeting Duration",
"Email", "Participant ID (UPN)", "Role", one row per person, then "3.
In-Meeting Activities" (read no further: the participants block already sums
each person's sessions). Durations are "1h 5m 3s"; times "3/15/26, 9:58:12
AM" in the organiser's locale. Some tenants write "Full Name", "Join time",
"Leave time", "Duration".

Google Meet, attendance tracking (the sheet Meet sends the organiser,
downloaded as CSV): "First name", "Last name", "Email", "Duration", "Time
joined", "Time exited", one row per person. Durations are "1 hr 5 min";
times may be clock times only ("10:02 AM"), which are taken on the webinar's
day.

Times without an offset are read in the webinar's time zone; "Z", "UTC",
"GMT+3" or "+03:00" after a time are honoured. Slashed dates are read month
first or day first as the mapping says; "auto" picks the order that puts the
file's dates on the webinar's day.

How long someone attended: overlapping sessions count once (the union of
their join-leave intervals), and never more than the durations the tool
reports (Teams and Meet give first join and last leave with the time actually
spent in between). Rows with a duration but no times are added. Totals are
rounded to the nearest minute.
"""

import codecs
import csv
import io
import re
from collections.abc import Iterable, Sequence
from dataclasses import asdict, dataclass, field
from datetime import UTC, date, datetime, time, timedelta, timezone, tzinfo

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from .zones import zone_of

#: The columns a mapping can name, in the order the mapping form shows them.
FIELDS = ("email", "name", "first_name", "last_name", "joined", "left", "duration")
#: How far from the webinar a time may fall before it is taken for a mistake
#: (another meeting's report, a wrong date order or time zone).
PLAUSIBLE_MARGIN = timedelta(days=1)
#: How many rows to search for the header row.
HEADER_SEARCH_ROWS = 40
#: Cell values are echoed in problems cut to this length.
ECHO_LENGTH = 80
DATE_ORDERS = ("auto", "mdy", "dmy")


class AttendanceFileError(Exception):
    """The file as a whole cannot be read: not text, not CSV, no header."""

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


@dataclass(frozen=True)
class Preset:
    """The columns of one meeting tool's export: field -> header aliases."""

    key: str
    label: str
    columns: dict[str, tuple[str, ...]]
    #: Columns a header row must hold to be this export's: other blocks of
    #: the same file (Zoom's meeting summary) share some of the names.
    required: tuple[str, ...] = ("email",)
    date_order: str = "auto"

    def mapping_for(self, headers: Sequence[str]) -> "ColumnMapping | None":
        """The mapping onto ``headers``, or None when a needed column is missing."""
        present = {_header_key(header): header for header in headers}
        chosen = {}
        for name, aliases in self.columns.items():
            found = next(
                (present[a] for a in map(_header_key, aliases) if a in present), ""
            )
            chosen[name] = found
        if not all(chosen[name] for name in self.required):
            return None
        mapping = ColumnMapping(date_order=self.date_order, preset=self.key, **chosen)
        return mapping if mapping.is_complete() else None


PRESETS = {
    "zoom": Preset(
        "zoom",
        gettext_lazy("Zoom participants report"),
        {
            "email": ("User Email", "Email"),
            "name": ("Name (Original Name)", "Name (original name)", "Name"),
            "joined": ("Join Time", "Join time"),
            "left": ("Leave Time", "Leave time"),
            "duration": ("Duration (Minutes)", "Duration (minutes)"),
        },
        required=("email", "joined", "left"),
    ),
    "teams": Preset(
        "teams",
        gettext_lazy("Microsoft Teams attendance report"),
        {
            "email": ("Email", "Participant ID (UPN)"),
            "name": ("Name", "Full Name"),
            "joined": ("First Join", "Join time", "Join Time"),
            "left": ("Last Leave", "Leave time", "Leave Time"),
            "duration": ("In-Meeting Duration", "Duration"),
        },
        required=("email", "name"),
    ),
    "meet": Preset(
        "meet",
        gettext_lazy("Google Meet attendance report"),
        {
            "email": ("Email",),
            "first_name": ("First name",),
            "last_name": ("Last name",),
            "joined": ("Time joined",),
            "left": ("Time exited",),
            "duration": ("Duration",),
        },
        required=("email", "first_name", "last_name"),
    ),
}


def _header_key(header: str) -> str:
    return " ".join(header.split()).casefold()


@dataclass(frozen=True)
class ColumnMapping:
    """Which header holds what; empty for a column the file does not have."""

    email: str = ""
    name: str = ""
    first_name: str = ""
    last_name: str = ""
    joined: str = ""
    left: str = ""
    duration: str = ""
    date_order: str = "auto"
    #: The preset it came from, "" for one staff made.
    preset: str = ""

    def is_complete(self) -> bool:
        """An email, and either a duration or both times."""
        return bool(self.email and (self.duration or (self.joined and self.left)))

    def headers(self) -> set[str]:
        return {_header_key(getattr(self, name)) for name in FIELDS} - {""}

    def as_dict(self) -> dict:
        return asdict(self)

    @classmethod
    def from_dict(cls, values: dict) -> "ColumnMapping":
        return cls(**{key: str(values.get(key) or "") for key in asdict(cls())})


@dataclass(frozen=True)
class Problem:
    """What is wrong with a row (``row`` as a spreadsheet numbers it; 0 for
    the whole file), with the offending cell as found."""

    row: int
    message: str
    value: str = ""
    email: str = ""


@dataclass(frozen=True)
class AttendanceRow:
    """One valid row: a session of one person."""

    row: int
    email: str
    name: str
    joined: datetime | None
    left: datetime | None
    seconds: int | None


@dataclass(frozen=True)
class PersonAttendance:
    """One person's sessions in the file, added up."""

    email: str
    name: str
    rows: tuple[int, ...]
    minutes: int
    joined: datetime | None
    left: datetime | None


@dataclass
class ParsedFile:
    """What a file holds under a mapping: valid rows and row problems."""

    mapping: ColumnMapping
    headers: list[str]
    header_row: int
    rows: list[AttendanceRow] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    date_order: str = "mdy"


@dataclass(frozen=True)
class WebinarTimes:
    """What of the webinar parsing needs: its zone and when it ran."""

    zone_name: str
    starts_at: datetime
    ends_at: datetime

    @property
    def zone(self):
        return zone_of(self.zone_name)

    def local_day(self) -> date:
        return self.starts_at.astimezone(self.zone).date()

    def is_plausible(self, moment: datetime) -> bool:
        return (
            self.starts_at - PLAUSIBLE_MARGIN
            <= moment
            <= self.ends_at + PLAUSIBLE_MARGIN
        )


# Reading the file ---------------------------------------------------------


def echo(value: str) -> str:
    """A cell value as problems quote it: on one line, and cut short."""
    value = " ".join(value.split())
    return value if len(value) <= ECHO_LENGTH else value[: ECHO_LENGTH - 1] + "…"


def decode(data: bytes) -> str:
    """The file's text: UTF-8 with or without BOM, or UTF-16 with a BOM."""
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        encoding = "utf-16"
    else:
        encoding = "utf-8-sig"
    try:
        return data.decode(encoding)
    except UnicodeDecodeError:
        raise AttendanceFileError(
            _("The file is not UTF-8 text: export it again as CSV UTF-8 and upload it.")
        ) from None


def delimiter_sniff(text: str) -> str:
    """Comma, semicolon or tab: what splits the first lines most evenly."""
    lines = [line for line in text.splitlines()[:HEADER_SEARCH_ROWS] if line.strip()]
    if not lines:
        raise AttendanceFileError(_("The file is empty."))
    try:
        return csv.Sniffer().sniff("\n".join(lines), delimiters=",;\t").delimiter
    except csv.Error:
        counts = {d: sum(line.count(d) for line in lines) for d in ",;\t"}
        return max(counts, key=counts.get)


def csv_records(data: bytes) -> tuple[list[list[str]], str]:
    """Every record of the file, blank ones included (so that the n-th is
    the n-th row in a spreadsheet), and the delimiter found."""
    text = decode(data)
    delimiter = delimiter_sniff(text)
    try:
        records = list(csv.reader(io.StringIO(text, newline=""), delimiter=delimiter))
    except csv.Error as error:
        raise AttendanceFileError(
            _("The file is not valid CSV: %(error)s") % {"error": error}
        ) from None
    return [[cell.strip() for cell in record] for record in records], delimiter


def _is_blank(record: Sequence[str]) -> bool:
    return not any(record)


def header_index(records: Sequence[Sequence[str]], wanted: set[str]) -> int | None:
    """The index of the first row holding all the ``wanted`` headers."""
    for index, record in enumerate(records[:HEADER_SEARCH_ROWS]):
        if wanted <= {_header_key(cell) for cell in record}:
            return index
    return None


def preset_detect(records: Sequence[Sequence[str]]) -> ColumnMapping | None:
    """The mapping of the preset that best fits the first header row one fits.

    Exports share names ("Email", "Duration"): on a row several presets fit,
    the one that finds most of its columns wins.
    """
    for record in records[:HEADER_SEARCH_ROWS]:
        fits = [
            mapping
            for mapping in (p.mapping_for(record) for p in PRESETS.values())
            if mapping is not None
        ]
        if fits:
            return max(fits, key=lambda mapping: len(mapping.headers()))
    return None


def header_guess(records: Sequence[Sequence[str]]) -> list[str]:
    """Headers to offer for a mapping by hand: the first row with several
    cells that holds an email column, else the first row with several cells."""
    candidates = [r for r in records[:HEADER_SEARCH_ROWS] if sum(map(bool, r)) > 1]
    for record in candidates:
        if any("mail" in cell.casefold() for cell in record):
            return list(record)
    return list(candidates[0]) if candidates else []


def _data_records(records, start: int, headers: set[str]):
    """(row number, record) of the table after the header row at ``start``.

    The table ends where another block begins: after a blank row, at a row
    with a single cell (a title such as Teams' "3. In-Meeting Activities")
    or at a repeated header row. Blank rows inside the table are skipped.
    """
    after_blank = False
    for index in range(start + 1, len(records)):
        record = records[index]
        if _is_blank(record):
            after_blank = True
            continue
        if after_blank and (
            sum(map(bool, record)) == 1
            or headers <= {_header_key(cell) for cell in record}
        ):
            return
        after_blank = False
        yield index + 1, record


# Cells ---------------------------------------------------------------------

_DURATION_PART = re.compile(
    r"(\d+(?:[.,]\d+)?)\s*(hours?|hrs?|h|minutes?|mins?|m|seconds?|secs?|s)\b\.?",
    re.IGNORECASE,
)
_UNIT_SECONDS = {"h": 3600, "m": 60, "s": 1}


def duration_parse(value: str) -> int:
    """Seconds in "65" (minutes), "65.5", "1:05:03", "1h 5m 3s", "1 hr 5 min".

    Raises ValueError for anything else.
    """
    text = " ".join(value.split()).casefold()
    if re.fullmatch(r"<\s*1\s*(min|m|minute)", text):
        return 0  # Meet's "< 1 min"
    if re.fullmatch(r"\d+(?:[.,]\d+)?", text):
        return round(float(text.replace(",", ".")) * 60)
    if re.fullmatch(r"\d+(?::\d{2}){1,2}", text):
        parts = [int(part) for part in text.split(":")]
        if any(part >= 60 for part in parts[1:]):
            raise ValueError(value)
        hours, minutes, seconds = [*parts, 0] if len(parts) == 2 else parts
        return hours * 3600 + minutes * 60 + seconds
    total, position = 0.0, 0
    for match in _DURATION_PART.finditer(text):
        if text[position : match.start()].strip(" ,"):
            raise ValueError(value)
        total += float(match[1].replace(",", ".")) * _UNIT_SECONDS[match[2][0]]
        position = match.end()
    if position == 0 or text[position:].strip(" ,"):
        raise ValueError(value)
    return round(total)


_OFFSET = re.compile(
    r"\s*(?:(?P<utc>Z|UTC|GMT)|(?:UTC|GMT)?\s*(?P<sign>[+-])(?P<h>\d{1,2}):?(?P<m>\d{2})?)$",
    re.IGNORECASE,
)
_TIMES = ("%I:%M:%S %p", "%I:%M %p", "%H:%M:%S", "%H:%M")
_DATES = {
    "mdy": ("%m/%d/%Y", "%m/%d/%y"),
    "dmy": ("%d/%m/%Y", "%d/%m/%y"),
    "any": (
        "%Y-%m-%d",
        "%Y/%m/%d",
        "%d.%m.%Y",
        "%d.%m.%y",
        "%b %d %Y",
        "%B %d %Y",
        "%d %b %Y",
        "%d %B %Y",
    ),
}


def _offset_split(text: str) -> list[tuple[str, tzinfo | None]]:
    """Ways to read ``text``: as it is, and without an offset it may end in."""
    readings: list[tuple[str, tzinfo | None]] = [(text, None)]
    match = _OFFSET.search(text)
    if match and match.start() > 0:
        if match["utc"]:
            offset = UTC
        else:
            minutes = int(match["h"]) * 60 + int(match["m"] or 0)
            sign = -1 if match["sign"] == "-" else 1
            offset = timezone(sign * timedelta(minutes=minutes))
        readings.insert(0, (text[: match.start()].rstrip(), offset))
    return readings


def _strptime_any(text: str, formats: Iterable[str]) -> datetime | None:
    for fmt in formats:
        try:
            return datetime.strptime(text, fmt)
        except ValueError:
            continue
    return None


def time_parse(value: str, *, times: WebinarTimes, date_order: str) -> datetime:
    """The instant a cell names, aware; ValueError if it names none.

    A clock time alone is taken on the webinar's day (the day before or after
    when that is nearer to the webinar, for one that spans midnight).
    """
    text = value.replace("\u202f", " ").replace("\xa0", " ").replace(",", " ")
    text = " ".join(text.split())
    try:
        parsed = datetime.fromisoformat(text)
    except ValueError:
        parsed = None
    date_formats = (*_DATES[date_order], *_DATES["any"])
    for body, offset in [] if parsed else _offset_split(text):
        parsed = _strptime_any(body, (f"{d} {t}" for d in date_formats for t in _TIMES))
        if parsed is None:
            clock = _strptime_any(body, _TIMES)
            parsed = clock and _on_webinar_day(clock.time(), times)
        if parsed is not None:
            if offset is not None:
                parsed = parsed.replace(tzinfo=offset)
            break
    if parsed is None:
        raise ValueError(value)
    if parsed.tzinfo is None:
        parsed = parsed.replace(tzinfo=times.zone)
    return parsed.astimezone(UTC)


def _on_webinar_day(clock: time, times: WebinarTimes) -> datetime:
    day = times.local_day()
    candidates = [
        datetime.combine(day + timedelta(days=shift), clock) for shift in (-1, 0, 1)
    ]
    start = times.starts_at.astimezone(times.zone).replace(tzinfo=None)
    return min(candidates, key=lambda moment: abs(moment - start))


def date_order_guess(cells: Iterable[str], times: WebinarTimes) -> str:
    """Month or day first: the order that puts more dates near the webinar."""
    fits = {"mdy": 0, "dmy": 0}
    for cell in cells:
        for order in fits:
            try:
                moment = time_parse(cell, times=times, date_order=order)
            except ValueError:
                continue
            fits[order] += times.is_plausible(moment)
    return "dmy" if fits["dmy"] > fits["mdy"] else "mdy"


def email_normalise(value: str) -> str:
    """Email addresses are matched without regard to case (Zoom may write
    "<amina@example.org>" or "mailto:" links)."""
    value = value.strip().strip("<>").strip()
    if value.casefold().startswith("mailto:"):
        value = value[len("mailto:") :]
    return value.casefold()


# Rows ----------------------------------------------------------------------


def attendance_parse(
    data: bytes, mapping: ColumnMapping, *, times: WebinarTimes
) -> ParsedFile:
    """The rows of ``data`` read with ``mapping``; AttendanceFileError when
    the file cannot be read or lacks a mapped column."""
    if not mapping.is_complete():
        raise AttendanceFileError(
            _("Choose the email column, and the duration or both join and leave times.")
        )
    records, _delimiter = csv_records(data)
    start = header_index(records, mapping.headers())
    if start is None:
        missing = ", ".join(
            f"“{getattr(mapping, name)}”" for name in FIELDS if getattr(mapping, name)
        )
        raise AttendanceFileError(
            _("No row of the file holds all the columns %(columns)s.")
            % {"columns": missing}
        )
    headers = records[start]
    positions = {_header_key(cell): index for index, cell in enumerate(headers)}
    column = {
        name: positions.get(_header_key(getattr(mapping, name)))
        for name in FIELDS
        if getattr(mapping, name)
    }
    table = list(_data_records(records, start, mapping.headers()))
    order = mapping.date_order
    if order not in ("mdy", "dmy"):
        order = date_order_guess(
            (
                _cell(record, column.get(name))
                for _row, record in table
                for name in ("joined", "left")
            ),
            times,
        )
    parsed = ParsedFile(mapping, list(headers), start + 1, date_order=order)
    for row, record in table:
        result = _row_parse(row, record, column, times, order)
        if isinstance(result, AttendanceRow):
            parsed.rows.append(result)
        else:
            parsed.problems.extend(result)
    if not parsed.rows and not parsed.problems:
        parsed.problems.append(Problem(0, _("The file holds no attendance rows.")))
    return parsed


def _cell(record: Sequence[str], index: int | None) -> str:
    if index is None or index >= len(record):
        return ""
    return record[index]


def _row_parse(row, record, column, times: WebinarTimes, order):
    """An AttendanceRow, or the list of what is wrong with the row."""
    problems = []
    raw_email = _cell(record, column.get("email"))
    email = email_normalise(raw_email)
    if not email:
        problems.append(
            Problem(row, _("No email address: the row cannot be matched to a learner."))
        )
    else:
        try:
            validate_email(email)
        except ValidationError:
            problems.append(
                Problem(row, _("This is not an email address."), echo(raw_email))
            )
            email = ""
    moments = {}
    for name in ("joined", "left"):
        value = _cell(record, column.get(name))
        if not value:
            moments[name] = None
            continue
        try:
            moment = time_parse(value, times=times, date_order=order)
        except ValueError:
            problems.append(
                Problem(row, _("This is not a date and time."), echo(value), email)
            )
            moments[name] = None
            continue
        if not times.is_plausible(moment):
            problems.append(
                Problem(
                    row,
                    _("This time is not on the day of the webinar."),
                    echo(value),
                    email,
                )
            )
        moments[name] = moment
    seconds = None
    duration = _cell(record, column.get("duration"))
    if duration:
        try:
            seconds = duration_parse(duration)
        except ValueError:
            problems.append(
                Problem(row, _("This is not a duration."), echo(duration), email)
            )
    joined, left = moments["joined"], moments["left"]
    if joined and left and left < joined:
        problems.append(
            Problem(row, _("The leave time is before the join time."), "", email)
        )
    if not problems and seconds is None and not (joined and left):
        problems.append(
            Problem(row, _("No duration, and no join and leave times."), "", email)
        )
    if problems:
        return problems
    return AttendanceRow(row, email, _name(record, column), joined, left, seconds)


def _name(record, column) -> str:
    name = _cell(record, column.get("name"))
    if name:
        return name
    return " ".join(
        filter(
            None, (_cell(record, column.get(n)) for n in ("first_name", "last_name"))
        )
    )


# People --------------------------------------------------------------------


def _union_seconds(intervals: list[tuple[datetime, datetime]]) -> int:
    """How long the intervals cover together, overlaps counted once."""
    total = 0
    current_start = current_end = None
    for start, end in sorted(intervals):
        if current_end is None or start > current_end:
            if current_end is not None:
                total += (current_end - current_start).total_seconds()
            current_start, current_end = start, end
        else:
            current_end = max(current_end, end)
    if current_end is not None:
        total += (current_end - current_start).total_seconds()
    return round(total)


def person_total_seconds(rows: Sequence[AttendanceRow]) -> int:
    """A person's time attended, from all their rows (see the module notes)."""
    timed = [r for r in rows if r.joined and r.left]
    untimed = [r for r in rows if not (r.joined and r.left)]
    reported = sum(r.seconds for r in rows if r.seconds is not None)
    if not timed:
        return reported
    covered = _union_seconds([(r.joined, r.left) for r in timed])
    covered += sum(r.seconds or 0 for r in untimed)
    if all(r.seconds is not None for r in timed):
        return min(covered, reported)
    return covered


def people(rows: Iterable[AttendanceRow]) -> list[PersonAttendance]:
    """One record per email address, in the order people first appear."""
    by_email: dict[str, list[AttendanceRow]] = {}
    for row in rows:
        by_email.setdefault(row.email, []).append(row)
    result = []
    for email, own in by_email.items():
        joins = [r.joined for r in own if r.joined]
        leaves = [r.left for r in own if r.left]
        result.append(
            PersonAttendance(
                email=email,
                name=next((r.name for r in own if r.name), ""),
                rows=tuple(r.row for r in own),
                minutes=(person_total_seconds(own) + 30) // 60,
                joined=min(joins) if joins else None,
                left=max(leaves) if leaves else None,
            )
        )
    return result
