"""People and organisations: tokens, memberships, sign-up decisions."""

from datetime import timedelta

from django.contrib.auth.hashers import make_password
from django.contrib.auth.tokens import default_token_generator
from django.core import signing
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode

from exchange.common.domain import StateMachine, log_activity
from exchange.mail.domain import queue_email

from .data import load_organisations as _load_organisations
from .enums import MembershipRole, MembershipStatus
from .models import ApiToken, Membership, Organisation, User, canonical_email, hash_token


def create_api_token(*, user, name):
    """Create a token for ``user``; return ``(token_row, raw_token)``. The raw token is not stored."""
    raw = ApiToken.generate()
    token = ApiToken.objects.create(user=user, name=name, key_hash=hash_token(raw), hint=raw[:10])
    return token, raw


def user_for_api_token(raw):
    """The active user a raw token belongs to, or None. Records when it was last used."""
    token = (ApiToken.objects.live().select_related("user")
             .filter(key_hash=hash_token(raw), user__is_active=True).first())
    if token is None:
        return None
    ApiToken.objects.filter(pk=token.pk).update(last_used_at=timezone.now())
    return token.user


def revoke_api_token(*, token):
    ApiToken.objects.filter(pk=token.pk, revoked_at__isnull=True).update(revoked_at=timezone.now())


# --- Sign-up, email verification and membership decisions -----------------------------------

VERIFY_EMAIL_SALT = "exchange.people.verify-email"
VERIFY_EMAIL_MAX_AGE = timedelta(days=3)

MEMBERSHIP_STATES = StateMachine(field="status", transitions={
    "approve": ({MembershipStatus.PENDING, MembershipStatus.DECLINED}, MembershipStatus.ACTIVE),
    "decline": ({MembershipStatus.PENDING}, MembershipStatus.DECLINED),
})


def load_organisations():
    """Create or update the shipped organisations (the real forces). Side effect: upserts."""
    return _load_organisations(Organisation)


def email_domain(email):
    return email.rsplit("@", 1)[-1].strip().lower()


def organisation_for_email(email):
    """The organisation whose email domains include ``email``'s domain (or a parent of it)."""
    domain = email_domain(email)
    for organisation in Organisation.objects.exclude(email_domains=[]).only("id", "email_domains"):
        for known in organisation.email_domains:
            known = known.strip().lower()
            if domain == known or domain.endswith("." + known):
                return Organisation.objects.get(pk=organisation.pk)
    return None


def make_verification_token(*, user, organisation=None):
    """A signed, timestamped token naming the person, their address and any chosen organisation."""
    payload = {"user": user.pk, "email": user.email,
               "organisation": organisation.pk if organisation else None}
    return signing.TimestampSigner(salt=VERIFY_EMAIL_SALT).sign_object(payload)


def read_verification_token(token):
    """The token's payload; ValidationError when it is tampered with or older than three days."""
    signer = signing.TimestampSigner(salt=VERIFY_EMAIL_SALT)
    try:
        return signer.unsign_object(token, max_age=VERIFY_EMAIL_MAX_AGE)
    except signing.SignatureExpired as error:
        raise ValidationError("This link has expired. Links work for 3 days.",
                              code="expired") from error
    except signing.BadSignature as error:
        raise ValidationError("This link is not valid. Check you copied all of it.",
                              code="invalid") from error


def send_verification_email(*, user, organisation=None):
    """Queue the 'confirm your email address' email. Side effect: one outbox row."""
    token = make_verification_token(user=user, organisation=organisation)
    return queue_email(to=user.email, template="verify_email", context={
        "user": user, "verify_path": reverse("people:verify-email", args=[token]),
        "matched": organisation_for_email(user.email), "chosen": organisation,
    })


def sign_up(*, full_name, email, password, job_title="", organisation=None):
    """Register a person, unverified, and email them a link to confirm their address.

    ``organisation`` is the one they chose; it is needed only when no organisation lists
    their email domain. Never reveals whether the address is registered: for a verified one
    the owner is told someone tried to sign up; an unverified one gets a fresh link.
    Either way the password is hashed and one email is queued, so the two answers take the
    same time. Side effects: a User row, an activity row, one outbox row (for a registered
    address: the outbox row only). Returns the new user or None.
    """
    email = canonical_email(email)
    matched = organisation_for_email(email)
    if matched is None and organisation is None:
        raise ValidationError({"organisation": "Select your organisation"})
    # Hashing is most of the work; do it whether or not the address is registered, so the time
    # the answer takes does not tell which.
    password_hash = make_password(password)
    existing = User.objects.filter(email__iexact=email).first()
    if existing is not None:
        _answer_repeat_sign_up(user=existing, organisation=matched or organisation)
        return None
    with transaction.atomic():
        user = User.objects.create(email=email, password=password_hash, full_name=full_name.strip(),
                                   job_title=job_title.strip(), email_verified_at=None)
        log_activity(subject=user, actor=user, verb="signed_up",
                     note=f"Chose {organisation}" if matched is None else "")
        send_verification_email(user=user, organisation=None if matched else organisation)
    return user


