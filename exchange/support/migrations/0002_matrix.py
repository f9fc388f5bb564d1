"""The College's continuous improvement self-assessment matrix, as shipped: seven dimensions with
five levels each, described in words. Staff keep it in the admin afterwards."""

from django.db import migrations

LEVELS = ["Starting", "Developing", "Established", "Advanced", "Leading"]

MATRIX = [
    ("Leadership and governance", "Leaders set direction for improvement and hold it to account.",
     ["leadership", "managing-change"], [
         "Improvement depends on individuals; no one owns it at chief officer level.",
         "A chief officer sponsors improvement; priorities are set but rarely reviewed.",
         "A board reviews improvement work against its priorities each quarter.",
         "Leaders at every level sponsor improvement and report on what it changed.",
         "Improvement is how the force is run; leaders are known for learning in public.",
     ]),
    ("Evidence use", "Decisions draw on research, data and evaluation.",
     ["evidence-based-policing"], [
         "Decisions rest on experience and custom; evidence is seldom asked for.",
         "Some teams look for evidence before they change practice.",
         "Significant changes are checked against the evidence and evaluated locally.",
         "The force commissions and shares independent evaluations.",
         "The force adds to the national evidence base and others learn from it.",
     ]),
    ("Problem solving", "Problems are defined, analysed and tackled at their causes.",
     ["problem-solving", "neighbourhood-policing"], [
         "Recurring problems are met with the same response each time.",
         "Some problems are analysed, mostly by specialists.",
         "A shared method (such as SARA) is used and problems are reviewed.",
         "Problem solving is routine in neighbourhood and response teams, with partners.",
         "Problem solving shapes the force's plans and its results are published.",
     ]),
    ("Learning culture", "People feel able to raise mistakes and to learn from them.",
     ["wellbeing", "leadership"], [
         "Mistakes are hidden or blamed on individuals.",
         "Reviews happen after serious incidents but learning rarely spreads.",
         "Lessons are captured and shared across the force.",
         "Learning from others (peer reviews, visits, practice) changes what the force does.",
         "Reflective practice is expected of everyone and is part of every review.",
     ]),
    ("Workforce", "The force has the skills, capacity and wellbeing to improve.",
     ["workforce-development", "recruitment-and-retention"], [
         "No one has time or training for improvement work.",
         "A small central team does improvement work for others.",
         "Improvement skills are taught and people are given time to use them.",
         "Every team has people skilled in improvement, with career paths that value it.",
         "The force develops improvement skills for others in policing.",
     ]),
    ("Partners", "Partners take part in understanding problems and in solving them.",
     ["vulnerability", "mental-health"], [
         "Partners are told what the force will do.",
         "Partners are consulted on some plans.",
         "Problems are analysed with partners and responsibilities shared.",
         "Joint teams and shared data are normal for the hardest problems.",
         "Partners and the force design services together and judge them together.",
     ]),
    ("Data", "Data is trusted, timely and used to understand demand and results.",
     ["demand-management", "contact-centre"], [
         "Data is hard to get, distrusted or only used for performance tables.",
         "Some analysis is available on request, weeks later.",
         "Teams have timely data on demand and outcomes they trust.",
         "Data is linked with partners' and used to predict and prevent demand.",
         "The force's data practice is a model for others, with open methods.",
     ]),
]


def add_matrix(apps, schema_editor):
    Dimension = apps.get_model("support", "MatrixDimension")
    Level = apps.get_model("support", "MatrixLevel")
    Topic = apps.get_model("common", "Topic")
    for order, (name, description, topic_slugs, levels) in enumerate(MATRIX, start=1):
        dimension, created = Dimension.objects.get_or_create(
            name=name, defaults={"description": description, "order": order})
        if not created:
            continue
        dimension.topics.set(Topic.objects.filter(slug__in=topic_slugs))
        Level.objects.bulk_create(
            Level(dimension=dimension, level=number, name=LEVELS[number - 1], description=text)
            for number, text in enumerate(levels, start=1))


class Migration(migrations.Migration):
    dependencies = [("support", "0001_initial"), ("common", "0005_shipped_search_synonyms")]
    operations = [migrations.RunPython(add_matrix, migrations.RunPython.noop)]
