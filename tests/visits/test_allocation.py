"""The allocation rules (1)-(5), as examples and as properties over random applications."""

import datetime

from hypothesis import given, settings
from hypothesis import strategies as st

from exchange.visits.allocation import ForceApplication, allocate

T0 = datetime.datetime(2026, 1, 1, tzinfo=datetime.UTC)


def force(org, size, *, recent=0, minute=0):
    return ForceApplication(organisation=org, applied_at=T0 + datetime.timedelta(minutes=minute),
                            recent_places=recent,
                            visitors=tuple(f"{org}-{n}" for n in range(size)))


def test_allocation_gives_no_force_a_single_place():
    result = allocate(capacity=5, minimum=2, applications=[force(1, 2), force(2, 2), force(3, 2)])
    assert sorted(len(v) for v in result.places.values()) == [2, 2]
    assert result.waiting_list[0].organisation == 3


def test_allocation_admits_every_force_before_giving_extras():
    result = allocate(capacity=6, minimum=2, applications=[force(1, 4, minute=0), force(2, 2, minute=1),
                                                           force(3, 2, minute=2)])
    assert {org: len(v) for org, v in result.places.items()} == {1: 2, 2: 2, 3: 2}
    assert [(w.organisation, w.is_group) for w in result.waiting_list] == [(1, False), (1, False)]


def test_extras_fill_what_no_waiting_force_could_use():
    result = allocate(capacity=5, minimum=2, applications=[force(1, 3), force(2, 2, minute=1)])
    assert {org: len(v) for org, v in result.places.items()} == {1: 3, 2: 2}
    assert result.waiting_list == []


def test_forces_with_fewest_recent_places_come_first_then_earliest():
    result = allocate(capacity=4, minimum=2, applications=[
        force(1, 2, recent=3, minute=0), force(2, 2, recent=0, minute=5), force(3, 2, recent=0, minute=2)])
    assert set(result.places) == {2, 3}
    assert [w.organisation for w in result.waiting_list] == [1]


def test_waiting_list_puts_unplaced_groups_before_extra_colleagues():
    result = allocate(capacity=4, minimum=2, applications=[
        force(1, 4, minute=0), force(2, 2, minute=1), force(3, 2, minute=2)])
    assert [(w.organisation, w.is_group, len(w.visitors)) for w in result.waiting_list] == [
        (3, True, 2), (1, False, 1), (1, False, 1)]


def test_a_force_below_the_minimum_is_never_placed():
    result = allocate(capacity=10, minimum=3, applications=[force(1, 2), force(2, 3)])
    assert set(result.places) == {2} and len(result.places[2]) == 3
    assert result.waiting_list[0].organisation == 1


applications_strategy = st.lists(
    st.tuples(st.integers(0, 8), st.integers(0, 4), st.integers(0, 100)), min_size=0, max_size=12)


@settings(max_examples=400, deadline=None)
@given(capacity=st.integers(0, 30), minimum=st.integers(1, 5), specs=applications_strategy)
def test_allocation_properties_hold_for_any_applications(capacity, minimum, specs):
    applications = [force(org, size, recent=recent, minute=minute)
                    for org, (size, recent, minute) in enumerate(specs)]
    result = allocate(capacity=capacity, minimum=minimum, applications=applications)
    counts = {a.organisation: len(result.places.get(a.organisation, ())) for a in applications}
    # (1) none, or at least the minimum.
    assert all(n == 0 or n >= minimum for n in counts.values())
    # (2) never beyond capacity, and only people who applied, each once.
    placed = [v for visitors in result.places.values() for v in visitors]
    assert len(placed) <= capacity and len(placed) == len(set(placed))
    free = capacity - len(placed)
    above_minimum = sum(n - minimum for n in counts.values() if n)
    # (3) no force that could be admitted is left out while extras hold places.
    for a in applications:
        if counts[a.organisation] == 0 and len(a.visitors) >= minimum:
            assert free + above_minimum < minimum
    # A free place is left only when nobody waiting could use it.
    waiting_people = [v for line in result.waiting_list for v in line.visitors]
    if free > 0:
        assert not [line for line in result.waiting_list if not line.is_group]
        assert all(len(line.visitors) < minimum or free < minimum
                   for line in result.waiting_list if line.is_group)
    # (5) everyone not placed is on the waiting list, exactly once.
    everyone = {v for a in applications for v in a.visitors}
    assert set(placed) | set(waiting_people) == everyone
    assert not set(placed) & set(waiting_people)
    # (4) placed forces come no later in the order than any admissible force left out.
    order = sorted(applications, key=lambda a: (a.recent_places, a.applied_at, a.organisation))
    rank = {a.organisation: i for i, a in enumerate(order)}
    left_out = [rank[a.organisation] for a in applications
                if counts[a.organisation] == 0 and len(a.visitors) >= minimum]
    if left_out:
        assert all(rank[org] < min(left_out) for org in result.places)
