"""The forms of a network's discussion: a new thread, a reply, hiding a post, notifications."""

from django import forms

from exchange.common.forms import GovukForm, in_messages

from ..domain.discussion import MAX_BODY, MAX_REASON, MAX_TITLE

MARKDOWN_HINT = ("You can use Markdown: a blank line between paragraphs, **bold**, - for a list, "
                 "[words](https://example.org) for a link. Only the network's members see it.")


class ThreadForm(GovukForm):
    title = forms.CharField(label="Title", max_length=MAX_TITLE,
                            help_text="What the thread is about, in a few words.")
    body = in_messages(forms.CharField(label="Your message", max_length=MAX_BODY,
                                       help_text=MARKDOWN_HINT,
                                       widget=forms.Textarea(attrs={"rows": 8})), "your message")


class ReplyForm(GovukForm):
    body = in_messages(forms.CharField(label="Your reply", max_length=MAX_BODY,
                                       help_text=MARKDOWN_HINT,
                                       widget=forms.Textarea(attrs={"rows": 6})), "your reply")


class HidePostForm(GovukForm):
    reason = forms.CharField(
        label="Why are you hiding this post?", max_length=MAX_REASON,
        help_text="Members see this in place of the post, and it is kept in the activity log.",
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": "Enter why you are hiding the post"})


class NotificationsForm(GovukForm):
    notify_posts = forms.TypedChoiceField(
        label="Email me when someone starts a thread or replies in this network",
        choices=[("yes", "Yes, email me"), ("no", "No, do not email me")],
        coerce=lambda value: value == "yes", widget=forms.RadioSelect,
        error_messages={"required": "Select whether you want emails about new posts"})
