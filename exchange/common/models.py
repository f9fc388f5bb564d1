"""Models every programme shares: topics, the activity log of every state change, the search
synonyms, and the base of a mailing list's subscribers."""

import secrets

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models, transaction
from django.db.models.functions import Lower
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver
from django.utils.text import slugify


class NamedQuerySet(models.QuerySet):
    """For a model with ``name`` and a JSON list of ``aliases`` (topics, organisations)."""

    def matching_name(self, name):
        """The row called ``name`` or known by it as an alias, case-insensitively, or None."""
        wanted = name.strip().lower()
        direct = self.annotate(lname=Lower("name")).filter(lname=wanted).first()
        if direct:
            return direct
        for row in self.exclude(aliases=[]).only("id", "name", "aliases"):
            if wanted in {str(alias).strip().lower() for alias in row.aliases}:
                return row
        return None

    def free_slug(self, name):
        """A slug made from ``name`` that no row has yet (``-2``, ``-3`` … added if needed)."""
        max_length = self.model._meta.get_field("slug").max_length
        base = slugify(name)[: max_length - 6] or self.model._meta.model_name
        taken = set(self.filter(slug__startswith=base).values_list("slug", flat=True))
        slug, n = base, 2
        while slug in taken:
            slug, n = f"{base}-{n}", n + 1
        return slug


class TopicQuerySet(NamedQuerySet):
    def in_use_by_published(self):
        """Topics that tag something anyone may read, for the lists the public sees.

        ``common`` never imports a programme, so the relations are found, not named: a model
        that tags topics counts when its manager has ``published()`` (what anyone may read).
        A topic only on drafts, submissions or members-only work is left out.
        """
        used = models.Q(pk__in=[])
        for relation in self.model._meta.related_objects:
            published = getattr(relation.related_model._default_manager, "published", None)
            if published is not None:
                used |= models.Q(pk__in=published().values(relation.field.name))
        return self.filter(used)


class Topic(models.Model):
    """One entry of the shared taxonomy that tags practice, visits, events and case studies."""

    name = models.CharField(max_length=120)
    slug = models.SlugField(max_length=140, unique=True)
    description = models.TextField(blank=True)
    aliases = models.JSONField(default=list, blank=True, help_text="Other names that mean this topic.")

    objects = TopicQuerySet.as_manager()

    class Meta:
        ordering = ["name"]
        constraints = [models.UniqueConstraint(Lower("name"), name="topic_name_unique_ci")]

    def __str__(self):
        return self.name

    @classmethod
    def for_user(cls, user):
        return cls.objects.all()


def new_token():
    """An unguessable token for a link that is its own credential (an unsubscribe link)."""
    return secrets.token_urlsafe(24)


class SubscriberQuerySet(models.QuerySet):
    def confirmed(self):
        """Who is on the list now: confirmed by email and not unsubscribed since."""
        return self.filter(confirmed_at__isnull=False, unsubscribed_at__isnull=True)


class SubscriberBase(models.Model):
    """An address on a mailing list anyone may join (see exchange.common.mailing_list). The
    concrete model adds its topics, a many-to-many to Topic, and who may see the list."""

    email = models.EmailField(unique=True)
    token = models.CharField(max_length=64, unique=True, default=new_token)
    created_at = models.DateTimeField(auto_now_add=True)
    confirmed_at = models.DateTimeField(null=True, blank=True)
    unsubscribed_at = models.DateTimeField(null=True, blank=True)

    objects = SubscriberQuerySet.as_manager()

    class Meta:
        abstract = True
        ordering = ["email"]

    def __str__(self):
        return self.email


class ActivityQuerySet(models.QuerySet):
    def for_object(self, obj):
        return self.filter(
            content_type=ContentType.objects.get_for_model(obj, for_concrete_model=True),
            object_id=obj.pk,
        )

    def for_user(self, user):
        if user.has_perm("common.view_activity"):
            return self
        return self.none()


class Activity(models.Model):
    """One row per state change or decision: who, what, when, from, to, why."""

    created_at = models.DateTimeField(auto_now_add=True, db_index=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
        related_name="activities",
    )
    content_type = models.ForeignKey(ContentType, on_delete=models.CASCADE)
    object_id = models.PositiveBigIntegerField()
    subject = GenericForeignKey("content_type", "object_id")
    verb = models.CharField(max_length=60)
    from_state = models.CharField(max_length=40, blank=True)
    to_state = models.CharField(max_length=40, blank=True)
    note = models.TextField(blank=True)

    objects = ActivityQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["content_type", "object_id", "created_at"])]
        verbose_name_plural = "activities"

    def __str__(self):
        return f"{self.verb} {self.content_type.model} #{self.object_id}"


class ScheduledJob(models.Model):
    """When a periodic job (declared in an app's ``periodic.py``) is next due, and how it last
    went. A scheduler claims a due row by moving ``due_at`` on with a conditional UPDATE, so
    however many workers tick, each run happens once."""

    name = models.CharField(max_length=100, unique=True)
    due_at = models.DateTimeField()
    last_started_at = models.DateTimeField(null=True, blank=True)
    last_finished_at = models.DateTimeField(null=True, blank=True)
    last_outcome = models.TextField(blank=True)
    last_error = models.TextField(blank=True)

    class Meta:
        ordering = ["name"]

    def __str__(self):
        return self.name


class SearchSynonym(models.Model):
    """A word people search for (often an acronym, "DA") and the phrases it stands for
    ("domestic abuse"): a search for the word also finds the phrases. Staff keep the list in
    the admin; exchange.common.search caches it and reads it again when a row changes."""

    term = models.CharField(max_length=60, help_text="What people type, such as DA or VAWG.")
    expansions = models.TextField(
        help_text="The phrases it stands for, one a line, such as: domestic abuse.")

    class Meta:
        ordering = ["term"]
        constraints = [models.UniqueConstraint(
            Lower("term"), name="search_synonym_term_unique_ci",
            violation_error_message="This term is already listed: edit that entry instead.")]

    def __str__(self):
        return self.term


@receiver([post_save, post_delete], sender=SearchSynonym)
def _forget_synonyms(sender, **kwargs):
    from .search import forget_synonyms

    # Now, and again at commit: a search between the two would cache the old list.
    forget_synonyms()
    transaction.on_commit(forget_synonyms)
