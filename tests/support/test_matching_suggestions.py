"""Suggesting groups from self-assessments: forces strong where others are weak go together."""

import pytest

from exchange.support.domain.group_suggestions import ForceProfile, latest_profiles, suggest_groups
from exchange.support.models import DimensionScore, MatrixDimension

from .factories import SelfAssessmentFactory, score_every_dimension


def profile(name, **levels):
    return ForceProfile(organisation=name, levels={k.replace("_", " "): v
                                                   for k, v in levels.items()})


def test_a_force_weak_on_a_dimension_is_put_with_one_strong_on_it():
    forces = [
        profile("Avon", data=1, leadership=5),
        profile("Bedford", data=5, leadership=1),
        profile("Cumbria", data=1, leadership=1),
        profile("Dorset", data=1, leadership=1),
        profile("Essex", data=3, leadership=3),
    ]
    [best] = suggest_groups(forces, size=2, limit=1)
    assert [p.name for p in best.forces] == ["Avon", "Bedford"]
    assert best.covered == 2 and best.weak_spots == 2 and best.givers == 2
    assert best.reasons[0] == ("Covers 2 of the 2 weak spots in the set; 2 of the 2 forces have "
                               "something to show the others.")
    assert "Bedford (level 5) is strong on data, where Avon is at level 1." in best.reasons


def test_a_set_of_four_says_which_weak_spots_nobody_covers():
    forces = [profile("Avon", data=1, evidence=1), profile("Bedford", data=4),
              profile("Cumbria", partners=5), profile("Dorset", partners=2)]
    [only_set] = suggest_groups(forces, size=4)
    assert only_set.covered == 2 and only_set.weak_spots == 3
    assert "Nobody in the set is strong on evidence, where Avon is at level 1." in only_set.reasons
    assert "Cumbria (level 5) is strong on partners, where Dorset is at level 2." in \
        only_set.reasons


def test_suggestions_are_ranked_and_the_same_every_time():
    forces = [profile(f"Force {n:02}", data=1 + n % 5, leadership=5 - n % 5, partners=n % 3 + 1)
              for n in range(9)]
    first = suggest_groups(forces, limit=3)
    again = suggest_groups(list(reversed(forces)), limit=3)
    assert [[p.name for p in s.forces] for s in first] == [[p.name for p in s.forces]
                                                           for s in again]
    scores = [(s.covered, s.givers) for s in first]
    assert scores == sorted(scores, reverse=True)
    assert len(first) == 3 and all(len(s.forces) == 4 for s in first)


def test_fewer_forces_than_a_group_make_one_suggestion_and_one_force_none():
    assert [len(s.forces) for s in suggest_groups([profile("A", data=1), profile("B", data=5),
                                                   profile("C")])] == [3]
    assert suggest_groups([profile("A", data=1)]) == []


def test_a_force_without_a_self_assessment_is_named_as_such():
    [suggestion] = suggest_groups([profile("Avon", data=1), profile("Bedford")], size=2)
    assert suggestion.reasons[0].endswith("No self-assessment yet from Bedford.")


@pytest.mark.django_db
def test_profiles_come_from_each_forces_latest_sent_self_assessment(force, other_force,
                                                                    query_count):
    dimension = MatrixDimension.objects.filter(active=True).first()
    old = score_every_dimension(SelfAssessmentFactory(organisation=force), level=1)
    new = score_every_dimension(SelfAssessmentFactory(organisation=force), level=4)
    DimensionScore.objects.filter(assessment=new, dimension=dimension).update(level=5)
    SelfAssessmentFactory(organisation=force)  # a draft, never sent: not used
    assert old.submitted_at < new.submitted_at
    count = query_count.of(lambda: latest_profiles([force, other_force]))
    kent, essex = latest_profiles([force, other_force])
    assert count == 2
    assert kent.levels[dimension.name] == 5 and set(kent.levels.values()) == {4, 5}
    assert essex.levels == {}
