"""Reading meeting tools' attendance reports: presets, mapping, times, sums.

Pure functions: no database.
"""

from datetime import UTC, datetime
from pathlib import Path

import pytest

from lms.webinars.attendance_import import (
    AttendanceFileError,
    AttendanceRow,
    ColumnMapping,
    attendance_parse,
    csv_records,
    duration_parse,
    header_guess,
    people,
    preset_detect,
    time_parse,
)
from lms.webinars.attendance_import import WebinarTimes as Times

SAMPLES = Path(__file__).parent / "samples"
#: 10:00 to 11:30 in Nairobi (UTC+3) on 15 March 2026.
TIMES = Times(
    "Africa/Nairobi",
    datetime(2026, 3, 15, 7, 0, tzinfo=UTC),
    datetime(2026, 3, 15, 8, 30, tzinfo=UTC),
)
GENERIC = ColumnMapping(
    email="Adresse e-mail",
    name="Nom",
    joined="Arrivée",
    left="Départ",
    duration="Durée",
)


def sample(name: str) -> bytes:
    return (SAMPLES / name).read_bytes()


def parse_sample(name: str, mapping: ColumnMapping | None = None):
    data = sample(name)
    if mapping is None:
        records, _delimiter = csv_records(data)
        mapping = preset_detect(records)
    return attendance_parse(data, mapping, times=TIMES)


def minutes_by_email(parsed) -> dict[str, int]:
    return {person.email: person.minutes for person in people(parsed.rows)}


def utc(hour, minute, second=0) -> datetime:
    return datetime(2026, 3, 15, hour, minute, second, tzinfo=UTC)


class TestPresets:
    def test_zoom_report_with_meeting_data_is_recognised_below_the_meeting(self):
        parsed = parse_sample("zoom.csv")
        assert parsed.mapping.preset == "zoom"
        assert parsed.mapping.joined == "Join Time"
        assert parsed.header_row == 4
        # Rejoining: 09:58:12-10:40 and 10:35-11:30 overlap by five minutes.
        assert minutes_by_email(parsed) == {
            "amina@example.org": 92,
            "kofi@example.org": 20,
            "stranger@example.org": 55,
        }
        (problem,) = parsed.problems
        assert problem.row == 8
        assert problem.message.startswith("No email address")

    def test_teams_report_in_utf16_with_tabs_reads_the_participants_block(self):
        parsed = parse_sample("teams.csv")
        assert parsed.mapping.preset == "teams"
        assert parsed.header_row == 10
        # The in-meeting duration, not first join to last leave (91 minutes);
        # the "In-Meeting Activities" block after it is not read again.
        assert minutes_by_email(parsed) == {
            "amina@example.org": 87,
            "kofi@example.org": 20,
            "lina@example.org": 90,
        }
        assert not parsed.problems
        assert {row.row for row in parsed.rows} == {11, 12, 13}

    def test_google_meet_clock_times_are_taken_on_the_webinars_day(self):
        parsed = parse_sample("meet.csv")
        assert parsed.mapping.preset == "meet"
        amina = parsed.rows[0]
        assert amina.name == "Amina Diallo"
        assert amina.joined == utc(6, 58)
        assert amina.left == utc(8, 30)
        assert minutes_by_email(parsed) == {
            "amina@example.org": 91,
            "kofi@example.org": 20,
        }
        (problem,) = parsed.problems
        assert (problem.row, problem.value) == (4, "lots")
        assert problem.message == "This is not a duration."

    def test_unknown_columns_are_left_to_staff(self):
        records, delimiter = csv_records(sample("semicolon_bom.csv"))
        assert delimiter == ";"
        assert preset_detect(records) is None
        # The BOM is not part of the first header.
        assert header_guess(records)[0] == "Nom"

    def test_a_meet_sheet_is_not_taken_for_teams_though_both_have_email_and_duration(
        self,
    ):
        records, _delimiter = csv_records(
            b"First name,Last name,Email,Duration\nA,B,a@example.org,1 hr\n"
        )
        assert preset_detect(records).preset == "meet"


