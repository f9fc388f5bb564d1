"""Factories for Learning the Lessons tests."""

import factory
from django.utils import timezone

from exchange.lessons.enums import Audience, EditorialStatus
from exchange.lessons.models import Article, CaseStudy, LessonsIssue, ReflectiveQuestion
from tests.factories import TopicFactory


class IssueFactory(factory.django.DjangoModelFactory):
    """A published issue unless told otherwise."""

    class Meta:
        model = LessonsIssue

    number = factory.Sequence(lambda n: 100 + n)
    theme = factory.SubFactory(TopicFactory)
    title = factory.Sequence(lambda n: f"Issue title {n}")
    cover_summary = "What this issue is about."
    introduction = "An introduction."
    status = EditorialStatus.PUBLISHED
    publication_date = factory.LazyFunction(timezone.localdate)
    published_at = factory.LazyFunction(timezone.now)


class CaseFactory(factory.django.DjangoModelFactory):
    """A published case in a published issue, with a question for every audience."""

    class Meta:
        model = CaseStudy
        skip_postgeneration_save = True

    issue = factory.SubFactory(IssueFactory)
    title = factory.Sequence(lambda n: f"Case study {n}")
    summary = "Officers attended a call about a vulnerable person."
    findings = "The risk was not assessed again."
    key_learning = "Assess risk at every new call."
    status = EditorialStatus.PUBLISHED
    published_at = factory.LazyFunction(timezone.now)

    @factory.post_generation
    def questions(obj, create, extracted, **kwargs):
        if not create:
            return
        texts = extracted if extracted is not None else {
            audience: [f"What would {audience} do?"] for audience in Audience.values}
        for audience, items in texts.items():
            for n, text in enumerate(items):
                ReflectiveQuestion.objects.create(case_study=obj, audience=audience, text=text,
                                                  position=n)


class ArticleFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Article

    issue = factory.SubFactory(IssueFactory)
    title = factory.Sequence(lambda n: f"Article {n}")
    body = "A force showcases its new initiative."
