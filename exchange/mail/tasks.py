from django.tasks import task

from .domain import send_message


@task()
def send_outbox_messages(message_ids):
    """Send the messages queued together; each is still claimed, and retried, on its own."""
    return sum(1 for message_id in message_ids if send_message(message_id))