class TestGenericMapping:
    def test_semicolons_bom_and_day_first_dates(self):
        parsed = parse_sample("semicolon_bom.csv", GENERIC)
        assert parsed.date_order == "dmy"
        assert minutes_by_email(parsed) == {
            "amina@example.org": 92,
            "elodie@example.org": 50,
        }
        (problem,) = parsed.problems
        assert problem.row == 4
        assert problem.value == "pas une heure"
        assert problem.email == "kofi@example.org"

    def test_the_order_given_wins_over_the_guess(self):
        mapping = ColumnMapping(**{**GENERIC.as_dict(), "date_order": "mdy"})
        parsed = parse_sample("semicolon_bom.csv", mapping)
        # 15/03 read month first is no date at all.
        assert {p.row for p in parsed.problems} == {2, 3, 4}

    def test_a_missing_column_is_a_file_problem(self):
        mapping = ColumnMapping(**{**GENERIC.as_dict(), "email": "Courriel"})
        with pytest.raises(AttendanceFileError, match="No row of the file"):
            parse_sample("semicolon_bom.csv", mapping)

    def test_an_email_alone_is_not_enough(self):
        with pytest.raises(AttendanceFileError, match="Choose the email column"):
            attendance_parse(b"Email\n", ColumnMapping(email="Email"), times=TIMES)

    def test_duration_only_rows_are_added_up(self):
        data = b"Email,Minutes\na@example.org,20\nA@example.org,15\n"
        mapping = ColumnMapping(email="Email", duration="Minutes")
        parsed = attendance_parse(data, mapping, times=TIMES)
        assert minutes_by_email(parsed) == {"a@example.org": 35}

    def test_blank_rows_inside_the_table_are_skipped(self):
        data = b"Email,Minutes\na@example.org,20\n\nb@example.org,15\n"
        mapping = ColumnMapping(email="Email", duration="Minutes")
        parsed = attendance_parse(data, mapping, times=TIMES)
        assert [row.row for row in parsed.rows] == [2, 4]

    def test_a_file_with_only_a_header_has_a_problem(self):
        mapping = ColumnMapping(email="Email", duration="Minutes")
        parsed = attendance_parse(b"Email,Minutes\n", mapping, times=TIMES)
        assert parsed.problems[0].row == 0


class TestRowProblems:
    mapping = ColumnMapping(email="Email", joined="In", left="Out", duration="Min")

    def problems(self, line: str):
        data = f"Email,In,Out,Min\n{line}\n".encode()
        return attendance_parse(data, self.mapping, times=TIMES).problems

    def test_bad_email(self):
        (problem,) = self.problems("not-an-address,,,20")
        assert problem.message == "This is not an email address."

    def test_bad_time(self):
        (problem,) = self.problems("a@example.org,yesterday,2026-03-15 11:00,20")
        assert problem.message == "This is not a date and time."
        assert problem.value == "yesterday"

    def test_a_time_far_from_the_webinar(self):
        (problem,) = self.problems("a@example.org,2026-02-01 10:00,2026-03-15 11:00,20")
        assert problem.message == "This time is not on the day of the webinar."

    def test_leaving_before_joining(self):
        (problem,) = self.problems("a@example.org,2026-03-15 11:00,2026-03-15 10:00,20")
        assert problem.message == "The leave time is before the join time."

    def test_no_duration_and_no_times(self):
        (problem,) = self.problems("a@example.org,,,")
        assert problem.message == "No duration, and no join and leave times."

    def test_echoed_values_are_cut_short(self):
        (problem,) = self.problems("a@example.org,,," + "9" * 200 + "x")
        assert len(problem.value) == 80
        assert problem.value.endswith("…")

    def test_not_utf8_is_a_file_problem(self):
        with pytest.raises(AttendanceFileError, match="not UTF-8"):
            csv_records("Email;Durée\né@example.org;20\n".encode("latin-1"))

    def test_empty_file(self):
        with pytest.raises(AttendanceFileError, match="empty"):
            csv_records(b"\n\n")


