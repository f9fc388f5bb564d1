"""Users (email sign-in), organisations (real forces and partners), memberships and API tokens."""

import hashlib
import secrets
import unicodedata

from django.contrib.auth.base_user import AbstractBaseUser, BaseUserManager
from django.contrib.auth.models import PermissionsMixin
from django.db import models
from django.db.models.functions import Lower
from django.utils import timezone
from django.utils.functional import cached_property

from exchange.common.enums import Region
from exchange.common.models import NamedQuerySet

from .enums import MembershipRole, MembershipStatus, OrganisationType, ReviewEmails, StaffRole


class OrganisationQuerySet(NamedQuerySet):
    def for_user(self, user):
        return self.all()

    def reviewed(self):
        """Organisations staff know of: the shipped forces, those staff add or import, and names
        a reviewer accepted from a submission. Lists a person chooses from show only these."""
        return self.filter(reviewed=True)


class Organisation(models.Model):
    name = models.CharField(max_length=200)
    slug = models.SlugField(max_length=220, unique=True)
    type = models.CharField(max_length=30, choices=OrganisationType.choices, db_index=True)
    region = models.CharField(max_length=30, choices=Region.choices, blank=True, db_index=True)
    aliases = models.JSONField(default=list, blank=True, help_text="Other names it is known by.")
    email_domains = models.JSONField(
        default=list, blank=True,
        help_text="Work email domains; a verified address on one makes the person a member.",
    )
    website = models.URLField(blank=True)
    # False for a name that came in with a member's submission before reviewers had to accept
    # such names (practice migration 0004 marks them); never shown on the sign-up form.
    reviewed = models.BooleanField(default=True)

    objects = OrganisationQuerySet.as_manager()

    class Meta:
        ordering = ["name"]
        constraints = [models.UniqueConstraint(Lower("name"), name="organisation_name_unique_ci")]

    def __str__(self):
        return self.name

    @property
    def is_police(self):
        return self.type in {OrganisationType.TERRITORIAL_POLICE, OrganisationType.NATIONAL_POLICE,
                             OrganisationType.OTHER_UK_POLICE}


def canonical_email(address):
    """The one spelling of an address that sign-in, sign-up and the lockout count all use."""
    return unicodedata.normalize("NFKC", address).strip().lower()


class UserManager(BaseUserManager):
    use_in_migrations = True

    def _create_user(self, email, password, **extra_fields):
        if not email:
            raise ValueError("An email address is required")
        user = self.model(email=canonical_email(self.normalize_email(email)), **extra_fields)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_user(self, email, password=None, **extra_fields):
        extra_fields.setdefault("is_staff", False)
        extra_fields.setdefault("is_superuser", False)
        return self._create_user(email, password, **extra_fields)

    def create_superuser(self, email, password=None, **extra_fields):
        extra_fields.setdefault("is_staff", True)
        extra_fields.setdefault("is_superuser", True)
        extra_fields.setdefault("email_verified_at", timezone.now())
        return self._create_user(email, password, **extra_fields)

    def holding_staff_role(self, role):
        """People given the staff role ``role`` (a ``StaffRole``), for code that needs them as
        a list; a check on one person asks ``people.rules`` instead."""
        return self.filter(groups__name=role)

    def programme_staff(self):
        """People holding any staff role."""
        return self.filter(pk__in=self.filter(groups__name__in=StaffRole.values).values("pk"))

    def get_by_natural_key(self, username):
        return self.get(email__iexact=canonical_email(username))


