"""Forms for Learning the Lessons: editors' writing forms and readers' forms."""

from django import forms

from exchange.common.forms import GovukForm, GovukModelForm, in_messages
from exchange.common.models import Topic

from .enums import Audience, EditorialStatus, FindingKind, Role
from .models import Article, CaseStudy, LessonsIssue, questions_by_audience


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, **kwargs):
        super().__init__(format="%Y-%m-%d", **kwargs)


class IssueForm(GovukModelForm):
    """An issue's details. Not its number: a new issue is numbered one after the last, and a
    published issue's number is its address, in every email already sent."""

    class Meta:
        model = LessonsIssue
        fields = ["theme", "title", "publication_date", "cover_summary", "introduction"]
        widgets = {"publication_date": DateInput(), "cover_summary": forms.Textarea(attrs={"rows": 3}),
                   "introduction": forms.Textarea(attrs={"rows": 8})}
        labels = {"publication_date": "Publication date"}
        help_texts = {"publication_date": "Left empty, it is set to the day the issue is published.",
                      "introduction": "The editor's introduction. Markdown."}


QUESTION_FIELDS = {audience: f"questions_{audience}" for audience in Audience.values}


class CaseStudyForm(GovukModelForm):
    roles = forms.MultipleChoiceField(choices=Role.choices, required=False,
                                      widget=forms.CheckboxSelectMultiple,
                                      label="Roles it concerns")

    class Meta:
        model = CaseStudy
        fields = ["title", "themes", "summary", "findings", "key_learning", "action_taken",
                  "outcome_for_individuals", "date_of_incident", "force", "force_name", "source_url",
                  "position"]
        widgets = {"themes": forms.CheckboxSelectMultiple, "date_of_incident": DateInput(),
                   **{name: forms.Textarea(attrs={"rows": 5}) for name in
                      ["summary", "findings", "key_learning", "action_taken",
                       "outcome_for_individuals"]}}
        labels = {"summary": "Summary of what happened", "findings": "The investigation's findings",
                  "action_taken": "Action taken by the force",
                  "outcome_for_individuals": "Outcomes for the officers and staff involved",
                  "force": "Force (kept for editors, never published)",
                  "force_name": "Force or body as the source names it, if not in the list",
                  "position": "Order in the issue"}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["themes"].queryset = Topic.objects.order_by("name")
        self.fields["position"].widget.attrs["class"] += " govuk-input--width-4"
        in_messages(self.fields["force_name"], "the name of the force or body")
        in_messages(self.fields["source_url"], "the source web address")
        in_messages(self.fields["date_of_incident"], "the date of the incident")
        case = self.instance
        questions = {audience: [] for audience in Audience.values}
        if case.pk:
            self.initial.setdefault("roles", case.roles)
            for question in case.questions.all():
                questions[question.audience].append(question.text)
        for audience, label in Audience.choices:
            name = QUESTION_FIELDS[audience]
            self.fields[name] = forms.CharField(
                label=f"Reflective questions for {label.lower()}", required=False,
                help_text="One question a line.", widget=forms.Textarea(
                    attrs={"rows": 4, "class": "govuk-textarea"}),
                initial="\n".join(questions[audience]))

    def questions(self):
        return {audience: [line for line in self.cleaned_data[name].splitlines() if line.strip()]
                for audience, name in QUESTION_FIELDS.items()}

    def data_for_domain(self):
        data = {name: self.cleaned_data[name] for name in self.Meta.fields}
        data["roles"] = self.cleaned_data["roles"]
        return data


class ArticleForm(GovukModelForm):
    class Meta:
        model = Article
        fields = ["kind", "title", "author_name", "author_role", "organisation", "standfirst",
                  "body", "position"]
        widgets = {"kind": forms.RadioSelect, "standfirst": forms.Textarea(attrs={"rows": 3}),
                   "body": forms.Textarea(attrs={"rows": 12})}
        labels = {"kind": "Type of article", "position": "Order in the issue"}


