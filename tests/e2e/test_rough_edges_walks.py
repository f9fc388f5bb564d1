"""Issue 9's rough edges walked in the browser, with axe on every page visited: a search by an
acronym, a misspelling and words that never appear together; a reviewer publishing under
another evidence label; a reader saving empty reflections and suggesting a theme that only
they see until an editor approves it."""

import re

import pytest
from django.core.cache import cache
from playwright.sync_api import expect

from exchange.common.models import SearchSynonym
from exchange.common.search import VOCABULARY_CACHE_KEY, forget_synonyms, shipped_synonyms
from exchange.lessons.models import ThemeProposal
from exchange.practice import domain
from exchange.practice.enums import EvidenceLabel, PracticeStatus
from exchange.practice.models import Practice
from tests.e2e.conftest import assert_accessible
from tests.factories import PracticeFactory, staff_user
from tests.lessons.factories import CaseFactory

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def quoted(q):
    return f"\u2018{q}\u2019"


@pytest.fixture
def search_bank(force):
    """Entries to search, the shipped synonyms (a flushing test may have emptied the table)
    and no cached vocabulary or synonym list from another test's entries."""
    for term, expansions in shipped_synonyms():
        SearchSynonym.objects.get_or_create(term=term, defaults={"expansions": expansions})
    forget_synonyms()
    vocabulary = VOCABULARY_CACHE_KEY.format(table="practice_search")
    cache.delete(vocabulary)
    entries = {
        "abuse": PracticeFactory(title="Domestic abuse champions in every station",
                                 summary="Domestic abuse advice for officers on every shift.",
                                 organisation=force),
        "hare": PracticeFactory(title="Hare coursing on farmland at night", organisation=force),
        "rural": PracticeFactory(title="Rural crime team", organisation=force,
                                 description="Stopping hare coursing with landowners."),
        "ransomware": PracticeFactory(title="Ransomware advice for small firms",
                                      organisation=force),
    }
    yield entries
    cache.delete(vocabulary)
    forget_synonyms()


def search_for(page, words):
    box = page.get_by_label("Search practice")
    box.fill(words)
    box.press("Enter")


def test_searching_by_acronym_misspelling_and_words_never_together(browsing, search_bank):
    page = browsing.page()
    page.goto("/practice/")
    assert_accessible(page, "practice list")
    heading = page.locator("#results-heading")

    search_for(page, "DA")
    expect(heading).to_contain_text(f"1 entry matching {quoted('DA')}")
    expect(page.locator(".exchange-result")).to_have_count(1)
    expect(page.get_by_role("link", name="Domestic abuse champions in every station")
           ).to_be_visible()
    assert_accessible(page, "practice list searched for an acronym")

    search_for(page, "domestic abuce")
    # "domestic" is there, so the entry with one of the two words shows under the suggestion.
    expect(heading).to_contain_text(
        f"1 entry with most of the words in {quoted('domestic abuce')}")
    expect(page.locator(".exchange-results__most-words")).to_contain_text(
        "or try the spelling above")
    suggestion = page.locator(".exchange-results__suggestion")
    expect(suggestion).to_have_text(re.compile(r"Did you mean\s+domestic abuse\s*\?"))
    assert_accessible(page, "practice list with a spelling suggestion")
    suggestion.get_by_role("link", name="domestic abuse").click()
    expect(page).to_have_url(re.compile(r"[?&]q=domestic(\+|%20)abuse"))
    expect(heading).to_contain_text(f"1 entry matching {quoted('domestic abuse')}")
    expect(page.get_by_role("link", name="Domestic abuse champions in every station")
           ).to_be_visible()
    expect(page.get_by_label("Search practice")).to_have_value("domestic abuse")
    assert_accessible(page, "practice list after following the suggestion")

    search_for(page, "ransomware hare coursing")
    expect(heading).to_contain_text(
        f"2 entries with most of the words in {quoted('ransomware hare coursing')}")
    expect(page.locator(".exchange-results__most-words")).to_have_text(re.compile(
        rf"No entries have all the words in {quoted('ransomware hare coursing')}\. "
        r"These have 2 of the 3\."))
    expect(page.locator(".exchange-result")).to_have_count(2)
    expect(page.get_by_role("link", name="Ransomware advice for small firms")).to_have_count(0)
    assert_accessible(page, "practice list with most of the words")


@pytest.fixture
def submission(member):
    practice = domain.create_draft(submitted_by=member, data={
        "title": "Hotspot patrols on the seafront", "summary": "Short visible patrols.",
        "evidence_label": "promising", "description": "Fifteen-minute patrols at hotspots.",
        "organisation": member.organisation, "mechanism": "Visible deterrence.",
        "implementation": "Two officers a shift."})
    domain.submit(practice=practice, actor=member)
    return practice


