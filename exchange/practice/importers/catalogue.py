"""Organisations and topics found by name or alias, and created when unknown."""

from django.db.models.functions import Lower
from django.utils.text import slugify

from exchange.common.models import Topic
from exchange.people.enums import OrganisationType
from exchange.people.models import Organisation


class Catalogue:
    """Organisations and topics by lower-cased name or alias; unknown names are created.

    ``preload`` reads them all once, for a whole import; without it each name is looked up
    when first asked for (one entry from the API). Names win over aliases.
    """

    def __init__(self, *, preload=False):
        self.preloaded = preload
        self.organisations, self.topics = {}, {}
        self.organisations_created, self.topics_created = [], []
        if preload:
            self.organisations = _by_name(Organisation.objects.only("id", "name", "aliases",
                                                                   "region"))
            self.topics = _by_name(Topic.objects.only("id", "name", "aliases"))

    def organisation(self, name):
        key = name.strip().lower()
        if key not in self.organisations and not self.preloaded:
            self.organisations[key] = Organisation.objects.matching_name(name)
        if self.organisations.get(key) is None:
            self.organisations[key] = Organisation.objects.create(
                name=name.strip(), slug=_free_slug(Organisation, name, 200),
                type=OrganisationType.OTHER)
            self.organisations_created.append(name.strip())
        return self.organisations[key]

    def topic(self, name):
        key = name.strip().lower()
        if key not in self.topics and not self.preloaded:
            self.topics[key] = _topic_named(key)
        if self.topics.get(key) is None:
            self.topics[key] = Topic.objects.create(name=name.strip(),
                                                    slug=_free_slug(Topic, name, 140))
            self.topics_created.append(name.strip())
        return self.topics[key]

    def resolve(self, data):
        """``data`` from :func:`validate_row` with names replaced by the objects they name."""
        resolved = dict(data)
        if "organisation" in data:
            name = data["organisation"]
            resolved["organisation"] = self.organisation(name) if name else None
        if "topics" in data:
            resolved["topics"] = list({t.pk: t for t in map(self.topic, data["topics"])}.values())
        return resolved


def _by_name(queryset):
    found = {}
    for obj in queryset:
        for alias in obj.aliases or []:
            found.setdefault(str(alias).strip().lower(), obj)
    for obj in queryset:
        found[obj.name.strip().lower()] = obj
    return found


def _topic_named(key):
    direct = Topic.objects.annotate(lname=Lower("name")).filter(lname=key).first()
    if direct:
        return direct
    for topic in Topic.objects.exclude(aliases=[]).only("id", "name", "aliases"):
        if key in {str(alias).strip().lower() for alias in topic.aliases}:
            return topic
    return None


def _free_slug(model, name, max_length):
    base = slugify(name)[: max_length - 6] or model._meta.model_name
    taken = set(model.objects.filter(slug__startswith=base).values_list("slug", flat=True))
    slug, n = base, 2
    while slug in taken:
        slug, n = f"{base}-{n}", n + 1
    return slug