class OverrideForm(GovukForm):
    kind = forms.ChoiceField(choices=FindingKind.choices, widget=forms.HiddenInput)
    text = forms.CharField(max_length=300, widget=forms.HiddenInput)
    reason = forms.CharField(label="Why is this not identifying?", widget=forms.Textarea(
        attrs={"rows": 2}), max_length=2000,
        error_messages={"required": "Give the reason this is not identifying"})


class EditorialActionForm(GovukForm):
    note = forms.CharField(label="Note", required=False, widget=forms.Textarea(attrs={"rows": 3}))

    def __init__(self, *args, note_label=None, note_required=False, **kwargs):
        super().__init__(*args, **kwargs)
        if note_label:
            self.fields["note"].label = note_label
        self.fields["note"].required = note_required


class ReflectionForm(GovukForm):
    """One private answer box per reflective question of a case."""

    def __init__(self, *args, questions, answers, **kwargs):
        super().__init__(*args, **kwargs)
        self.questions = list(questions)
        for question in self.questions:
            self.fields[f"answer_{question.pk}"] = in_messages(forms.CharField(
                label=question.text, required=False, max_length=5000,
                initial=answers.get(question.pk, ""),
                widget=forms.Textarea(attrs={"rows": 3, "class": "govuk-textarea"})),
                f"your answer to “{question.text}”")

    def answers(self):
        return {q.pk: self.cleaned_data.get(f"answer_{q.pk}", "") for q in self.questions}

    def grouped(self):
        """``[(audience label, [bound field])]`` for the case page, in the order readers who
        are not signed in see the questions."""
        return [(label, [self[f"answer_{question.pk}"] for question in questions])
                for label, questions in questions_by_audience(self.questions)]


class SubscribeForm(GovukForm):
    email = forms.EmailField(label="Email address", max_length=254,
                             error_messages={"required": "Enter your email address",
                                             "invalid": "Enter an email address like name@example.org"})
    themes = forms.ModelMultipleChoiceField(
        queryset=Topic.objects.none(), required=False, widget=forms.CheckboxSelectMultiple,
        label="Themes you want to hear about",
        help_text="Choose none to receive every issue.")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # The magazine's themes, not the whole taxonomy: a theme no issue was published on
        # would never bring an email.
        self.fields["themes"].queryset = issue_themes()
        self.fields["email"].widget.attrs.update({"autocomplete": "email", "spellcheck": "false"})


class ThemeProposalForm(GovukForm):
    title = forms.CharField(label="Theme", max_length=150,
                            error_messages={"required": "Enter the theme you would like an issue on"})
    description = forms.CharField(label="Why it matters", required=False, max_length=2000,
                                  widget=forms.Textarea(attrs={"rows": 3}))


def issue_themes():
    """The themes of published issues. A public list names only these: a draft's theme would
    reveal the draft, and choosing another would find (or send) nothing."""
    return (Topic.objects.filter(lessons_issues__status=EditorialStatus.PUBLISHED).distinct()
            .order_by("name"))


def theme_choices():
    return [("", "All themes"), *issue_themes().values_list("slug", "name")]


class ArchiveFilterForm(GovukForm):
    q = in_messages(forms.CharField(label="Search issues", required=False, max_length=200),
                    "what you search for")
    theme = forms.ChoiceField(label="Theme", required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["theme"].choices = theme_choices()


class CaseFilterForm(GovukForm):
    q = in_messages(forms.CharField(label="Search case studies", required=False, max_length=200),
                    "what you search for")
    theme = forms.ChoiceField(label="Theme", required=False)
    role = forms.ChoiceField(label="Role", required=False,
                             choices=[("", "All roles"), *Role.choices])
    audience = in_messages(forms.ChoiceField(label="Questions for", required=False,
                                             choices=[("", "Any audience"), *Audience.choices]),
                           "who the questions are for")
    issue = forms.TypedChoiceField(label="Issue", required=False, coerce=int, empty_value=None)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["theme"].choices = [("", "All themes"), *Topic.objects.filter(
            case_studies__status=EditorialStatus.PUBLISHED).distinct().order_by("name")
            .values_list("slug", "name")]
        self.fields["issue"].choices = [("", "Any issue"), *[
            (number, f"Issue {number}: {title}") for number, title in
            LessonsIssue.objects.published().values_list("number", "title")]]

