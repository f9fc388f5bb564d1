from django.tasks import task

from .domain import send_message


@task()
def send_outbox_message(message_id):
    return send_message(message_id)
