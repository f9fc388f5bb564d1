"""Suggested peer-matching groups: sets of forces where each force's weak dimensions of the
self-assessment matrix are another's strong ones, with the reason in words."""

import itertools
from dataclasses import dataclass

from ..models import (
    DimensionScore,
    MatchingInterest,
    SelfAssessment,
)

# On the matrix's five levels, a force at or below WEAK_LEVEL on a dimension has something to
# learn there, and one at or above STRONG_LEVEL something to show.
WEAK_LEVEL = 2
STRONG_LEVEL = 4
# Sets of four among 16 forces are 1,820 to score; past that the forces with most to give or
# learn are kept.
MAX_CANDIDATES = 16


@dataclass(frozen=True)
class ForceProfile:
    """A force and its latest self-assessment's levels: ``{dimension name: level}``."""

    organisation: object
    levels: dict

    @property
    def name(self):
        return str(self.organisation)

    def weak(self):
        return {d for d, level in self.levels.items() if level <= WEAK_LEVEL}

    def strong(self):
        return {d for d, level in self.levels.items() if level >= STRONG_LEVEL}


@dataclass(frozen=True)
class Suggestion:
    forces: tuple  # the organisations, by name
    covered: int  # weak spots another force in the set is strong on
    weak_spots: int
    givers: int  # forces strong where another is weak
    reasons: tuple  # sentences

    @property
    def organisations(self):
        return [profile.organisation for profile in self.forces]


def suggest_groups(profiles, *, size=4, limit=3):
    """The best ``limit`` sets of ``size`` forces among ``profiles`` (:class:`ForceProfile`),
    pairing forces strong where others are weak. Pure.

    A set scores by how many of its forces' weak dimensions another force in it is strong on,
    then by how many of its forces have something to give, then by fewer weak spots left
    uncovered; ties break on the forces' names, so the order is always the same. Each
    suggestion carries its reasons in words.
    """
    profiles = sorted(profiles, key=lambda p: p.name)
    if len(profiles) < 2:
        return []
    if len(profiles) > MAX_CANDIDATES:
        profiles = sorted(profiles, key=lambda p: (-len(p.weak()) - len(p.strong()), p.name))
        profiles = sorted(profiles[:MAX_CANDIDATES], key=lambda p: p.name)
    scored = [_score(combo) for combo in itertools.combinations(profiles, min(size, len(profiles)))]
    scored.sort(key=lambda s: (-s.covered, -s.givers, s.covered - s.weak_spots,
                               [p.name for p in s.forces]))
    return scored[:limit]


def _score(combo):
    covered, weak_spots, givers, lines, gaps = 0, 0, set(), [], []
    for force in combo:
        for dimension in sorted(force.weak()):
            weak_spots += 1
            helpers = [other for other in combo
                       if other is not force and dimension in other.strong()]
            if not helpers:
                gaps.append(f"Nobody in the set is strong on {dimension}, where {force.name} "
                            f"is at level {force.levels[dimension]}.")
                continue
            covered += 1
            givers.update(helper.name for helper in helpers)
            names = " and ".join(f"{h.name} (level {h.levels[dimension]})" for h in helpers)
            lines.append(f"{names} {'is' if len(helpers) == 1 else 'are'} strong on {dimension}, "
                         f"where {force.name} is at level {force.levels[dimension]}.")
    summary = (f"Covers {covered} of the {weak_spots} weak spots in the set; "
               f"{len(givers)} of the {len(combo)} forces have something to show the others.")
    unassessed = [force.name for force in combo if not force.levels]
    if unassessed:
        summary += f" No self-assessment yet from {', '.join(unassessed)}."
    return Suggestion(forces=tuple(combo), covered=covered, weak_spots=weak_spots,
                      givers=len(givers), reasons=(summary, *lines, *gaps))


def latest_profiles(organisations):
    """A :class:`ForceProfile` per organisation from its latest sent self-assessment (empty
    levels without one). Two queries, whatever the number of forces."""
    organisations = list(organisations)
    latest = {}
    for assessment in (SelfAssessment.objects.filter(organisation__in=organisations,
                                                     submitted_at__isnull=False)
                       .order_by("organisation_id", "-submitted_at", "-id")
                       .only("pk", "organisation_id")):
        latest.setdefault(assessment.organisation_id, assessment.pk)
    levels = {}
    for score in (DimensionScore.objects.filter(assessment_id__in=latest.values())
                  .select_related("dimension").only("assessment_id", "level", "dimension__name")):
        levels.setdefault(score.assessment_id, {})[score.dimension.name] = score.level
    return [ForceProfile(organisation=o, levels=levels.get(latest.get(o.pk), {}))
            for o in organisations]


def suggestions_for_topic(topic, *, size=4, limit=3):
    """Suggested groups among the forces waiting for a group on ``topic``."""
    interested = [i.organisation for i in MatchingInterest.objects.filter(
        topic=topic, group__isnull=True).select_related("organisation")]
    return suggest_groups(latest_profiles(dict.fromkeys(interested)), size=size, limit=limit)
