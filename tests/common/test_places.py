"""The places engine's rules, as examples and as properties, through a use that is not a visit:
an event whose places go to teams of people, held in memory."""

import datetime
from dataclasses import dataclass, field

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from exchange.common import places
from exchange.common.places import GroupApplication, allocate

T0 = datetime.datetime(2026, 1, 1, tzinfo=datetime.UTC)


def team(org, size, *, recent=0, minute=0):
    return GroupApplication(organisation=org, applied_at=T0 + datetime.timedelta(minutes=minute),
                            recent_places=recent, people=tuple(f"{org}-{n}" for n in range(size)))


# The allocation rules (1)-(5).

def test_allocation_gives_no_organisation_a_single_place():
    result = allocate(capacity=5, minimum=2, applications=[team(1, 2), team(2, 2), team(3, 2)])
    assert sorted(len(v) for v in result.places.values()) == [2, 2]
    assert result.waiting_list[0].organisation == 3
    assert result.placed_count == 4


def test_allocation_admits_every_organisation_before_giving_extras():
    result = allocate(capacity=6, minimum=2, applications=[team(1, 4, minute=0), team(2, 2, minute=1),
                                                           team(3, 2, minute=2)])
    assert {org: len(v) for org, v in result.places.items()} == {1: 2, 2: 2, 3: 2}
    assert [(w.organisation, w.is_group) for w in result.waiting_list] == [(1, False), (1, False)]


def test_extras_fill_what_no_waiting_organisation_could_use():
    result = allocate(capacity=5, minimum=2, applications=[team(1, 3), team(2, 2, minute=1)])
    assert {org: len(v) for org, v in result.places.items()} == {1: 3, 2: 2}
    assert result.waiting_list == []


def test_organisations_with_fewest_recent_places_come_first_then_earliest():
    result = allocate(capacity=4, minimum=2, applications=[
        team(1, 2, recent=3, minute=0), team(2, 2, recent=0, minute=5), team(3, 2, recent=0, minute=2)])
    assert set(result.places) == {2, 3}
    assert [w.organisation for w in result.waiting_list] == [1]


def test_waiting_list_puts_unplaced_groups_before_extra_colleagues():
    result = allocate(capacity=4, minimum=2, applications=[
        team(1, 4, minute=0), team(2, 2, minute=1), team(3, 2, minute=2)])
    assert [(w.organisation, w.is_group, len(w.people)) for w in result.waiting_list] == [
        (3, True, 2), (1, False, 1), (1, False, 1)]


def test_an_organisation_below_the_minimum_is_never_placed():
    result = allocate(capacity=10, minimum=3, applications=[team(1, 2), team(2, 3)])
    assert set(result.places) == {2} and len(result.places[2]) == 3
    assert result.waiting_list[0].organisation == 1


def test_people_coming_on_their_own_are_a_minimum_of_one():
    """An event's registrations: everyone on their own, first come first served."""
    result = allocate(capacity=2, minimum=1, applications=[
        team("ada", 1, minute=2), team("bo", 1, minute=0), team("cy", 1, minute=1)])
    assert result.places == {"bo": ("bo-0",), "cy": ("cy-0",)}
    assert [(w.organisation, w.people, w.is_group) for w in result.waiting_list] == [
        ("ada", ("ada-0",), True)]


applications_strategy = st.lists(
    st.tuples(st.integers(0, 8), st.integers(0, 4), st.integers(0, 100)), min_size=0, max_size=12)


@settings(max_examples=400, deadline=None)
@given(capacity=st.integers(0, 30), minimum=st.integers(1, 5), specs=applications_strategy)
def test_allocation_properties_hold_for_any_applications(capacity, minimum, specs):
    applications = [team(org, size, recent=recent, minute=minute)
                    for org, (size, recent, minute) in enumerate(specs)]
    result = allocate(capacity=capacity, minimum=minimum, applications=applications)
    counts = {a.organisation: len(result.places.get(a.organisation, ())) for a in applications}
    # (1) none, or at least the minimum.
    assert all(n == 0 or n >= minimum for n in counts.values())
    # (2) never beyond capacity, and only people who applied, each once.
    placed = [v for people in result.places.values() for v in people]
    assert len(placed) <= capacity and len(placed) == len(set(placed))
    free = capacity - len(placed)
    above_minimum = sum(n - minimum for n in counts.values() if n)
    # (3) no organisation that could be admitted is left out while extras hold places.
    for a in applications:
        if counts[a.organisation] == 0 and len(a.people) >= minimum:
            assert free + above_minimum < minimum
    # A free place is left only when nobody waiting could use it.
    waiting_people = [v for line in result.waiting_list for v in line.people]
    if free > 0:
        assert not [line for line in result.waiting_list if not line.is_group]
        assert all(len(line.people) < minimum or free < minimum
                   for line in result.waiting_list if line.is_group)
    # (5) everyone not placed is on the waiting list, exactly once.
    everyone = {v for a in applications for v in a.people}
    assert set(placed) | set(waiting_people) == everyone
    assert not set(placed) & set(waiting_people)
    # (4) placed organisations come no later in the order than any admissible one left out.
    order = sorted(applications, key=lambda a: (a.recent_places, a.applied_at, a.organisation))
    rank = {a.organisation: i for i, a in enumerate(order)}
    left_out = [rank[a.organisation] for a in applications
                if counts[a.organisation] == 0 and len(a.people) >= minimum]
    if left_out:
        assert all(rank[org] < min(left_out) for org in result.places)


