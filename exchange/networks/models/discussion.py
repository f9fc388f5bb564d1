"""Threads, posts and resources within a network: members' material, for its active members
and organisers only (``networks.view_member_material``); anyone else gets 404."""

import os
import uuid

from django.conf import settings
from django.db import models
from django.db.models import Q

from .network import Network

__all__ = ["Post", "Resource", "Thread"]


class Thread(models.Model):
    network = models.ForeignKey(Network, on_delete=models.CASCADE, related_name="threads")
    title = models.CharField(max_length=200)
    started_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL,
                                   related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    # The newest visible post's time: the list shows the liveliest threads first.
    last_post_at = models.DateTimeField()

    class Meta:
        ordering = ["-last_post_at", "-id"]
        indexes = [models.Index(fields=["network", "-last_post_at"])]

    def __str__(self):
        return self.title


class Post(models.Model):
    """A thread's opening post or a reply, in Markdown (rendered sanitised). A facilitator may
    hide it with a reason: members then see the reason instead of the text."""

    thread = models.ForeignKey(Thread, on_delete=models.CASCADE, related_name="posts")
    author = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL,
                               related_name="+")
    body = models.TextField()
    created_at = models.DateTimeField(auto_now_add=True)
    edited_at = models.DateTimeField(null=True, blank=True)
    hidden_at = models.DateTimeField(null=True, blank=True)
    hidden_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                  on_delete=models.SET_NULL, related_name="+")
    hidden_reason = models.CharField(max_length=500, blank=True)

    class Meta:
        ordering = ["created_at", "id"]
        indexes = [models.Index(fields=["thread", "created_at"])]

    def __str__(self):
        return f"Post {self.pk} in {self.thread_id}"

    @property
    def is_hidden(self):
        return self.hidden_at is not None


def resource_path(resource, filename):
    # A random folder: the path says nothing about the network, and is never served as media.
    return f"networks/resources/{uuid.uuid4().hex}/{os.path.basename(filename)}"


class Resource(models.Model):
    """A link or a file shared within a network (a file is served by a view that asks
    ``networks.view_member_material``, never from the media URL)."""

    network = models.ForeignKey(Network, on_delete=models.CASCADE, related_name="resources")
    title = models.CharField(max_length=200)
    description = models.TextField(blank=True)
    url = models.URLField("Web address", max_length=500, blank=True)
    file = models.FileField(upload_to=resource_path, max_length=300, blank=True)
    shared_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL,
                                  related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["network", "-created_at"])]
        constraints = [models.CheckConstraint(
            condition=(Q(url="") & ~Q(file="")) | (~Q(url="") & Q(file="")),
            name="resource_is_a_link_or_a_file",
            violation_error_message="Give a web address or a file, not both")]

    def __str__(self):
        return self.title

    @property
    def is_file(self):
        return bool(self.file)
