from django import forms

from exchange.common.forms import GovukForm, GovukModelForm
from exchange.common.models import Topic

from .models import NewsPost


class NewsPostForm(GovukModelForm):
    class Meta:
        model = NewsPost
        fields = ["title", "summary", "body", "topics"]
        labels = {"body": "Post", "topics": "Topics"}
        help_texts = {
            "summary": "One or two sentences, shown in lists, on the home page and in the feed.",
            "body": "Markdown: ## for a heading, * for a list, [words](https://…) for a link.",
            "topics": "People can find the post by these topics.",
        }
        widgets = {"summary": forms.Textarea(attrs={"rows": 2}),
                   "body": forms.Textarea(attrs={"rows": 15}),
                   "topics": forms.CheckboxSelectMultiple}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["topics"].queryset = Topic.objects.order_by("name")
        self.fields["topics"].required = False


class UnpublishForm(GovukForm):
    note = forms.CharField(label="Why is it being unpublished?", required=False,
                           widget=forms.Textarea(attrs={"rows": 3}),
                           help_text="Optional. Kept in the post's history.")


class NewsFilterForm(GovukForm):
    """The list's topic filter (a GET form: no errors to show)."""

    topic = forms.ChoiceField(label="Topic", required=False)

    def __init__(self, *args, topics=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["topic"].choices = [("", "All topics"),
                                        *[(topic.slug, topic.name) for topic in topics]]