def test_a_reviewer_publishes_under_another_label_with_a_reason(browsing, reviewer, submission):
    staff = browsing.page(reviewer)
    staff.goto("/practice/review/")
    assert_accessible(staff, "review queue")
    staff.get_by_role("link", name="Hotspot patrols on the seafront").click()
    expect(staff.get_by_role("heading", level=1)).to_have_text("Hotspot patrols on the seafront")
    assert_accessible(staff, "review page")
    staff.get_by_role("link", name=re.compile(r"^Publish")).click()
    assert_accessible(staff, "publish page")
    expect(staff.get_by_role("radio", name="Promising", exact=True)).to_be_checked()
    staff.get_by_role("radio", name="Worked", exact=True).check()
    staff.get_by_label("Why did you choose a different label?").fill(
        "The force's evaluation compared the patrolled hotspots with others.")
    staff.locator("main").get_by_role("button", name=re.compile(r"^Publish")).click()
    staff.wait_for_load_state()
    assert_accessible(staff, "after publishing")

    live = Practice.objects.get(title="Hotspot patrols on the seafront",
                                status=PracticeStatus.PUBLISHED)
    assert live.evidence_label == EvidenceLabel.WORKED
    [change] = live.label_changes.all()
    assert (change.label, change.reason) == (
        EvidenceLabel.WORKED, "The force's evaluation compared the patrolled hotspots with others.")

    public = browsing.page()
    public.goto(live.get_absolute_url())
    expect(public.get_by_role("heading", level=1)).to_have_text("Hotspot patrols on the seafront")
    tag = public.locator("main .govuk-tag").first
    expect(tag).to_have_text("Worked")
    # The history starts at publication: the submitted label was never public.
    expect(public.locator(".exchange-label-history")).to_have_text(
        re.compile(r"^Worked since \w+ \d{4}\.$"))
    assert_accessible(public, "entry published under another label")


def test_saving_empty_reflections_says_nothing_is_written(browsing, member):
    case = CaseFactory(title="Missed welfare checks")
    reader = browsing.page(member)
    reader.goto(f"/lessons/cases/{case.pk}/")
    expect(reader.get_by_role("heading", level=1)).to_have_text("Missed welfare checks")
    assert_accessible(reader, "case page")
    reader.get_by_role("button", name="Save my answers").click()
    summary = reader.locator(".govuk-error-summary")
    expect(summary).to_have_count(1)
    expect(summary).to_contain_text("You have not written anything yet. Write an answer to at "
                                    "least one question, then save your answers.")
    assert_accessible(reader, "case page with the nothing-written error")


def test_a_theme_waits_for_an_editor_before_other_readers_see_it(browsing, member, colleague):
    editor = staff_user("Editor", email="editor@example.org", full_name="Edie Editor")
    proposer = browsing.page(member)
    proposer.goto("/lessons/themes/")
    assert_accessible(proposer, "themes page")
    proposer.get_by_label("Theme", exact=True).fill("Stop and search")
    proposer.get_by_label("Why it matters").fill("Searches in the night-time economy.")
    proposer.get_by_role("button", name="Propose this theme").click()
    expect(proposer.get_by_text("Once an editor approves it, other readers can see it and "
                                "vote for it.")).to_be_visible()
    mine = proposer.locator(".exchange-proposals .exchange-result", has_text="Stop and search")
    expect(mine).to_contain_text("Waiting for an editor")
    expect(mine.get_by_role("button")).to_have_count(0)
    assert_accessible(proposer, "themes page with a waiting proposal")

    other = browsing.page(colleague)
    other.goto("/lessons/themes/")
    expect(other.get_by_text("Stop and search")).to_have_count(0)
    assert_accessible(other, "themes page for another reader before approval")

    staff = browsing.page(editor)
    staff.goto("/lessons/editor/themes/")
    assert_accessible(staff, "theme ranking with a waiting proposal")
    staff.get_by_role("button", name="Approve Stop and search").click()
    expect(staff.get_by_text("“Stop and search” is approved")).to_be_visible()
    assert ThemeProposal.objects.get(title="Stop and search").status == "approved"
    assert_accessible(staff, "theme ranking after approval")

    other.reload()
    theirs = other.locator(".exchange-proposals .exchange-result", has_text="Stop and search")
    expect(theirs).to_have_count(1)
    expect(theirs.get_by_role("button", name="Vote for Stop and search")).to_be_visible()
    assert_accessible(other, "themes page for another reader after approval")
    proposer.reload()
    expect(proposer.get_by_text("Waiting for an editor")).to_have_count(0)
    expect(proposer.get_by_text("You voted")).to_be_visible()
