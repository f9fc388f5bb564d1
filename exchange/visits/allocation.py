"""The allocation of a visit's places: a pure function of the applications, with no database.

The rules, from the programme:
1. a force gets no places or at least the minimum group;
2. the places given never exceed the capacity;
3. as many forces as possible are admitted before any force gets more than the minimum; extra
   colleagues of placed forces then fill what is left;
4. forces are taken in order of fewest places received on the programme's visits held in the
   twelve months before the allocation (not visits still to come), then earliest application;
5. everyone not placed goes on the waiting list, in that order.
"""

from dataclasses import dataclass, field
from datetime import datetime


@dataclass(frozen=True)
class ForceApplication:
    organisation: int
    applied_at: datetime
    recent_places: int
    visitors: tuple  # in the order the lead named them


@dataclass(frozen=True)
class WaitingLine:
    organisation: int
    visitors: tuple
    is_group: bool  # a whole force not placed (needs the minimum) or one extra colleague


@dataclass
class Allocation:
    places: dict = field(default_factory=dict)  # organisation -> tuple of visitors, force order
    waiting_list: list = field(default_factory=list)  # of WaitingLine, in offer order

    @property
    def placed_count(self):
        return sum(len(v) for v in self.places.values())


def force_order(applications):
    """Rule 4: fewest recent places, then earliest application (then id, to be total)."""
    return sorted(applications, key=lambda a: (a.recent_places, a.applied_at, a.organisation))


def allocate(*, capacity, minimum, applications):
    """Places and the waiting list for ``applications`` (ForceApplication) under rules 1-5."""
    if minimum < 1 or capacity < 0:
        raise ValueError("The minimum must be at least 1 and the capacity not negative")
    ordered = force_order(applications)
    result = Allocation()
    free = capacity
    # Every force needs the same minimum, so admitting in order while the minimum fits admits
    # the most forces; once one does not fit, none after it would.
    for application in ordered:
        if len(application.visitors) >= minimum and free >= minimum:
            result.places[application.organisation] = list(application.visitors[:minimum])
            free -= minimum
    extras_waiting = _fill_with_extras(ordered, result.places, free)
    for application in ordered:
        if application.organisation not in result.places:
            result.waiting_list.append(WaitingLine(application.organisation,
                                                   tuple(application.visitors), True))
    result.waiting_list.extend(extras_waiting)
    result.places = {org: tuple(visitors) for org, visitors in result.places.items()}
    return result


def _fill_with_extras(ordered, places, free):
    """Give what is left to placed forces' extra colleagues, one per force per round, in force
    order; return the extras who did not get a place, in the order they would have."""
    queues = [(a.organisation, list(a.visitors[len(places[a.organisation]):]))
              for a in ordered if a.organisation in places]
    not_placed = []
    while any(queue for _, queue in queues):
        for organisation, queue in queues:
            if not queue:
                continue
            visitor = queue.pop(0)
            if free > 0:
                places[organisation].append(visitor)
                free -= 1
            else:
                not_placed.append(WaitingLine(organisation, (visitor,), False))
    return not_placed