class TestTimes:
    @pytest.mark.parametrize(
        ("value", "expected"),
        [
            ("03/15/2026 09:58:12 AM", utc(6, 58, 12)),
            ("3/15/26, 9:58:12 AM", utc(6, 58, 12)),
            ("2026-03-15 10:00:00", utc(7, 0)),
            ("2026-03-15T10:00:00+01:00", utc(9, 0)),
            ("2026-03-15 10:00Z", utc(10, 0)),
            ("03/15/2026 10:00 UTC", utc(10, 0)),
            ("03/15/2026 10:00 GMT+3", utc(7, 0)),
            ("15.03.2026 10:00", utc(7, 0)),
            ("Mar 15, 2026 10:00 AM", utc(7, 0)),
            ("10:02 AM", utc(7, 2)),
            ("10:02\u202fAM", utc(7, 2)),
        ],
    )
    def test_formats(self, value, expected):
        assert time_parse(value, times=TIMES, date_order="mdy") == expected

    def test_a_clock_time_after_midnight_is_the_next_day(self):
        late = Times(
            "UTC",
            datetime(2026, 3, 15, 23, 30, tzinfo=UTC),
            datetime(2026, 3, 16, 0, 30, tzinfo=UTC),
        )
        moment = time_parse("00:10", times=late, date_order="mdy")
        assert moment == datetime(2026, 3, 16, 0, 10, tzinfo=UTC)

    def test_not_a_time(self):
        with pytest.raises(ValueError):
            time_parse("soon", times=TIMES, date_order="mdy")


class TestDurations:
    @pytest.mark.parametrize(
        ("value", "seconds"),
        [
            ("65", 3900),
            ("65.5", 3930),
            ("1h 5m 3s", 3903),
            ("45m 12s", 2712),
            ("1 hr 5 min", 3900),
            ("2 hrs", 7200),
            ("1:05:03", 3903),
            ("1:05", 3900),
            ("< 1 min", 0),
        ],
    )
    def test_formats(self, value, seconds):
        assert duration_parse(value) == seconds

    @pytest.mark.parametrize("value", ["", "lots", "1h x", "1:75"])
    def test_not_durations(self, value):
        with pytest.raises(ValueError):
            duration_parse(value)


class TestPeople:
    def row(self, number, start, end, seconds=None, email="a@example.org"):
        return AttendanceRow(number, email, "", start, end, seconds)

    def test_overlapping_sessions_count_once(self):
        rows = [
            self.row(2, utc(7, 0), utc(8, 0), 3600),
            self.row(3, utc(7, 30), utc(8, 30), 3600),
        ]
        (person,) = people(rows)
        assert person.minutes == 90
        assert (person.joined, person.left) == (utc(7, 0), utc(8, 30))
        assert person.rows == (2, 3)

    def test_reported_time_in_the_meeting_caps_first_join_to_last_leave(self):
        (person,) = people([self.row(2, utc(7, 0), utc(8, 30), 50 * 60)])
        assert person.minutes == 50

    def test_times_alone_count_the_interval_rounded_to_the_minute(self):
        (person,) = people([self.row(2, utc(7, 0, 0), utc(7, 29, 40))])
        assert person.minutes == 30

    def test_one_record_per_address_in_order_of_appearance(self):
        rows = [
            self.row(2, None, None, 600, "b@example.org"),
            self.row(3, None, None, 600, "a@example.org"),
            self.row(4, None, None, 600, "b@example.org"),
        ]
        assert [(p.email, p.minutes) for p in people(rows)] == [
            ("b@example.org", 20),
            ("a@example.org", 10),
        ]
