"""The anonymisation gate: find what in a text could identify a person.

A pure module (no database): :func:`find_identifiers` takes text and returns findings with
character offsets, so the edit page, the publication check, the API and the measurement
command all use exactly the same detector. It favours recall: an editor can override a false
finding with a reason, but nothing can undo a published name.
"""

import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path

FIRST_NAMES_FILE = Path(__file__).resolve().parent / "data" / "first_names.txt"


@dataclass(frozen=True)
class Finding:
    kind: str
    start: int
    end: int
    text: str


MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August",
          "September", "October", "November", "December", "Jan", "Feb", "Mar", "Apr", "Jun",
          "Jul", "Aug", "Sep", "Sept", "Oct", "Nov", "Dec"]
DAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
# Capitalised words that follow a title or a first name without being a surname.
NOT_SURNAMES = {
    *MONTHS, *DAYS,
    "Police", "Constabulary", "Force", "Service", "Services", "Scotland", "England", "Wales",
    "Ireland", "Britain", "Street", "St", "Road", "Rd", "Lane", "Avenue", "Close", "Drive", "Way",
    "Station", "Hospital", "Council", "Court", "Crown", "Magistrates", "Trust", "University",
    "College", "School", "Academy", "Centre", "Center", "Park", "Square", "Bridge", "House",
    "Hall", "Team", "Unit", "Group", "Act", "Report", "Review", "Ward", "Health", "Mental",
    "Custody", "Office", "Division", "Area", "Borough", "City", "County", "Town", "Village",
    "Estate", "Gardens", "Green", "Hill", "Market", "Church", "Airport", "Prison", "The", "A",
    "An", "And", "Of", "In", "On", "At", "For", "To", "With", "Training", "Standards",
    "Professional", "Inspector", "Inspectors", "Sergeant", "Sergeants", "Constable",
    "Constables", "Officer", "Officers", "Staff", "Control", "Room", "Response", "Patrol",
    "Federation", "Commissioner", "Independent", "Department", "Home", "Ministry",
    "Justice", "Crime", "Command", "Operations", "Operation", "Support", "Learning",
    "Lessons", "Policing", "National", "Chief", "Detective", "Duty", "Community",
    "Neighbourhood", "Roads", "Traffic", "Call", "Handler", "Handlers",
}
TITLE_WORDS = (
    r"Police\s+Constable|Detective\s+Constable|Detective\s+Sergeant|Detective\s+Inspector|"
    r"Detective\s+Chief\s+Inspector|Detective\s+Superintendent|Chief\s+Inspector|"
    r"Chief\s+Superintendent|Chief\s+Constable|Deputy\s+Chief\s+Constable|"
    r"Assistant\s+Chief\s+Constable|Superintendent|Inspector|Sergeant|Constable|Professor"
)
TITLE_ABBREVIATIONS = (r"PCSO|PC|DC|DS|DI|DCI|DSI|Supt|Ch\s?Supt|Sgt|Insp|Mr|Mrs|Ms|Miss|Mx|"
                       r"Dr|Prof|Sir|Dame|Lady|Lord")
NAME_WORD = r"(?:Mc|Mac|O')?[A-Z][a-z]+(?:-[A-Z][a-z]+)?"

TITLED_NAME = re.compile(
    rf"\b(?:(?i:{TITLE_WORDS})|(?:{TITLE_ABBREVIATIONS})\.?)\s+"
    rf"(?P<first>{NAME_WORD})(?:\s+(?P<second>{NAME_WORD}))?\b")
NAME_PAIR = re.compile(rf"\b(?P<first>[A-Z][a-z]+)\s+(?P<second>{NAME_WORD})\b")
COLLAR_NUMBER = re.compile(
    r"\b(?:(?:PCSO|PC|DC|DS|Sgt|PS)\s?\d{2,5}\b|"
    r"(?i:(?:collar|shoulder|badge)\s+(?:number|no\.?|num)\s*:?\s*)[A-Z]{0,2}\d{2,6}\b)")
WARRANT_NUMBER = re.compile(
    r"(?i:\bwarrant\s+(?:card\s+)?(?:number|no\.?|num)\s*:?\s*)[A-Z]{0,3}\d{3,8}\b")
# A rank, then a collar or warrant number, then perhaps a surname: "Sergeant 1093 Patel",
# "PC1093 Patel", "A/DS 4521 Khan", "Ch Supt 77 Rowe". Rank words are matched in any case;
# the two- and three-letter abbreviations only in capitals, where they cannot be ordinary words.
RANK_WORDS = (r"(?:(?:Acting|Temporary|Trainee)\s+)?(?:(?:Police|Special|Detective|Det\.?)\s+)?"
              r"(?:(?:Deputy|Assistant)\s+)?(?:Chief\s+)?"
              r"(?:Constable|Sergeant|Inspector|Superintendent)|Commander|Sgt|Insp|Supt|"
              r"Ch\.?\s?(?:Insp|Supt)|C/Supt|Det\.?\s?(?:Con|Sgt|Insp|Supt)")
