"""The references page: every work the site relies on, in both languages, with
authors, year, venue and a stable link, and every paper cited from the pages."""

import re

import pytest

from mdtools import DOCS

PAPERS = {"glorot2010": "proceedings.mlr.press/v9/glorot10a", "he2015delving": "arxiv.org/abs/1502.01852",
          "he2016resnet": "arxiv.org/abs/1512.03385", "lecun1998": "doi.org/10.1007/3-540-49430-8_2",
          "saxe2014": "arxiv.org/abs/1312.6120", "he2016identity": "arxiv.org/abs/1603.05027", "pascanu2013": "arxiv.org/abs/1211.5063",
          "ioffe2015": "arxiv.org/abs/1502.03167"}
LECTURES = {"ng-vanishing": "vanishing-exploding-gradients-C9iQO",
            "ng-initialization": "weight-initialization-for-deep-networks-RwqYe",
            "deeplizard": "youtube.com/watch?v=qO_NLVjD6zE"}


def entries(path):
    """anchor -> text of that entry (up to the next heading)."""
    text = path.read_text(encoding="utf-8")
    found = re.findall(r"^### [^\n]*\{ #([\w-]+) \}\n(.*?)(?=^##|\Z)", text, flags=re.M | re.S)
    return dict(found)


@pytest.mark.parametrize("name", ["references.md", "references.zh.md"])
def test_every_work_has_authors_year_venue_and_a_stable_link(name):
    found = entries(DOCS / name)
    assert set(found) == set(PAPERS) | set(LECTURES), f"docs/{name}: entries {sorted(found)}"
    for key, link in {**PAPERS, **LECTURES}.items():
        entry = found[key]
        assert f"https://{link}" in entry or f"https://www.{link}" in entry or link in entry, \
            f"docs/{name}: {key} lacks its link {link}"
        if key in PAPERS:
            assert re.search(r"\b(19|20)\d\d\b", entry) and "*" in entry, f"docs/{name}: {key} lacks year/title"
        assert len(entry.strip().split("\n\n")) >= 2, f"docs/{name}: {key} lacks what the site takes from it"


@pytest.mark.parametrize("suffix", [".md", ".zh.md"])
def test_every_paper_is_cited_from_a_page(suffix):
    pages = [p for p in DOCS.glob(f"*{suffix}") if p.name.split(".")[0] not in ("references", "glossary")
             and (suffix == ".zh.md") == p.name.endswith(".zh.md")]
    cited = set(re.findall(r"references\.md#([\w-]+)", " ".join(p.read_text(encoding="utf-8") for p in pages)))
    assert set(PAPERS) <= cited, f"papers never cited from the {suffix} pages: {set(PAPERS) - cited}"


CITATION = re.compile(r"\[([^\]]*?)(\d{4}[a-z]?)\]\((?:\.\./)?references\.md#([\w-]+)\)")


@pytest.mark.parametrize("suffix", [".md", ".zh.md"])
def test_a_citation_gives_the_year_of_its_reference(suffix):
    """One convention: a paper is cited by the year of the venue in its reference
    entry (Saxe et al. 2014 for ICLR 2014, the ResNet paper 2016 for CVPR 2016)."""
    headings = re.findall(r"^### .*?[(（](\d{4}[a-z]?)[)）].*?\{ #([\w-]+) \}$",
                          (DOCS / f"references{suffix}").read_text(encoding="utf-8"), flags=re.M)
    years = {key: year for year, key in headings}
    checked = 0
    for page in sorted(DOCS.glob(f"*{suffix}")):
        if suffix == ".md" and page.name.endswith(".zh.md"):
            continue
        for _, year, key in CITATION.findall(page.read_text(encoding="utf-8")):
            assert key in years, f"{page.name}: cites references{suffix}#{key}, which has no entry"
            assert year == years[key], f"{page.name}: cites {key} as {year}, the reference says {years[key]}"
            checked += 1
    assert checked >= 5
