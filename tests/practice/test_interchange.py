import datetime
import io
from pathlib import Path

import pytest

from exchange.practice.enums import DatePrecision
from exchange.practice.interchange import (
    EXTRA_CELLS,
    FIELDS,
    InterchangeError,
    format_start_date,
    parse_start_date,
    practice_rows,
    read_file,
    write_csv,
    write_json,
)
from exchange.practice.models import Practice, PracticeFocus
from tests.factories import PracticeFactory, TopicFactory

DATA = Path(__file__).parent / "data"


def test_fields_are_the_interchange_names_in_order():
    assert FIELDS[:3] == ["title", "summary", "evidence_label"]
    assert FIELDS[-5:] == ["source_url", "visibility", "external_id", "uid", "label_history"]
    assert len(FIELDS) == 30


@pytest.mark.parametrize(("text", "date", "precision"), [
    ("2024", datetime.date(2024, 1, 1), DatePrecision.YEAR),
    ("2024-03", datetime.date(2024, 3, 1), DatePrecision.MONTH),
    ("2024-02-29", datetime.date(2024, 2, 29), DatePrecision.DAY),
])
def test_start_dates_keep_their_precision_both_ways(text, date, precision):
    assert parse_start_date(text) == (date, precision)
    assert format_start_date(date, precision) == text


@pytest.mark.parametrize("text", ["2024-13", "2023-02-29", "24", "March 2024", "2024-3-1x"])
def test_start_dates_that_are_not_dates_are_refused(text):
    with pytest.raises(ValueError, match="YYYY, YYYY-MM or YYYY-MM-DD"):
        parse_start_date(text)


def test_json_rows_are_numbered_from_one():
    rows = read_file(DATA / "practices.json")
    assert [number for number, _ in rows] == [1, 2, 3]
    assert rows[0][1]["focus"] == ["prevention", "diversion"]


def test_csv_rows_are_numbered_as_in_a_spreadsheet_and_keep_multiline_cells():
    rows = read_file(DATA / "practices.csv")
    assert [number for number, _ in rows] == [2, 3]
    assert rows[1][1]["title"] == "Call handling triage, revised"
    assert rows[1][1]["description"] == "A new triage script.\nIt did not shorten waits."


def test_the_format_is_told_from_the_content_when_the_extension_says_nothing(tmp_path):
    path = tmp_path / "entries.txt"
    path.write_text('[{"title": "T"}]')
    assert read_file(path) == [(1, {"title": "T"})]
    path.write_text("title,evidence_label\nT,worked\n")
    assert read_file(path) == [(2, {"title": "T", "evidence_label": "worked"})]


@pytest.mark.parametrize(("content", "message"), [
    ('{"title": "T"}', "must hold an array"),
    ('[{"title": "T"}, "oops"]', "Row 2 is not an object"),
    ("[{", "not valid JSON"),
])
def test_a_json_file_that_is_not_an_array_of_objects_is_refused(tmp_path, content, message):
    path = tmp_path / "entries.json"
    path.write_text(content)
    with pytest.raises(InterchangeError, match=message):
        read_file(path)


def test_a_missing_file_is_a_clear_error(tmp_path):
    with pytest.raises(InterchangeError, match="Cannot read"):
        read_file(tmp_path / "nope.json")


def test_extra_csv_cells_are_kept_to_be_reported_against_their_row(tmp_path):
    path = tmp_path / "entries.csv"
    path.write_text("title,evidence_label\nT,worked,surprise\n")
    assert read_file(path)[0][1][EXTRA_CELLS] == ["surprise"]


def test_csv_writing_joins_lists_and_reading_gives_them_back(tmp_path):
    row = dict.fromkeys(FIELDS, "") | {
        "title": "T", "focus": ["prevention", "diversion"], "partners": ["A council", "B trust"],
        "external_id": None}
    path = tmp_path / "out.csv"
    with path.open("w", newline="", encoding="utf-8") as fileobj:
        write_csv([row], fileobj)
    ((_, read),) = read_file(path)
    assert read["focus"] == "prevention; diversion"
    assert read["partners"] == "A council; B trust"
    assert read["external_id"] == ""


def test_json_writing_streams_a_valid_array():
    out = io.StringIO()
    write_json(iter([{"title": "A"}, {"title": "B"}]), out)
    assert out.getvalue().startswith("[\n  {")
    empty = io.StringIO()
    write_json(iter([]), empty)
    assert empty.getvalue() == "[]\n"


@pytest.mark.django_db
def test_practice_rows_give_names_lists_and_dates_as_the_format_says():
    practice = PracticeFactory(start_date=datetime.date(2023, 9, 1),
                               start_date_precision=DatePrecision.MONTH,
                               partners=["Council"], external_id="x-1")
    practice.topics.set([TopicFactory(name="Schools"), TopicFactory(name="knife crime")])
    PracticeFocus.objects.create(practice=practice, value="prevention")
    (row,) = practice_rows(Practice.objects.all())
    assert list(row) == FIELDS
    assert row["organisation"] == practice.organisation.name
    assert row["topics"] == ["knife crime", "Schools"]
    assert row["focus"] == ["prevention"]
    assert row["start_date"] == "2023-09"
    assert row["external_id"] == "x-1"
    (csv_row,) = practice_rows(Practice.objects.all(), for_csv=True)
    assert csv_row["topics"] == "knife crime; Schools"


@pytest.mark.django_db
def test_practice_rows_cost_the_same_queries_for_2_or_12_entries(query_count):
    def count_queries():
        return query_count.of(lambda: list(practice_rows(Practice.objects.all())))

    topic = TopicFactory()
    for practice in PracticeFactory.create_batch(2):
        practice.topics.add(topic)
    few = count_queries()
    for practice in PracticeFactory.create_batch(10):
        practice.topics.add(topic)
    assert count_queries() == few
