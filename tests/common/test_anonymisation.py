"""The anonymisation gate's detector, kind by kind, and measured on the labelled set."""

import pytest
from django.core.management import call_command

from exchange.common.anonymisation import find_identifiers
from exchange.lessons.measurement import load_cases, measure

RECALL_FLOOR = 0.95
PRECISION_FLOOR = 0.95


def kinds(text):
    return [(f.kind, f.text) for f in find_identifiers(text)]


@pytest.mark.parametrize(("text", "expected"), [
    ("PC Smith attended.", ("name", "PC Smith")),
    ("Sergeant Jane Doe reviewed it.", ("name", "Sergeant Jane Doe")),
    ("Mr Ahmed asked for a solicitor.", ("name", "Mr Ahmed")),
    ("It was Jane Smith who called.", ("name", "Jane Smith")),
    ("PC 1234 did not switch on the camera.", ("collar_number", "PC 1234")),
    ("The officer with collar number 5678 left.", ("collar_number", "collar number 5678")),
    ("His warrant number 204518 was noted.", ("warrant_number", "warrant number 204518")),
    ("She rang 07700 900123 twice.", ("phone", "07700 900123")),
    ("Call +44 20 7946 0018 now.", ("phone", "+44 20 7946 0018")),
    ("Write to j.smith@example.com today.", ("email", "j.smith@example.com")),
    ("It happened near SW1A 1AA at night.", ("postcode", "SW1A 1AA")),
    ("Officers went to 12 High Street.", ("address", "12 High Street")),
    ("The car AB12 CDE was seen.", ("vehicle_registration", "AB12 CDE")),
    ("The car L123 ABC was seen.", ("vehicle_registration", "L123 ABC")),
    ("The car YRT 456K was seen.", ("vehicle_registration", "YRT 456K")),
    ("He was born 3 March 1985 in town.", ("date_of_birth", "3 March 1985")),
    ("Her DOB 03/03/1985 was wrong.", ("date_of_birth", "03/03/1985")),
    ("NHS number 943 476 5919 on the sheet.", ("nhs_number", "943 476 5919")),
    ("The NI number AB123456C was used.", ("ni_number", "AB123456C")),
])
def test_each_kind_of_identifier_is_found(text, expected):
    assert expected in kinds(text)


@pytest.mark.parametrize("text", [
    "High Street banks closed early.",
    "Police Scotland shared its guidance.",
    "The review was published in March 2024.",
    "The incident happened on 3 March 2019.",
    "Officer A and PC B gave accounts; Mr X was released.",
    "Jordan Street was closed.",
    "The officer had 12 years' service and used the M25.",
])
def test_innocent_text_is_not_flagged(text):
    assert find_identifiers(text) == []


def test_offsets_point_at_the_finding_in_the_original_text():
    text = "Café note: \u2018PC Smith\u2019 rang 07700 900123."
    for finding in find_identifiers(text):
        assert text[finding.start:finding.end] == finding.text
    assert [f.kind for f in find_identifiers(text)] == ["name", "phone"]


def test_overlapping_matches_become_one_finding():
    findings = find_identifiers("Contact Sergeant Jane Doe on 07700 900321.")
    assert [(f.kind, f.text) for f in findings] == [
        ("name", "Sergeant Jane Doe"), ("phone", "07700 900321")]


def test_an_nhs_number_needs_a_valid_check_digit_unless_named():
    assert find_identifiers("Reference 943 476 5918 applies.") == []
    assert kinds("NHS number 943 476 5918") == [("nhs_number", "943 476 5918")]


def test_the_labelled_set_is_big_enough_and_mixed():
    cases = load_cases()
    assert len(cases) >= 150
    identifying = sum(case["identifying"] for case in cases)
    assert 60 <= identifying <= len(cases) - 60


def test_recall_and_precision_on_the_labelled_set_meet_their_floors():
    result = measure(load_cases())
    assert result.recall >= RECALL_FLOOR, result.missed
    assert result.precision >= PRECISION_FLOOR, result.false_alarms


def test_measure_anonymisation_prints_recall_and_precision(capsys):
    call_command("measure_anonymisation")
    out = capsys.readouterr().out
    result = measure(load_cases())
    assert f"Recall:    {result.recall:.3f}" in out
    assert f"Precision: {result.precision:.3f}" in out


@pytest.mark.parametrize(("text", "expected"), [
    ("Sergeant 1093 Patel found the cell door open.", ("name", "Sergeant 1093 Patel")),
    ("sergeant 1093 Patel found it.", ("name", "sergeant 1093 Patel")),
    ("PC 1093 Raj Patel said so.", ("name", "PC 1093 Raj Patel")),
    ("PC1093 Patel said so.", ("name", "PC1093 Patel")),
    ("Police Constable 2345 Jones stopped the car.", ("name", "Police Constable 2345 Jones")),
    ("DS 4521 Khan led it.", ("name", "DS 4521 Khan")),
    ("A/DS 4521 Khan led it.", ("name", "A/DS 4521 Khan")),
    ("Inspector 22 Brown agreed.", ("name", "Inspector 22 Brown")),
    ("Insp. 22 Brown agreed.", ("name", "Insp. 22 Brown")),
    ("DI 5530 Shah agreed.", ("name", "DI 5530 Shah")),
    ("Chief Inspector 301 Hughes signed.", ("name", "Chief Inspector 301 Hughes")),
    ("Detective Chief Inspector 301 Hughes signed.",
     ("name", "Detective Chief Inspector 301 Hughes")),
    ("Superintendent 77 Rowe agreed.", ("name", "Superintendent 77 Rowe")),
    ("Chief Superintendent 4410 Okafor agreed.", ("name", "Chief Superintendent 4410 Okafor")),
    ("Ch Supt 4410 Okafor agreed.", ("name", "Ch Supt 4410 Okafor")),
    ("Sergeant 1093 attended.", ("collar_number", "Sergeant 1093")),
    ("Constable No. 2210 attended.", ("collar_number", "Constable No. 2210")),
])
def test_a_rank_with_a_number_and_a_surname_is_found(text, expected):
    assert kinds(text) == [expected]


@pytest.mark.parametrize("text", [
    "The inspector arrived 15 minutes later.",
    "The sergeant had 12 years' service.",
    "Chief constables 2 days later agreed.",
])
def test_a_rank_followed_by_a_count_is_not_a_collar_number(text):
    assert find_identifiers(text) == []