class User(AbstractBaseUser, PermissionsMixin):
    """A person. Signs in with their email address. Staff roles are groups, asked through
    ``people.rules``; ``is_staff`` only lets a person open the Django admin."""

    email = models.EmailField(unique=True)
    full_name = models.CharField(max_length=150)
    job_title = models.CharField(max_length=150, blank=True)
    is_active = models.BooleanField(default=True)
    is_staff = models.BooleanField(
        default=False, help_text="May open the Django admin. Roles are the staff groups.")
    email_verified_at = models.DateTimeField(null=True, blank=True)
    date_joined = models.DateTimeField(default=timezone.now)
    # Asked only of reviewers: how they hear that an entry was sent for review.
    review_emails = models.CharField(max_length=10, choices=ReviewEmails.choices,
                                     default=ReviewEmails.EACH)

    objects = UserManager()

    USERNAME_FIELD = "email"
    EMAIL_FIELD = "email"
    REQUIRED_FIELDS = ["full_name"]

    class Meta:
        ordering = ["full_name", "email"]

    def __str__(self):
        return self.full_name or self.email

    def save(self, *args, **kwargs):
        # set_password() leaves the new password in _password until the save. A token is a
        # password by another name: whoever knew the old one may have made one, so a new
        # password revokes them all, whether it came from the site, the admin or a command.
        password_changed = self._password is not None and not self._state.adding
        super().save(*args, **kwargs)
        if password_changed:
            ApiToken.objects.filter(user=self).live().update(revoked_at=timezone.now())

    def get_full_name(self):
        return self.full_name

    def get_short_name(self):
        return self.full_name.split(" ")[0] if self.full_name else self.email

    @cached_property
    def active_membership(self):
        return (
            self.memberships.filter(status=MembershipStatus.ACTIVE)
            .select_related("organisation").order_by("-role", "id").first()
        )

    @property
    def organisation(self):
        membership = self.active_membership
        return membership.organisation if membership else None

    @property
    def is_organisation_lead(self):
        membership = self.active_membership
        return bool(membership and membership.role == MembershipRole.LEAD)


class MembershipQuerySet(models.QuerySet):
    def active(self):
        return self.filter(status=MembershipStatus.ACTIVE)

    def for_user(self, user):
        if not user.is_authenticated:
            return self.none()
        # Those who decide memberships see every one; anyone else, their own.
        if user.has_perm("people.approve_membership"):
            return self
        return self.filter(user=user)


class Membership(models.Model):
    """A person's place in an organisation. Pending ones wait for staff approval."""

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="memberships")
    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE,
                                     related_name="memberships")
    role = models.CharField(max_length=20, choices=MembershipRole.choices,
                            default=MembershipRole.MEMBER)
    status = models.CharField(max_length=20, choices=MembershipStatus.choices,
                              default=MembershipStatus.PENDING, db_index=True)
    created_at = models.DateTimeField(auto_now_add=True)
    decided_at = models.DateTimeField(null=True, blank=True)
    decided_by = models.ForeignKey(User, null=True, blank=True, on_delete=models.SET_NULL,
                                   related_name="+")

    objects = MembershipQuerySet.as_manager()

    class Meta:
        ordering = ["organisation__name", "user__full_name"]
        constraints = [
            models.UniqueConstraint(fields=["user", "organisation"], name="one_membership_per_org"),
        ]

    def __str__(self):
        return f"{self.user}, {self.organisation} ({self.get_role_display()})"


def hash_token(raw):
    return hashlib.sha256(raw.encode()).hexdigest()


class ApiTokenQuerySet(models.QuerySet):
    def for_user(self, user):
        if not user.is_authenticated:
            return self.none()
        return self.filter(user=user)

    def live(self):
        return self.filter(revoked_at__isnull=True)


class ApiToken(models.Model):
    """A personal API token. Only its SHA-256 is stored; the token is shown once."""

    PREFIX = "lx_"

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="api_tokens")
    name = models.CharField(max_length=100)
    key_hash = models.CharField(max_length=64, unique=True)
    hint = models.CharField(max_length=12, help_text="The first characters, to tell tokens apart.")
    created_at = models.DateTimeField(auto_now_add=True)
    last_used_at = models.DateTimeField(null=True, blank=True)
    revoked_at = models.DateTimeField(null=True, blank=True)

    objects = ApiTokenQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at"]

    def __str__(self):
        return f"{self.name} ({self.hint}…)"

    @classmethod
    def generate(cls):
        return cls.PREFIX + secrets.token_urlsafe(32)
