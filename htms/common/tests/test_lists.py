"""Lists of names and labels are joined with the comma of the page's language."""

import pytest
from django.template import Context, Template
from django.utils import translation

from htms.common.lists import join_list

JOINED = Template("{% load htms_bidi %}{{ items|join_list }}|{% list_separator %}")


@pytest.mark.parametrize(
    ("language", "expected"), [("en", "Lahore, Pakistan"), ("ur", "لاہور، پاکستان")]
)
def test_it_joins_with_the_comma_of_the_language(language: str, expected: str) -> None:
    items = ["Lahore", "Pakistan"] if language == "en" else ["لاہور", "پاکستان"]
    with translation.override(language):
        assert join_list(items) == expected


def test_the_template_filter_escapes_each_item_and_gives_the_comma_to_scripts() -> None:
    context = Context({"items": ["<b>TIP</b>", "SOM"]})
    with translation.override("ur"):
        assert JOINED.render(context) == "&lt;b&gt;TIP&lt;/b&gt;، SOM|، "
    with translation.override("en"):
        assert JOINED.render(context) == "&lt;b&gt;TIP&lt;/b&gt;, SOM|, "
    assert Template("{% load htms_bidi %}{{ none|join_list }}").render(Context({})) == ""
