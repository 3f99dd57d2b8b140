"""render_markdown(heading_level=...): a text's headings fit below the page's own, with no skipped level."""
import re

import pytest

from app.text import render_markdown


def heading_tags(html) -> list[str]:
    return re.findall(r"<(h\d)>", str(html))


@pytest.mark.parametrize(("source", "level", "tags"), [
    ("## Kontakt\n\ntext\n\n### Adresse", 2, ["h2", "h3"]),           # the author's "##" is the page's first section
    ("# A\n\n## B\n\n# C", 2, ["h2", "h3", "h2"]),
    ("## A\n\n#### skipped", 2, ["h2", "h3"]),                        # a skipped level is closed up
    ("#### only", 3, ["h3"]),                                          # under the profile's h2 "About"
    ("# A\n\n###### deep", 6, ["h6", "h6"]),
    ("Title\n=====\n\nSub\n---", 2, ["h2", "h3"]),                    # setext headings too
])
def test_headings_start_at_the_given_level(source, level, tags):
    html = render_markdown(source, heading_level=level)
    assert heading_tags(html) == tags
    assert all(f"</{tag}>" in html for tag in tags)  # closing tags match their opening ones


def test_without_a_level_the_fixed_offset_stays():
    assert heading_tags(render_markdown("## Two\n\n#### Four")) == ["h4", "h6"]


def test_h1_is_never_produced():
    with pytest.raises(ValueError):
        render_markdown("# x", heading_level=1)


def test_the_filter_takes_the_level(app):
    template = app.jinja_env.from_string("{{ body|markdown(heading_level=2) }}")
    with app.app_context():
        assert heading_tags(template.render(body="### Kontakt")) == ["h2"]
