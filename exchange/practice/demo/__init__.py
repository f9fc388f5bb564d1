"""Demo practice for `manage.py seed_demo`: about 200 believable entries in every state.

Entries are composed from :mod:`.blocks` with ``random.Random(2026)``, so every demo database is
the same. They go through the domain functions (create_draft, submit, start_review,
request_changes, publish, decline, create_revision) exactly as a person's would, so the label
history, the activity log and the review queue look lived in.
"""

import datetime
import random
from collections import defaultdict

from django.db import transaction
from django.utils import timezone

from exchange.common.models import Topic
from exchange.people.enums import StaffRole
from exchange.people.models import Membership, Organisation, User
from exchange.practice import domain
from exchange.practice.enums import EvidenceLabel, PracticeStatus, Recognition, Stage
from exchange.practice.models import LabelChange, Practice

from .blocks import (
    CONTEXTS,
    COSTS,
    DECLINE_REASONS,
    EFFECTS,
    FIRST_NAMES,
    FORCES,
    IDEAS,
    IMPLEMENTATIONS,
    LAST_NAMES,
    RANKS,
    RESULTS,
    REVIEW_REQUESTS,
)

DEFAULT_COUNT = 200
SEED = 2026
# Share of published entries per label; every label appears at least once.
LABEL_WEIGHTS = {
    EvidenceLabel.WORKED: 25, EvidenceLabel.PROMISING: 35,
    EvidenceLabel.NEW_INNOVATIVE: 28, EvidenceLabel.DIDNT_WORK: 12,
}
STAGES = {
    EvidenceLabel.WORKED: [Stage.INDEPENDENTLY_EVALUATED, Stage.INDEPENDENTLY_EVALUATED,
                           Stage.EVALUATED_LOCALLY],
    EvidenceLabel.PROMISING: [Stage.EVALUATED_LOCALLY, Stage.EVALUATED_LOCALLY, Stage.UNTESTED],
    EvidenceLabel.NEW_INNOVATIVE: [Stage.UNTESTED],
    EvidenceLabel.DIDNT_WORK: [Stage.EVALUATED_LOCALLY, Stage.INDEPENDENTLY_EVALUATED],
}
RECOGNITION_CHANCE = {EvidenceLabel.WORKED: 0.5, EvidenceLabel.PROMISING: 0.25,
                      EvidenceLabel.NEW_INNOVATIVE: 0.08, EvidenceLabel.DIDNT_WORK: 0.08}
# The label an entry had before, for the few whose label changed after publication.
EARLIER_LABEL = {EvidenceLabel.PROMISING: EvidenceLabel.NEW_INNOVATIVE,
                 EvidenceLabel.WORKED: EvidenceLabel.PROMISING}
# The review queue's work, in the order unpublished entries are handed out.
UNPUBLISHED_CYCLE = [
    PracticeStatus.SUBMITTED, PracticeStatus.IN_REVIEW, PracticeStatus.CHANGES_REQUESTED,
    PracticeStatus.DRAFT, PracticeStatus.DECLINED, PracticeStatus.SUBMITTED,
    PracticeStatus.IN_REVIEW, PracticeStatus.CHANGES_REQUESTED,
]
SCALES = ["local"] * 6 + ["regional"] * 3 + ["national"]


def has_content():
    return Practice.objects.exists()


def load(*, stdout, options):
    """Create the demo practice unless there is some already. Side effects: practice rows,
    their topics, focus, recognition, label history and activity log; the emails the domain
    queues are deleted again (see below)."""
    count = options.get("practices")
    count = DEFAULT_COUNT if count is None else count
    if Practice.objects.exists():
        stdout.write("Practice: entries exist already, none added.")
        return
    cast = Cast.from_database()
    if cast.reviewer is None:
        stdout.write("Practice: no reviewer account to publish with, none added.")
        return
    with transaction.atomic():
        for entry in plan(count, random.Random(SEED), cast):
            create(entry, cast)
    stdout.write(f"Practice: {count} entries created.")


