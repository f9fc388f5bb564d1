from exchange.common.markdown import render_markdown


def test_markdown_keeps_formatting_and_links_with_govuk_classes():
    html = render_markdown("Some **bold** text and a [link](https://example.org).\n\n- one\n- two")
    assert "<strong>bold</strong>" in html
    assert '<a class="govuk-link" href="https://example.org" rel="noopener noreferrer">link</a>' in html
    assert '<ul class="govuk-list govuk-list--bullet">' in html


def test_markdown_removes_scripts_event_handlers_and_javascript_links():
    html = render_markdown(
        '<script>alert(1)</script><img src=x onerror="alert(2)">[x](javascript:alert(3))'
        '<p style="color:red" onclick="alert(4)">hi</p>'
    )
    assert "<script" not in html
    assert "onerror" not in html
    assert "javascript:" not in html
    assert "onclick" not in html
    assert "style=" not in html
    assert "<img" not in html


def test_empty_markdown_is_empty():
    assert render_markdown("") == ""
    assert render_markdown(None) == ""
