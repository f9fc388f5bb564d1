from django.tasks import task

from .domain import send_password_reset_email


@task()
def send_password_reset(*, email):
    """Look the address up and email a reset link if it has an account (out of the request)."""
    send_password_reset_email(email=email)