RANK_ABBREVIATIONS = r"(?:[AT]/)?(?:PCSO|PC|SC|TDC|DC|PS|DS|DI|CI|DCI|DSU|DSI|DCS|Cdr|DCC|ACC)"
RANK_NUMBER = re.compile(
    rf"\b(?:(?:[AT]/)?(?i:{RANK_WORDS})|{RANK_ABBREVIATIONS})\.?\s*"
    rf"(?:(?i:no\.?|number)\s*|#\s?)?\d{{2,6}}\b"
    rf"(?:\s+(?P<first>{NAME_WORD})(?:\s+(?P<second>{NAME_WORD}))?\b)?")
# What a number after a rank counts when it is not a collar number ("the inspector 15 minutes
# later").
NOT_COLLAR_NUMBERS = re.compile(
    r"\s+(?i:years?|months?|weeks?|days?|hours?|hrs|minutes?|mins|seconds?|times|officers|"
    r"people|per\s+cent|percent|%)\b")
PHONE = re.compile(r"(?<![\w+])(?:\+44\s?(?:\(0\)\s?)?[1-9]|\(?0[1-9])(?:[\s)-]{0,2}\d){8,9}(?!\d)")
EMAIL = re.compile(r"\b[\w.+-]+@[\w-]+(?:\.[\w-]+)+\b")
POSTCODE = re.compile(r"\b(?:GIR\s?0AA|[A-PR-UWYZ][A-HK-Y]?\d[A-Z\d]?\s?\d[ABD-HJLNP-UW-Z]{2})\b")
STREET_WORDS = (r"Street|St|Road|Rd|Avenue|Ave|Lane|Close|Drive|Way|Crescent|Gardens|Place|"
                r"Terrace|Grove|Court|Square|Hill|Row|Walk|Mews|Parade|View|Rise")
ADDRESS = re.compile(
    rf"\b\d{{1,4}}[A-Za-z]?,?\s+(?:[A-Z][a-z]+\s+){{1,3}}(?:{STREET_WORDS})\b")
VEHICLE_REGISTRATION = re.compile(
    r"\b(?:[A-HJ-PR-Y][A-HJ-PR-Y]\d{2}\s?[A-HJ-PR-Z]{3}"   # current: AB12 CDE
    r"|[A-HJ-PR-Y]\d{1,3}\s?[A-HJ-PR-Z]{3}"               # prefix: A123 BCD
    r"|[A-HJ-PR-Z]{3}\s?\d{1,3}\s?[A-HJ-PR-Y])\b")        # suffix: ABC 123D
MONTH_WORDS = "|".join(MONTHS)
DATE = (rf"\d{{1,2}}(?:st|nd|rd|th)?\s+(?:of\s+)?(?:{MONTH_WORDS})\.?,?\s+\d{{4}}"
        rf"|(?:{MONTH_WORDS})\.?\s+\d{{1,2}}(?:st|nd|rd|th)?,?\s+\d{{4}}"
        r"|\d{1,2}[/.-]\d{1,2}[/.-](?:\d{4}|\d{2})\b|\d{4}-\d{2}-\d{2}\b")
DATE_OF_BIRTH = re.compile(
    rf"(?i:\b(?:born(?:\s+on)?|d\.?o\.?b\.?|date\s+of\s+birth)(?:\s+(?:was|is|of))?\s*[:\-]?\s*)"
    rf"(?P<date>{DATE})")
NHS_NUMBER = re.compile(r"\b\d{3}[\s-]?\d{3}[\s-]?\d{4}\b")
NHS_CONTEXT = re.compile(r"(?i:\bNHS\s+(?:number|no\.?)\s*:?\s*)$")
NI_NUMBER = re.compile(
    r"\b(?!BG|GB|NK|KN|TN|NT|ZZ)[A-CEGHJ-PR-TW-Z][A-CEGHJ-NPR-TW-Z]\s?\d{2}\s?\d{2}\s?\d{2}\s?[A-D]\b")

# When two findings overlap, the longer wins; on a tie, the kind earlier here.
KIND_ORDER = ["email", "date_of_birth", "nhs_number", "ni_number", "warrant_number",
              "collar_number", "phone", "address", "postcode", "vehicle_registration", "name"]


