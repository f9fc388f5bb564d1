"""Organisations and topics found by name or alias; unknown ones created, or kept as text."""

from exchange.common.models import Topic
from exchange.people.enums import OrganisationType
from exchange.people.models import Organisation


class Catalogue:
    """Organisations and topics by lower-cased name or alias. Names win over aliases.

    ``preload`` reads them all once, for a whole import; without it each name is looked up
    when first asked for (one entry from the API). ``create`` (staff imports) creates what is
    unknown; without it (a member's submission) an unknown name stays text on the entry, in
    ``proposed_organisation`` and ``proposed_topics``, until a reviewer accepts it.
    """

    def __init__(self, *, preload=False, create=True):
        self.preloaded, self.create = preload, create
        self.organisations, self.topics = {}, {}
        self.organisations_created, self.topics_created = [], []
        if preload:
            self.organisations = _by_name(Organisation.objects.only("id", "name", "aliases",
                                                                   "region"))
            self.topics = _by_name(Topic.objects.only("id", "name", "aliases"))

    def organisation(self, name):
        key = name.strip().lower()
        if key not in self.organisations and not self.preloaded:
            known = Organisation.objects if self.create else Organisation.objects.reviewed()
            self.organisations[key] = known.matching_name(name)
        if self.organisations.get(key) is None and self.create:
            self.organisations[key] = Organisation.objects.create(
                name=name.strip(), slug=Organisation.objects.free_slug(name),
                type=OrganisationType.OTHER)
            self.organisations_created.append(name.strip())
        return self.organisations.get(key)

    def topic(self, name):
        key = name.strip().lower()
        if key not in self.topics and not self.preloaded:
            self.topics[key] = Topic.objects.matching_name(key)
        if self.topics.get(key) is None and self.create:
            self.topics[key] = Topic.objects.create(name=name.strip(),
                                                    slug=Topic.objects.free_slug(name))
            self.topics_created.append(name.strip())
        return self.topics.get(key)

    def resolve(self, data):
        """``data`` from :func:`validate_row` with names replaced by the objects they name."""
        resolved = dict(data)
        if "organisation" in data:
            name = data["organisation"]
            resolved["organisation"] = self.organisation(name) if name else None
            if name and resolved["organisation"] is None:
                resolved["proposed_organisation"] = name.strip()
        if "topics" in data:
            found = {name: self.topic(name) for name in data["topics"]}
            resolved["topics"] = list({t.pk: t for t in found.values() if t}.values())
            unknown = [name.strip() for name, topic in found.items() if topic is None]
            if unknown:
                resolved["proposed_topics"] = list(dict.fromkeys(unknown))
        return resolved


def _by_name(queryset):
    found = {}
    for obj in queryset:
        for alias in obj.aliases or []:
            found.setdefault(str(alias).strip().lower(), obj)
    for obj in queryset:
        found[obj.name.strip().lower()] = obj
    return found


