"""The ingested report's text on the review page: hostile text escaped, the highlighter's marks and anchors."""

import pytest

from extraction.admin.highlight import highlight
from tests.extraction.ingest_pages import paste, review_of

pytestmark = pytest.mark.django_db


HOSTILE = (
    "date 2024-02-01\n"
    "Title: <img src=x onerror=alert(1)>\n\n"
    "BAGHDAD, Feb 1 (Reuters) - A drone strike hit a car in Baghdad on Thursday, police said. "
    '<script>alert(1)</script> "We will respond to this <svg onload=alert(2)> aggression," a militia commander said.\n'
)


def test_hostile_text_is_shown_escaped_on_the_review_page(demo, client_c):
    _, response = review_of(client_c, text=HOSTILE)
    html = response.content.decode()
    assert "<script>alert(1)</script>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "<svg onload" not in html and "&lt;svg onload=alert(2)&gt;" in html
    assert "<img src=x" not in html and "&lt;img src=x onerror=alert(1)&gt;" in html


def test_hostile_text_is_escaped_when_the_paste_form_is_shown_again(client_c):
    response = paste(client_c, text=HOSTILE.replace("date 2024-02-01", ""))
    html = response.content.decode()
    assert response.status_code == 200
    assert "<script>alert(1)</script>" not in html and "&lt;script&gt;alert(1)&lt;/script&gt;" in html


def test_highlight_escapes_inside_and_outside_marks():
    html = highlight("a <b> c <i>", [("g0", "group", "<x>", 2, 5)])
    assert html == (
        'a <span class="ingest-anchor" id="at-g0"></span>'
        '<mark class="hl hl-group" data-items="g0" data-starts="g0" title="&lt;x&gt; (armed group)">&lt;b&gt;</mark>'
        " c &lt;i&gt;"
    )


def test_overlapping_spans_mark_each_piece_once_with_the_narrowest_colour():
    html = highlight("one two three", [("s0", "statement", "q", 0, 13), ("g0", "group", "G", 4, 7)])
    piece = 'data-items="g0 s0" data-starts="g0" title="G (armed group); q (quotation)">two</mark>'
    assert '<mark class="hl hl-group" ' + piece in html
    assert html.count("<mark") == 3
    # One anchor per item, where it is first named.
    assert html.startswith('<span class="ingest-anchor" id="at-s0"></span><mark class="hl hl-statement"')
    assert html.count('id="at-g0"') == 1


def test_an_item_is_anchored_at_its_own_mention_not_at_the_words_around_it():
    html = highlight("Ryder said: strike", [("s0", "speaker", "R", 0, 5), ("s0", "statement", "q", 12, 18)])
    assert 'id="at-s0"></span><mark class="hl hl-statement" data-items="s0" data-starts="s0"' in html


def test_spans_outside_the_text_are_ignored():
    assert highlight("abc", [("g0", "group", "G", 5, 9), ("g1", "group", "G", 2, 1)]) == "abc"
