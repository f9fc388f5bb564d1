"""The practice index holds more than the entry's own text: its topics, its organisation, its
region and its partners, and it follows a rename of a topic or an organisation."""

import pytest
from django.db import connection

from exchange.common.search import search
from exchange.practice.models import Practice
from exchange.practice.search_index import PRACTICE_INDEX
from tests.factories import OrganisationFactory, PracticeFactory, TopicFactory


def found(q):
    return list(search(Practice.objects.all(), q))


@pytest.mark.django_db
def test_an_entry_is_found_by_the_name_of_its_topic():
    diversion = TopicFactory(name="Diversion", slug="diversion")
    entry = PracticeFactory(title="Second chances for first offenders")
    entry.topics.add(diversion)
    PracticeFactory(title="Street lighting audit")
    assert found("diversion") == [entry]


@pytest.mark.django_db
def test_an_entry_is_found_by_a_topic_alias():
    vawg = TopicFactory(name="Violence against women and girls", aliases=["VAWG"])
    entry = PracticeFactory(title="Safer nights out")
    entry.topics.add(vawg)
    assert found("vawg") == [entry]


@pytest.mark.django_db
def test_an_entry_is_found_by_its_organisation_region_and_partners():
    force = OrganisationFactory(name="Fenmoor-Dale Constabulary", slug="fenmoor-dale", aliases=["FDC"])
    entry = PracticeFactory(title="Rural crime team", organisation=force, region="wales",
                            partners=["Farmers Union", "Natural Resources Wales"])
    PracticeFactory(title="Another entry")
    assert found("Fenmoor-Dale") == [entry]
    assert found("fdc") == [entry]
    assert found("wales") == [entry]
    assert found("farmers union") == [entry]


@pytest.mark.django_db
def test_a_topic_match_outranks_the_same_word_in_the_body():
    diversion = TopicFactory(name="Diversion")
    in_body = PracticeFactory(title="Youth panel",
                              description="Some young people were offered diversion.")
    tagged = PracticeFactory(title="Youth panel", description="Young people met the panel.")
    tagged.topics.add(diversion)
    assert found("diversion") == [tagged, in_body]


@pytest.mark.django_db
def test_removing_a_topic_takes_its_name_out_of_the_index():
    topic = TopicFactory(name="Hate crime")
    entry = PracticeFactory(title="Third-party reporting centres")
    entry.topics.add(topic)
    entry.topics.remove(topic)
    assert found("hate") == []


@pytest.mark.django_db
def test_deleting_a_topic_takes_its_name_out_of_the_index():
    topic = TopicFactory(name="Shoplifting")
    entry = PracticeFactory(title="Retail partnership")
    entry.topics.add(topic)
    topic.delete()
    assert found("shoplifting") == []
    assert found("retail") == [entry]


@pytest.mark.django_db
def test_renaming_a_topic_reindexes_every_entry_that_carries_it_in_one_statement(query_count):
    topic = TopicFactory(name="Drones")
    entries = PracticeFactory.create_batch(3)
    for entry in entries:
        entry.topics.add(topic)
    untagged = PracticeFactory(title="Drones over the moors")
    topic.name = "Unmanned aircraft"
    assert query_count.of(topic.save) == 1
    assert set(found("unmanned aircraft")) == set(entries)
    assert found("drones") == [untagged]


@pytest.mark.django_db
def test_renaming_an_organisation_reindexes_its_entries_in_one_statement(query_count):
    force = OrganisationFactory(name="Blankshire Constabulary")
    entries = PracticeFactory.create_batch(3, organisation=force)
    force.name = "Greater Blankshire Police"
    assert query_count.of(force.save) == 1
    assert set(found("greater blankshire")) == set(entries)


@pytest.mark.django_db
def test_moving_an_entry_to_another_organisation_reindexes_it():
    entry = PracticeFactory(organisation=OrganisationFactory(name="Northshire Police"))
    entry.organisation = OrganisationFactory(name="Southshire Police")
    entry.save()
    assert found("northshire") == []
    assert found("southshire") == [entry]


@pytest.mark.django_db
def test_rebuilding_the_index_keeps_topics_and_organisation():
    entry = PracticeFactory(organisation=OrganisationFactory(name="Westshire Police"))
    entry.topics.add(TopicFactory(name="Cybercrime"))
    with connection.cursor() as cursor:
        cursor.execute("DELETE FROM practice_search")
    PRACTICE_INDEX.rebuild(connection)
    assert found("cybercrime westshire") == [entry]