@cache
def first_names():
    lines = FIRST_NAMES_FILE.read_text(encoding="utf-8").splitlines()
    return frozenset(line.strip() for line in lines if line.strip() and not line.startswith("#"))


def find_identifiers(text):
    """Every finding in ``text``, sorted by position, without overlaps."""
    text = text or ""
    found = [
        *_simple(text, "email", EMAIL),
        *_dates_of_birth(text),
        *_nhs_numbers(text),
        *_simple(text, "ni_number", NI_NUMBER),
        *_simple(text, "warrant_number", WARRANT_NUMBER),
        *_simple(text, "collar_number", COLLAR_NUMBER),
        *_phones(text),
        *_simple(text, "address", ADDRESS),
        *_simple(text, "postcode", POSTCODE),
        *_simple(text, "vehicle_registration", VEHICLE_REGISTRATION),
        *_ranks_with_numbers(text),
        *_titled_names(text),
        *_name_pairs(text),
    ]
    return _without_overlaps(found)


def _simple(text, kind, pattern):
    return [Finding(kind, m.start(), m.end(), m.group(0)) for m in pattern.finditer(text)]


def _dates_of_birth(text):
    return [Finding("date_of_birth", m.start("date"), m.end("date"), m.group("date"))
            for m in DATE_OF_BIRTH.finditer(text)]


def _phones(text):
    found = []
    for match in PHONE.finditer(text):
        digits = re.sub(r"\D", "", match.group(0))
        national = digits[2:] if digits.startswith("44") else digits[1:]
        if len(national) in (9, 10):
            found.append(Finding("phone", match.start(), match.end(), match.group(0)))
    return found


def nhs_check_digit_valid(digits):
    """The NHS number's modulus 11 check."""
    total = sum(int(d) * w for d, w in zip(digits[:9], range(10, 1, -1), strict=True))
    check = 11 - total % 11
    check = 0 if check == 11 else check
    return check != 10 and check == int(digits[9])


def _nhs_numbers(text):
    found = []
    for match in NHS_NUMBER.finditer(text):
        digits = re.sub(r"\D", "", match.group(0))
        named = NHS_CONTEXT.search(text[max(0, match.start() - 20):match.start()])
        if named or (not digits.startswith("0") and nhs_check_digit_valid(digits)):
            found.append(Finding("nhs_number", match.start(), match.end(), match.group(0)))
    return found


def _ranks_with_numbers(text):
    """A rank and a number: a collar number, and with the surname after it, a name."""
    found = []
    for match in RANK_NUMBER.finditer(text):
        first, second = match.group("first"), match.group("second")
        if first and first not in NOT_SURNAMES:
            end = match.end("second") if second and second not in NOT_SURNAMES \
                else match.end("first")
            found.append(Finding("name", match.start(), end, text[match.start():end]))
            continue
        end = match.start("first") if first else match.end()
        end = len(text[:end].rstrip())
        if not NOT_COLLAR_NUMBERS.match(text, end):
            found.append(Finding("collar_number", match.start(), end, text[match.start():end]))
    return found


def _titled_names(text):
    found = []
    for match in TITLED_NAME.finditer(text):
        first, second = match.group("first"), match.group("second")
        if first in NOT_SURNAMES:
            continue
        end = match.end("second") if second and second not in NOT_SURNAMES else match.end("first")
        found.append(Finding("name", match.start(), end, text[match.start():end]))
    return found


def _name_pairs(text):
    names = first_names()
    found = []
    for match in NAME_PAIR.finditer(text):
        first, second = match.group("first"), match.group("second")
        if first in names and second not in NOT_SURNAMES:
            found.append(Finding("name", match.start(), match.end(), match.group(0)))
    # A first name can also be the second word of a pair ("Dear Jane Smith"): look again
    # one word along, since finditer does not overlap matches.
    for match in re.finditer(rf"\b[A-Z][a-z]+\s+(?P<first>[A-Z][a-z]+)\s+(?P<second>{NAME_WORD})\b",
                             text):
        first, second = match.group("first"), match.group("second")
        if first in names and second not in NOT_SURNAMES:
            found.append(Finding("name", match.start("first"), match.end("second"),
                                 text[match.start("first"):match.end("second")]))
    return found


def _without_overlaps(findings):
    rank = {kind: n for n, kind in enumerate(KIND_ORDER)}
    preferred = sorted(findings, key=lambda f: (-(f.end - f.start), rank[f.kind], f.start))
    kept = []
    for finding in preferred:
        if all(finding.end <= other.start or finding.start >= other.end for other in kept):
            kept.append(finding)
    return sorted(kept, key=lambda f: f.start)
