"""The programme registry: what each programme shows of itself outside its own pages.

A programme app declares itself in its own ``programme.py`` as ``PROGRAMME = Programme(...)``:
its entry in the service navigation, its summary on the home and about pages, its staff pages
in the header, its teaser on the home page and its panel on a signed-in person's own page
("Your Exchange"). A ``programme`` module may instead (or as well) declare ``STAFF_PAGES``:
staff pages that belong to no programme (people's membership queue).

The modules are found through the app registry, as ``seed_demo`` finds ``demo`` modules and the
scheduler finds ``periodic`` ones, and in the modules the ``PROGRAMME_MODULES`` setting names
(``exchange/coming_programmes.py``: programmes announced but not built, as ``PROGRAMMES``). So
``common`` never names a programme, and import-linter forbids it to import one.
"""

import datetime
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache
from importlib import import_module
from importlib.util import find_spec

from django.apps import apps
from django.conf import settings
from django.http import HttpRequest


@dataclass(frozen=True)
class StaffPage:
    """A link in the header to a staff page, shown to whoever holds ``permission``."""

    label: str
    url_name: str
    permission: str


# Where each teaser goes on the home page, as issue 11 orders it: the latest news, upcoming
# events and visits, the newest practice, the latest Learning the Lessons issue. A teaser says
# its place with ``Teaser.order``; these are the places, so no two programmes pick the same.
HOME_NEWS, HOME_EVENTS, HOME_VISITS, HOME_PRACTICE, HOME_LESSONS = 10, 20, 30, 40, 50


@dataclass(frozen=True)
class Teaser:
    """A block on the home page: ``template`` rendered with ``context(request)`` added.

    ``order`` is its place on the home page (lower first; see ``HOME_NEWS`` and the others),
    which is not the programme's place in the navigation. The default is the practice bank's
    place, the home page's first teaser. ``context`` must run a fixed number of queries: the
    home page runs every teaser's."""

    template: str
    context: Callable[[HttpRequest], dict]
    order: int = HOME_PRACTICE


@dataclass(frozen=True)
class Dashboard:
    """A panel on a signed-in person's own page ("Your Exchange", people's ``home``):
    ``template`` rendered with ``context(user)`` added. Its queries must not grow with the
    person's rows: the page runs every programme's."""

    template: str
    context: Callable[[object], dict]


@dataclass(frozen=True)
class LearningEntry:
    """One line of a person's learning record: something they did, with its CPD hours if any."""

    date: datetime.date
    title: str
    kind: str
    url: str
    cpd_hours: float | None = None


@dataclass(frozen=True)
class LearningRecord:
    """What a programme adds to a person's learning record (people's ``learning-record`` page):
    ``entries(user)`` returns their :class:`LearningEntry` rows, newest first, in a fixed number
    of queries however many there are."""

    label: str
    entries: Callable[[object], list[LearningEntry]]


@dataclass(frozen=True)
class Programme:
    """One programme as the rest of the site shows it.

    ``label`` is its name in the service navigation, ``title`` its fuller name on the home and
    about pages. A programme announced but not built has ``coming_soon``: what its "coming soon"
    page (``common:coming-<key>``) says; an app that declares the same key replaces it.

    ``is_programme`` is false for a part of the site that uses the registry for its place in the
    navigation, its staff pages and its teaser but is not one of the programmes the Exchange
    brings together (news): the home and about pages neither list nor count it.
    """

    key: str
    label: str
    title: str
    url_name: str
    summary: str
    order: int
    staff_pages: tuple[StaffPage, ...] = ()
    teaser: Teaser | None = None
    dashboard: Dashboard | None = None
    learning_record: LearningRecord | None = None
    coming_soon: str = ""
    is_programme: bool = True


def programme_modules():
    """The project's apps' ``programme`` modules, then those named by ``PROGRAMME_MODULES``."""
    names = [f"{config.name}.programme" for config in apps.get_app_configs()
             if config.name.startswith("exchange.")]
    names = [name for name in names if find_spec(name) is not None]
    return [import_module(name) for name in [*names, *getattr(settings, "PROGRAMME_MODULES", [])]]


@cache
def programmes():
    """Every programme, in its declared order. A built programme replaces a "coming" one of the
    same key, so building one never means editing the list of those still to come."""
    declared = []
    for module in programme_modules():
        declared += [getattr(module, "PROGRAMME", None), *getattr(module, "PROGRAMMES", [])]
    return in_order(filter(None, declared))


def in_order(declared):
    """``declared`` sorted by ``order``, a built programme in place of a "coming" one."""
    by_key = {}
    for candidate in declared:
        if candidate.key not in by_key or by_key[candidate.key].coming_soon:
            by_key[candidate.key] = candidate
    return tuple(sorted(by_key.values(), key=lambda candidate: candidate.order))


def programme(key):
    """The programme called ``key``; ``LookupError`` if none is."""
    for candidate in programmes():
        if candidate.key == key:
            return candidate
    raise LookupError(f"No programme is declared with the key {key!r}.")


def counted_programmes():
    """The programmes the Exchange brings together (not news), for the home and about pages."""
    return [candidate for candidate in programmes() if candidate.is_programme]


def teasers():
    """The programmes' home-page teasers in the order the home page shows them."""
    found = [candidate.teaser for candidate in programmes() if candidate.teaser is not None]
    return sorted(found, key=lambda teaser: teaser.order)


def learning_records():
    """What each programme adds to a person's learning record, in the programmes' order."""
    return [candidate.learning_record for candidate in programmes()
            if candidate.learning_record is not None]


def dashboards():
    """The programmes that show a panel on a signed-in person's own page, in their order."""
    return [candidate for candidate in programmes() if candidate.dashboard is not None]


def coming_programmes():
    return [candidate for candidate in programmes() if candidate.coming_soon]


@cache
def staff_pages():
    """Every staff page: the programmes' in their order, then those that belong to none."""
    pages = [page for candidate in programmes() for page in candidate.staff_pages]
    for module in programme_modules():
        pages += getattr(module, "STAFF_PAGES", [])
    return tuple(pages)


@cache
def activity_wording(app_label):
    """``(ACTIVITY_LABELS, STATE_LABELS)`` from the ``programme`` module of the app labelled
    ``app_label``: how its activity-log verbs and states read. Empty where it declares none."""
    name = f"{apps.get_app_config(app_label).name}.programme"
    module = import_module(name) if find_spec(name) is not None else None
    return getattr(module, "ACTIVITY_LABELS", {}), getattr(module, "STATE_LABELS", {})
