"""Publishing: the GitHub Actions workflow tests, builds strictly and deploys with
the address the Pages deployment reports; no domain is invented anywhere; a 404 page
per language; social metadata in each page's language."""

from __future__ import annotations

import re
import subprocess

import yaml

from mdtools import ROOT

WORKFLOW = ROOT / ".github" / "workflows" / "pages.yml"
CJK = re.compile(r"[\u4e00-\u9fff]")


def steps(job):
    return job["steps"]


def uses(step, action):
    return step.get("uses", "").split("@")[0] == action


def test_workflow_tests_builds_strictly_and_deploys_with_the_pages_address():
    workflow = yaml.safe_load(WORKFLOW.read_text(encoding="utf-8"))
    triggers = workflow.get("on", workflow.get(True))  # YAML 1.1 reads a bare `on` as true
    assert "main" in triggers["push"]["branches"] and "pull_request" in triggers
    build, deploy = workflow["jobs"]["test-and-build"], workflow["jobs"]["deploy"]

    test = [s for s in steps(build) if s.get("run") == "bash .ci/run"]
    assert test, "the workflow must run .ci/run, which runs the README's test command"
    configure = [s for s in steps(build) if uses(s, "actions/configure-pages")]
    assert configure and configure[0]["id"] == "pages"
    make_build = [s for s in steps(build) if s.get("run") == "make build"]
    assert make_build and make_build[0]["env"]["SITE_URL"] == "${{ steps.pages.outputs.base_url }}/"
    order = [s.get("run") or s.get("uses", "").split("@")[0] for s in steps(build)]
    assert order.index("bash .ci/run") < order.index("actions/configure-pages") < order.index("make build")
    upload = [s for s in steps(build) if uses(s, "actions/upload-pages-artifact")]
    assert upload and upload[0]["with"]["path"] == "site"

    assert deploy["needs"] == "test-and-build"
    assert deploy["permissions"] == {"pages": "write", "id-token": "write"}
    assert any(uses(s, "actions/deploy-pages") for s in steps(deploy))


def test_the_commands_agree():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert "make test" in readme and "make serve" in readme
    assert (ROOT / ".ci" / "run").read_text().rstrip().endswith("make test")
    makefile = (ROOT / "Makefile").read_text()
    assert re.search(r"^build: setup\n\t\$\(BIN\)/mkdocs build --strict$", makefile, re.M)


def test_no_domain_is_invented():
    tracked = subprocess.run(["git", "ls-files"], cwd=ROOT, capture_output=True, text=True).stdout.split()
    for name in tracked:
        path = ROOT / name
        if path.suffix in {".md", ".yml", ".yaml", ".py", ".html", ".js", ".css", ".json", ".txt", ""} \
                and path.is_file():
            text = path.read_text(encoding="utf-8", errors="ignore")
            assert not re.search(r"[\w-]+\.github\.io", text), f"{name} names a github.io address"
    config = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    assert 'site_url: !ENV [SITE_URL, "http://127.0.0.1:8000/"]' in config


def test_a_404_page_per_language(site):
    english, chinese = (site / "404.html").read_text(encoding="utf-8"), (site / "zh" / "404.html").read_text(encoding="utf-8")
    assert '<html lang="en"' in english and '<html lang="zh"' in chinese
    for page in (english, chinese):
        assert "Page not found" in page and "页面未找到" in page
        assert '<div lang="en">' in page and '<div lang="zh">' in page
    assert english.index("Page not found") < english.index("页面未找到")
    assert chinese.index("页面未找到") < chinese.index("Page not found")


def test_social_metadata_in_the_page_language(site):
    pages = [p for p in site.rglob("index.html")]
    assert len(pages) >= 14
    for page in pages:
        html = page.read_text(encoding="utf-8")
        meta = dict(re.findall(r'<meta (?:property|name)="((?:og|twitter):\w+)" content="([^"]*)"', html))
        # 中英对照 pages (zh-en/) are framed by the Chinese page
        chinese = page.relative_to(site).parts[0] in ("zh", "zh-en")
        where = page.relative_to(site)
        for key in ("og:title", "og:description", "og:locale", "og:url", "twitter:card"):
            assert meta.get(key), f"{where}: no {key}"
        assert meta["og:locale"] == ("zh_CN" if chinese else "en_US"), where
        assert bool(CJK.search(meta["og:description"])) == chinese, f"{where}: description in the wrong language"
        description = re.search(r'<meta name="description" content="([^"]*)"', html)
        assert description and bool(CJK.search(description.group(1))) == chinese, where


def test_labels_tooltips_and_alt_texts_in_the_page_language(site):
    """Every title, aria-label, alt text and placeholder of a Chinese page is Chinese
    (the palette switch, the headings' permalinks, the notebook's copy buttons were
    English once), and none of an English page is."""
    checked = 0
    for page in site.rglob("*.html"):
        part = page.relative_to(site).parts[0]
        if part == "zh-en":  # both languages, column by column
            continue
        chinese = part == "zh"
        for attr, value in re.findall(r' (title|aria-label|alt|placeholder)="([^"]*)"', page.read_text(encoding="utf-8")):
            checked += 1
            assert bool(CJK.search(value)) == chinese, f"{page.relative_to(site)}: {attr}={value!r} in the wrong language"
    assert checked > 200, f"only {checked} attributes checked"


def test_permalinks_are_named_without_a_title(site):
    """Each heading's permalink (the notebooks' too) has an aria-label in the page's language and no title:
    Material's content.tooltips would mount a tooltip for every title while the page
    loads (hooks/accessibility.py)."""
    links = 0
    for page in site.rglob("index.html"):
        part = page.relative_to(site).parts[0]
        # 中英对照 pages hold both languages' headings (the lab's English cells too)
        labels = {"zh": ["永久链接"], "zh-en": ["永久链接", "Permanent link"]}.get(part, ["Permanent link"])
        for tag in re.findall(r'<a class="(?:headerlink|anchor-link)"[^>]*>', page.read_text(encoding="utf-8")):
            links += 1
            assert " title=" not in tag, f"{page.relative_to(site)}: {tag}"
            assert any(f'aria-label="{label}"' in tag for label in labels), f"{page.relative_to(site)}: {tag}"
    assert links > 100