def request_password_reset(*, email):
    """Send a reset link to ``email`` if it has an account, in the background.

    The request does the same work, one task, whether or not the address is registered, so
    neither the page nor the time it takes reveals which. Side effect: one queued task.
    """
    from .tasks import send_password_reset

    send_password_reset.enqueue(email=email)


def send_password_reset_email(*, email):
    """Queue a password reset link to each active account on ``email`` that has a password.

    Side effect: one outbox row per such account (none for an unknown address).
    """
    accounts = User.objects.filter(email__iexact=canonical_email(email), is_active=True)
    for user in accounts:
        if user.has_usable_password():
            queue_email(to=user.email, template="password_reset", context={
                "user": user, "uid": urlsafe_base64_encode(force_bytes(user.pk)),
                "token": default_token_generator.make_token(user)})


def _answer_repeat_sign_up(*, user, organisation):
    if user.email_verified_at is None:
        send_verification_email(user=user, organisation=organisation)
    else:
        queue_email(to=user.email, template="sign_up_existing", context={"user": user})


def verify_email(*, token):
    """Confirm the address in ``token`` and start the person's membership.

    A domain an organisation lists gives an active membership at once; otherwise a pending
    membership of the organisation chosen at sign-up waits for staff. Safe to repeat.
    Side effects: sets ``email_verified_at``; a Membership row; activity rows.
    Returns ``(user, membership or None)``; raises ValidationError for a bad or expired token.
    """
    payload = read_verification_token(token)
    user = User.objects.filter(pk=payload.get("user"), email__iexact=payload.get("email")).first()
    if user is None or not user.is_active:
        raise ValidationError("This link is not valid. Check you copied all of it.", code="invalid")
    with transaction.atomic():
        if user.email_verified_at is None:
            user.email_verified_at = timezone.now()
            user.save(update_fields=["email_verified_at"])
            log_activity(subject=user, actor=user, verb="verified_email")
        membership = _start_membership(user=user, chosen_id=payload.get("organisation"))
    return user, membership


def _start_membership(*, user, chosen_id):
    matched = organisation_for_email(user.email)
    organisation = matched or Organisation.objects.filter(pk=chosen_id).first()
    if organisation is None:
        return user.memberships.select_related("organisation").first()
    status = MembershipStatus.ACTIVE if matched else MembershipStatus.PENDING
    membership, created = Membership.objects.get_or_create(
        user=user, organisation=organisation,
        defaults={"status": status, "role": MembershipRole.MEMBER,
                  "decided_at": timezone.now() if matched else None})
    if created:
        log_activity(subject=membership, actor=user,
                     verb="joined" if matched else "requested_membership", to_state=status,
                     note="Email domain matches the organisation" if matched else "")
    return membership


def decide_membership(*, membership, decision, actor, reason=""):
    """Approve or decline a membership as programme staff, and email the person.

    ``decision`` is "approve" or "decline". Side effects: the membership's status, decided_at
    and decided_by; an activity row; one outbox row. Raises PermissionDenied for anyone but
    programme staff and ValidationError when the membership is not waiting for this decision.
    """
    if not actor.has_perm("people.approve_membership"):
        raise PermissionDenied("Only programme staff can decide memberships.")
    if decision not in MEMBERSHIP_STATES.transitions:
        raise ValidationError({"decision": "Choose approve or decline"})
    with transaction.atomic():
        locked = Membership.objects.select_for_update().get(pk=membership.pk)
        locked.decided_at, locked.decided_by = timezone.now(), actor
        MEMBERSHIP_STATES.change(locked, action=decision, actor=actor, note=reason,
                                 extra_fields=["decided_at", "decided_by"])
        locked = Membership.objects.select_related("user", "organisation").get(pk=locked.pk)
        template = "membership_approved" if decision == "approve" else "membership_declined"
        queue_email(to=locked.user.email, template=template, context={
            "user": locked.user, "organisation": locked.organisation, "reason": reason})
    return locked


def update_profile(*, user, full_name, job_title="", review_emails=None):
    """Change the person's name and job title, and a reviewer's choice of ``review_emails``
    (left as it is when None). Side effect: saves the user."""
    user.full_name, user.job_title = full_name.strip(), job_title.strip()
    fields = ["full_name", "job_title"]
    if review_emails:
        user.review_emails = review_emails
        fields.append("review_emails")
    user.save(update_fields=fields)
    return user