def test_allocation_refuses_a_minimum_below_one():
    with pytest.raises(ValueError, match="minimum must be at least 1"):
        allocate(capacity=3, minimum=0, applications=[])


# The waiting list and offers of freed places, on an event held in memory.

@dataclass
class Line:
    organisation: str
    people: list
    is_group: bool
    status: str = "waiting"


@dataclass
class EventPlaces:
    """A tiny ledger: an event's places, its waiting list and its open offers, in memory."""

    capacity: int
    minimum: int
    placed: dict = field(default_factory=dict)  # organisation -> people placed
    lines: list = field(default_factory=list)
    offers: list = field(default_factory=list)  # (line, places, expires_at)

    def free_places(self):
        return places.free_places(capacity=self.capacity,
                                  placed=sum(len(p) for p in self.placed.values()),
                                  offered=sum(n for _, n, _ in self.offers))

    def waiting(self):
        return [places.WaitingCandidate(entry=line, organisation=line.organisation,
                                        is_group=line.is_group, waiting=len(line.people))
                for line in self.lines if line.status == "waiting"]

    def below_minimum(self):
        held = {org: len(people) for org, people in self.placed.items() if people}
        for line, _, _ in self.offers:
            held[line.organisation] = held.get(line.organisation, 0) + len(line.people)
        placed = {org for org, people in self.placed.items() if people}
        return places.organisations_below_minimum(held=held, placed=placed, minimum=self.minimum)

    def offer(self, candidate, *, places, expires_at):
        candidate.entry.status = "offered"
        self.offers.append((candidate.entry, places, expires_at))
        return candidate.entry.organisation, places


def test_a_freed_place_goes_first_to_a_colleague_of_an_organisation_left_short():
    event = EventPlaces(capacity=4, minimum=2, placed={"north": ["n1"], "south": ["s1", "s2"]},
                        lines=[Line("east", ["e1", "e2"], True), Line("north", ["n2"], False)])
    offers = places.offer_free_places(event, now=T0, hours=48)
    assert offers == [("north", 1)]
    assert event.offers[0][2] == T0 + datetime.timedelta(hours=48)


def test_a_group_is_offered_only_when_the_minimum_is_free():
    event = EventPlaces(capacity=5, minimum=2, placed={"south": ["s1", "s2", "s3", "s4"]},
                        lines=[Line("east", ["e1", "e2"], True), Line("south", ["s5"], False)])
    assert places.offer_free_places(event, now=T0, hours=48) == [("south", 1)]
    event.placed["south"].pop()
    event.placed["south"].pop()
    assert places.offer_free_places(event, now=T0, hours=48) == [("east", 2)]


def test_nothing_is_offered_when_nobody_waiting_fits():
    event = EventPlaces(capacity=3, minimum=2, placed={"south": ["s1", "s2"]},
                        lines=[Line("east", ["e1", "e2"], True), Line("west", [], False)])
    assert places.offer_free_places(event, now=T0, hours=48) == []
    assert places.next_to_offer(event, free=2).entry.organisation == "east"


@settings(max_examples=300, deadline=None)
@given(capacity=st.integers(0, 12), minimum=st.integers(1, 4), placed=st.integers(0, 12),
       lines=st.lists(st.tuples(st.sampled_from("abcd"), st.integers(0, 4), st.booleans()),
                      max_size=8))
def test_offers_never_exceed_the_free_places_and_groups_get_the_minimum(capacity, minimum, placed,
                                                                       lines):
    placed = min(placed, capacity)
    event = EventPlaces(capacity=capacity, minimum=minimum, placed={"held": ["h"] * placed},
                        lines=[Line(org, [f"{org}{i}" for i in range(n)], group)
                               for org, n, group in lines])
    free = event.free_places()
    offers = places.offer_free_places(event, now=T0, hours=1)
    assert sum(n for _, n in offers) <= free
    for line, n, _ in event.offers:
        assert n == (minimum if line.is_group else 1)
        assert len(line.people) >= (minimum if line.is_group else 1)
    # Nothing left waiting could use what is still free.
    assert places.next_to_offer(event, free=event.free_places()) is None or event.free_places() == 0


def test_a_group_left_short_only_when_nobody_of_its_own_may_still_join():
    assert places.group_left_short(placed=1, minimum=2, may_still_join=False)
    assert not places.group_left_short(placed=1, minimum=2, may_still_join=True)
    assert not places.group_left_short(placed=0, minimum=2, may_still_join=False)
    assert not places.group_left_short(placed=2, minimum=2, may_still_join=False)
