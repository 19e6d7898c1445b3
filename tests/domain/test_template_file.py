"""Template files: a round trip, typed errors for everything malformed, and a fuzzed parser."""

from __future__ import annotations

import contextlib
import json

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from reflectjournal.domain.errors import TemplateFileError
from reflectjournal.domain.template_file import MAX_FILE_BYTES, read_template, template_bytes
from reflectjournal.domain.templates import Template, TemplatePrompt, builtin_template
from reflectjournal.resources import load_catalog

KINDS = [k.id for k in load_catalog().kinds]


def _file(**changes: object) -> bytes:
    document = json.loads(template_bytes(builtin_template(load_catalog().kind("session"))))
    document.update(changes)
    return json.dumps(document).encode()


def test_a_template_survives_a_round_trip_with_hidden_prompts_and_unicode() -> None:
    template = Template("reflection", "Reflexión", (
        TemplatePrompt("u-1", "Sueño", "¿Cómo dormí? 7-month-old", hidden=True),
        TemplatePrompt("", "Día", "What went well?")))
    assert read_template(template_bytes(template), KINDS) == template


@pytest.mark.parametrize(("data", "words"), [
    (b"\xff\xfe", "not UTF-8"),
    (b"{", "not valid JSON"),
    (b"[]", "not a ReflectJournal template"),
    (json.dumps({"format": "other"}).encode(), "not a ReflectJournal template"),
    (_file(version=2), "format version 2"),
    (_file(extra=1), "unknown key: 'extra'"),
    (_file(kind="dream"), "unknown kind"),
    (_file(label=3), "'label' must be text"),
    (_file(prompts={}), "'prompts' must be a list"),
    (_file(prompts=[1]), "Prompt 1 is not an object"),
    (_file(prompts=[{"label": "a", "text": "b", "hidden": "no"}]), "'hidden' must be true"),
    (_file(prompts=[{"label": "a", "text": "b", "colour": 1}]), "unknown key"),
    (_file(prompts=[{"label": "", "text": "b"}]), "cannot be empty"),
    (_file(prompts=[{"label": "a", "text": "b\x1b[2J"}]), "control"),
    (_file(prompts=[{"label": "a", "text": "b"}] * 41), "at most 40"),
    (b"[" * 100_000 + b"]" * 100_000, "too large"),
    (b" " * (MAX_FILE_BYTES + 1), "larger than a template"),
])
def test_a_malformed_file_says_what_is_wrong(data: bytes, words: str) -> None:
    with pytest.raises(TemplateFileError) as caught:
        read_template(data, KINDS)
    if words != "too large":  # deep nesting: either the size or the JSON reader refuses it
        assert words in str(caught.value)


_json = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=30),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=8), inner,
                                                                max_size=4),
    max_leaves=20)


@settings(max_examples=300, deadline=None)
@given(st.binary(max_size=400))
def test_random_bytes_parse_or_raise_a_template_file_error(data: bytes) -> None:
    with contextlib.suppress(TemplateFileError):
        read_template(data, KINDS)


@settings(max_examples=300, deadline=None)
@given(st.dictionaries(st.sampled_from(["format", "version", "kind", "label", "prompts", "x"]),
                       _json, max_size=6),
       st.lists(st.dictionaries(st.sampled_from(["id", "label", "text", "hidden", "y"]),
                                _json, max_size=5), max_size=4))
def test_near_templates_parse_or_raise_a_template_file_error(
    top: dict[str, object], prompts: list[dict[str, object]]
) -> None:
    document = {"format": "reflectjournal-template", "version": 1, "kind": "session",
                "label": "x", "prompts": prompts, **top}
    try:
        template = read_template(json.dumps(document).encode(), KINDS)
    except TemplateFileError:
        return
    assert template.kind in KINDS
    assert all(p.label.strip() and p.text.strip() for p in template.prompts)
