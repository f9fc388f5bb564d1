"""axe-core finds no serious or critical violation on any page a person can reach."""

import pytest

from tests.e2e.conftest import PAGES, PEOPLE, axe_violations, describe_violations

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def problems_on(page, what, address, then):
    response = page.goto(address)
    if response.status != 200:
        return [f"{what} ({address}): answered {response.status}"]
    if then is not None:
        then(page)
    problems = []
    if page.locator("h1").count() != 1:
        problems.append(f"{what} ({address}): has {page.locator('h1').count()} h1 elements")
    violations = axe_violations(page)
    if violations:
        problems.append(describe_violations(f"{what} ({address})", violations))
    return problems


@pytest.mark.parametrize("who", PEOPLE)
def test_no_page_has_a_serious_accessibility_violation(browsing, site, request, who):
    """Every page each person can reach, checked in one browser page so axe is compiled once."""
    user = None if who == "anonymous" else request.getfixturevalue(who)
    page = browsing.page(user)
    pages = [(what, address.format(**site), then)
             for what, person, address, then in PAGES if (person or "anonymous") == who]
    problems = [problem for what, address, then in pages
                for problem in problems_on(page, what, address, then)]
    assert not problems, f"{len(problems)} problem(s) as {who}:\n" + "\n".join(problems)
    assert pages


def test_the_check_itself_catches_a_serious_violation(browsing):
    page = browsing.page()
    page.goto("/about/")
    page.evaluate("""() => {
        const input = document.createElement("input");
        input.type = "text";
        document.querySelector("main").append(input);
    }""")
    assert [v["id"] for v in axe_violations(page)] == ["label"]
