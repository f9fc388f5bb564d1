"""Bringing similar points together (a visit's learning points, a peer-matching group's answers):
normalised word sets compared by Jaccard index.

Two points are similar when the words they share are at least ``threshold`` of the words either
uses, after lower-casing, dropping punctuation and common words, and trimming plural endings.
Groups are built greedily in the order points came: each joins the first group holding a point
it is similar to. Simple, predictable, and enough for the dozens of points a visit produces.
"""

import re

_STOP_WORD_TEXT = """
a about after all also an and any are as at be been before being both but by can could did do
does doing for from had has have having how i if in into is it its just more most my no not of
on once only or other our out over own same should so some such than that the their them then
there these they this those through to too under up very was we were what when where which while
who why will with would you your
"""
STOP_WORDS = frozenset(_STOP_WORD_TEXT.split())
DEFAULT_THRESHOLD = 0.4


def words(text):
    """The normalised set of meaningful words in ``text``."""
    found = set()
    for word in re.findall(r"[a-z0-9]+", text.lower()):
        if word in STOP_WORDS or len(word) < 2:
            continue
        found.add(_stem(word))
    return frozenset(found)


def _stem(word):
    for ending, replacement in (("ies", "y"), ("sses", "ss"), ("s", "")):
        if word.endswith(ending) and len(word) - len(ending) >= 3 and not word.endswith("ss"):
            return word[: -len(ending)] + replacement
    return word


def jaccard(first, second):
    if not first and not second:
        return 1.0
    return len(first & second) / len(first | second)


def similar(first_text, second_text, threshold=DEFAULT_THRESHOLD):
    return jaccard(words(first_text), words(second_text)) >= threshold


def group_similar(items, *, text=lambda item: item, threshold=DEFAULT_THRESHOLD):
    """``items`` in groups of similar ones (lists), groups and members in first-seen order."""
    groups = []  # (list of word sets, list of items)
    for item in items:
        item_words = words(text(item))
        for group_words, members in groups:
            if any(jaccard(item_words, seen) >= threshold for seen in group_words):
                group_words.append(item_words)
                members.append(item)
                break
        else:
            groups.append(([item_words], [item]))
    return [members for _, members in groups]
