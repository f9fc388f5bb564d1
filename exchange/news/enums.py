from django.db import models


class NewsStatus(models.TextChoices):
    DRAFT = "draft", "Draft"
    PUBLISHED = "published", "Published"


# The one table of allowed transitions: action -> (from states, to state).
NEWS_TRANSITIONS = {
    "publish": ({NewsStatus.DRAFT}, NewsStatus.PUBLISHED),
    "unpublish": ({NewsStatus.PUBLISHED}, NewsStatus.DRAFT),
}