class Cast:
    """Who writes and reviews the demo entries: whoever the database has."""

    def __init__(self, *, reviewer, writers, organisations, topics):
        self.reviewer = reviewer
        self.writers = writers  # organisation slug -> its members, leads first
        self.organisations = organisations  # slug -> Organisation, the forces in FORCES only
        self.topics = topics  # slug -> Topic

    @classmethod
    def from_database(cls):
        reviewer = User.objects.holding_staff_role(StaffRole.REVIEWER).order_by("pk").first()
        writers = defaultdict(list)
        # Staff write no practice of their own: the writers are the forces' members.
        for membership in (Membership.objects.active()
                           .exclude(user__in=User.objects.programme_staff())
                           .select_related("user", "organisation").order_by("-role", "user__email")):
            writers[membership.organisation.slug].append(membership.user)
        organisations = Organisation.objects.in_bulk(list(FORCES), field_name="slug")
        return cls(reviewer=reviewer, writers=dict(writers), organisations=organisations,
                   topics=Topic.objects.in_bulk(field_name="slug"))


def plan(count, rng, cast):
    """``count`` entry descriptions: content plus the state to bring each to, and who writes it."""
    unpublished = _unpublished_count(count)
    labels = _spread(LABEL_WEIGHTS, count, rng)
    ideas = _idea_order(count, rng)
    forces = [slug for slug in FORCES if slug in cast.organisations]
    writing_forces = [slug for slug in forces if cast.writers.get(slug)]
    used_titles = set()
    entries = []
    for index in range(count):
        status = (UNPUBLISHED_CYCLE[index % len(UNPUBLISHED_CYCLE)] if index < unpublished
                  else PracticeStatus.PUBLISHED)
        pool = writing_forces if status != PracticeStatus.PUBLISHED and writing_forces else forces
        force = rng.choice(pool)
        area = rng.choice(FORCES[force])
        content = compose(rng, idea=ideas[index], area=area, label=labels[index])
        content["title"] = _unique_title(content["title"], area, force, used_titles)
        writers = cast.writers.get(force) or [cast.reviewer]
        entries.append({
            "content": content, "force": force, "status": status,
            "writer": rng.choice(writers),
            "label_history": status == PracticeStatus.PUBLISHED
            and content["evidence_label"] in EARLIER_LABEL and rng.random() < 0.15,
        })
    return entries


def compose(rng, *, idea, area, label):
    """One entry's content as plain values (topic slugs, no objects), from an idea and a place.

    The benchmark builds its synthetic corpus with this too, so both read the same.
    """
    numbers = {"area": area, "percent": rng.randint(8, 41), "months": rng.choice([6, 9, 12, 18, 24]),
               "officers": rng.randint(6, 60), "weeks": rng.randint(2, 12),
               "cost": rng.choice([15, 25, 40, 60, 85, 120, 250])}
    start_date, precision = _start_date(rng)
    numbers.update(year=start_date.year, measure=idea.measure,
                   moved=("rose" if idea.rises else "fell"))
    summary = idea.summary.format(area=area, force="the force")
    first, last = rng.choice(FIRST_NAMES), rng.choice(LAST_NAMES)
    recognition = []
    if rng.random() < RECOGNITION_CHANCE[label]:
        recognition = rng.sample(list(Recognition.values), rng.choice([1, 1, 2]))
    return {
        "title": idea.title.format(area=area),
        "summary": summary,
        "evidence_label": label,
        "stage": rng.choice(STAGES[label]),
        "topics": list(idea.topics),
        "focus": list(idea.focus),
        "partners": rng.sample(list(idea.partners), min(len(idea.partners), rng.randint(1, 3))),
        "start_date": start_date,
        "start_date_precision": precision,
        "scale": rng.choice(SCALES),
        "target_groups": list(idea.targets),
        "aim": f"To {idea.aim} in {area}.",
        "intended_outcome": f"A sustained change in {idea.measure} in {area}.",
        "description": _description(rng, idea, area, start_date),
        "results": RESULTS[label].format(**numbers),
        "effect": EFFECTS[label].format(**numbers),
        "mechanism": idea.why,
        "moderators": rng.choice(CONTEXTS),
        "implementation": rng.choice(IMPLEMENTATIONS).format(**numbers),
        "economic_cost": rng.choice(COSTS).format(**numbers),
        "recognition": recognition,
        "contact_name": " ".join(part for part in (rng.choice(RANKS), first, last) if part),
        "contact_email": f"{first}.{last}@example.org".lower(),
        "visibility": "members" if rng.random() < 0.1 else "public",
    }


def _description(rng, idea, area, start_date):
    when = start_date.strftime("%B %Y")
    problem = f"In {start_date.year - 1}, {area} saw {idea.problem}."
    started = f"The force started this work in {when}. {idea.what}"
    return f"{problem}\n\n{started}\n\n{rng.choice(CONTEXTS)}"


