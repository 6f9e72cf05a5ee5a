"""English is the source: a changed English section fails until its Chinese twin
has been reviewed and the review recorded (`make translations-reviewed`)."""

from __future__ import annotations

import shutil

import pytest

import translation_review as review


def test_every_changed_english_section_has_a_reviewed_translation():
    problems = review.drift(review.current(), review.recorded())
    assert not problems, (
        "English text changed since its Chinese translation was reviewed:\n  " + "\n  ".join(problems)
        + "\nUpdate the Chinese twin, then run `make translations-reviewed` and commit both.")


@pytest.fixture
def copy(tmp_path, monkeypatch):
    """The pages, the glossary and the review record, in a scratch copy."""
    docs, data = tmp_path / "docs", tmp_path / "data"
    shutil.copytree(review.DOCS, docs)
    data.mkdir()
    shutil.copy(review.RECORD, data / review.RECORD.name)
    monkeypatch.setattr(review, "DOCS", docs)
    monkeypatch.setattr(review, "GLOSSARY", docs / "glossary.yml")
    monkeypatch.setattr(review, "RECORD", data / review.RECORD.name)
    return docs


def test_an_edited_english_section_fails_naming_page_and_section(copy):
    page = copy / "vanishing-exploding-gradients.md"
    text = page.read_text(encoding="utf-8")
    page.write_text(text.replace("two units; nothing below depends on that.",
                                 "three units; nothing below depends on that."), encoding="utf-8")
    assert review.drift(review.current(), review.recorded()) == [
        "docs/vanishing-exploding-gradients.md: section 'the-setup' changed since "
        "docs/vanishing-exploding-gradients.zh.md was reviewed"]
    review.record()
    assert review.drift(review.current(), review.recorded()) == []


def test_reflowing_a_paragraph_is_not_a_change(copy):
    page = copy / "vanishing-exploding-gradients.md"
    text = page.read_text(encoding="utf-8")
    page.write_text(text.replace("two units; nothing", "two units;\nnothing"), encoding="utf-8")
    assert review.drift(review.current(), review.recorded()) == []


def test_a_new_section_and_an_edited_glossary_entry_fail(copy):
    page = copy / "index.md"
    page.write_text(page.read_text(encoding="utf-8") + "\n## A new section\n\nText.\n", encoding="utf-8")
    glossary = copy / "glossary.yml"
    glossary.write_text(glossary.read_text(encoding="utf-8").replace(
        "en_def: The constant b^[l]", "en_def: The vector b^[l]"), encoding="utf-8")
    problems = review.drift(review.current(), review.recorded())
    assert "docs/index.md: section 'a-new-section' is new since docs/index.zh.md was reviewed" in problems
    assert "docs/glossary.yml: entry 'bias' changed since its Chinese was reviewed" in problems
    assert len(problems) == 2