def _start_date(rng):
    latest = timezone.localdate() - datetime.timedelta(days=120)
    date = datetime.date(rng.randint(2015, 2026), rng.randint(1, 12), rng.randint(1, 28))
    while date > latest:
        date = date.replace(year=date.year - 1)
    precision = rng.choice(["year", "month", "month", "day"])
    if precision == "year":
        date = date.replace(month=1, day=1)
    elif precision == "month":
        date = date.replace(day=1)
    return date, precision


def _unpublished_count(count):
    if count < 16:
        return count // 2
    return max(len(UNPUBLISHED_CYCLE), round(count * 0.12))


def _spread(weights, count, rng):
    """``count`` values in proportion to ``weights``, each at least once, shuffled."""
    total = sum(weights.values())
    values = []
    for value, weight in weights.items():
        values += [value] * max(1, round(count * weight / total))
    values = values[:count]
    while len(values) < count:
        values.append(rng.choices(list(weights), list(weights.values()))[0])
    rng.shuffle(values)
    return values


def _idea_order(count, rng):
    ideas = []
    while len(ideas) < count:
        batch = list(IDEAS)
        rng.shuffle(batch)
        ideas += batch
    return ideas[:count]


def _unique_title(title, area, force, used):
    for candidate in (title, f"{title} in {area}", f"{title} ({force.replace('-', ' ').title()})"):
        if candidate not in used:
            used.add(candidate)
            return candidate
    suffix = 2
    while f"{title} ({suffix})" in used:
        suffix += 1
    used.add(f"{title} ({suffix})")
    return f"{title} ({suffix})"


def create(entry, cast):
    """Bring one planned entry to its state through the domain functions."""
    content, status, writer = dict(entry["content"]), entry["status"], entry["writer"]
    final_label = content["evidence_label"]
    if entry["label_history"]:
        content["evidence_label"] = EARLIER_LABEL[final_label]
    content["organisation"] = cast.organisations[entry["force"]]
    content["topics"] = [cast.topics[slug] for slug in content["topics"] if slug in cast.topics]
    practice = domain.create_draft(submitted_by=writer, data=content)
    if status == PracticeStatus.DRAFT:
        return practice
    domain.submit(practice=practice, actor=writer)
    reviewer = cast.reviewer
    if status in {PracticeStatus.IN_REVIEW, PracticeStatus.CHANGES_REQUESTED}:
        domain.start_review(practice=practice, reviewer=reviewer)
    if status == PracticeStatus.CHANGES_REQUESTED:
        domain.request_changes(practice=practice, actor=reviewer,
                               comment=REVIEW_REQUESTS[practice.pk % len(REVIEW_REQUESTS)])
    elif status == PracticeStatus.DECLINED:
        domain.decline(practice=practice, actor=reviewer,
                       reason=DECLINE_REASONS[practice.pk % len(DECLINE_REASONS)])
    elif status == PracticeStatus.PUBLISHED:
        domain.publish(practice=practice, actor=reviewer)
        if entry["label_history"]:
            _relabel(practice, final_label, reviewer)
        _backdate(practice, content["start_date"])
    return practice


def _relabel(practice, label, reviewer):
    """A later review of the evidence: a revision with the new label, published."""
    revision = domain.create_revision(practice=practice, actor=reviewer)
    stage = Stage.EVALUATED_LOCALLY if label == EvidenceLabel.PROMISING else Stage.INDEPENDENTLY_EVALUATED
    domain.save_content(practice=revision, data={"evidence_label": label, "stage": stage})
    domain.submit(practice=revision, actor=reviewer)
    domain.publish(practice=revision, actor=reviewer, notify=False)


def _backdate(practice, start_date):
    """Spread publication (and label changes) over the years since the practice started, as a
    real bank's would be; every step above happened a moment ago."""
    now = timezone.now()
    offset = (practice.pk * 7919) % 700 + 60
    published = min(_midday(start_date) + datetime.timedelta(days=offset),
                    now - datetime.timedelta(days=2))
    Practice.objects.filter(pk=practice.pk).update(published_at=published)
    changes = list(LabelChange.objects.filter(practice=practice).order_by("changed_at", "pk"))
    step = (now - published) / max(len(changes), 1)
    for position, change in enumerate(changes):
        LabelChange.objects.filter(pk=change.pk).update(changed_at=published + step * position)


def _midday(date):
    return timezone.make_aware(datetime.datetime.combine(date, datetime.time(12)))
