"""The warm-build caches keep the build's output exactly as it was.

hooks/jieba_cache.py remembers jieba's word cuts for the search index;
hooks/template_cache.py stores Material's compiled templates; hooks/highlight_cache.py
the code Pygments highlighted; hooks/search_cache.py the search index's entries for
each page; hooks/parallel.py the 中英对照 pages it merged. All
must give what the uncached build gives (tests/test_site.py compares a whole build
from nothing with the cached one), and recompute when their input changes."""

from __future__ import annotations

import json

import jieba
import pytest
from jinja2 import DictLoader, Environment

import cache_file  # hooks/cache_file.py
import highlight_cache  # hooks/highlight_cache.py
import jieba_cache  # hooks/jieba_cache.py
import parallel  # hooks/parallel.py
import search_cache  # hooks/search_cache.py
import template_cache  # hooks/template_cache.py


def test_every_cached_cut_is_the_cut_jieba_makes(site):
    """The cache the session's build wrote holds the Chinese of the search index, and
    each entry is exactly jieba's own cut of that text."""
    cache_files = sorted(jieba_cache._cache_file_for({}).parent.glob("*.json"))
    assert len(cache_files) == 1, cache_files
    cache = json.loads(cache_files[0].read_text(encoding="utf-8"))
    index = (site / "search" / "search_index.json").read_text(encoding="utf-8")
    assert len(cache) > 500
    for text, words in cache.items():
        assert words == list(jieba.cut(text)), text
    for text in ("梯度消失", "方差", "单位矩阵"):
        cut = [words for cached, words in cache.items() if text in cached]
        assert cut and "\u200b".join(cut[0]) in index, f"{text}: not cut in the index as cached"


@pytest.fixture
def empty_jieba_cache(tmp_path, monkeypatch):
    monkeypatch.setattr(jieba_cache, "_cache", {})
    monkeypatch.setattr(jieba_cache, "_uses", cache_file.Uses())
    monkeypatch.setattr(jieba_cache, "_cache_file", tmp_path / "cut.json")
    monkeypatch.setattr(jieba_cache, "_dirty", False)
    return tmp_path / "cut.json"


def test_a_cached_cut_does_not_call_jieba(empty_jieba_cache, monkeypatch):
    calls = []
    monkeypatch.setattr(jieba, "cut", lambda text: calls.append(text) or iter(["梯度", "消失"]))
    cached = jieba_cache.CachedJieba()
    assert list(cached.cut("梯度消失".encode("utf-8"))) == ["梯度", "消失"]  # bytes, as Material passes
    assert list(cached.cut("梯度消失")) == ["梯度", "消失"]
    assert calls == ["梯度消失"]


def test_the_cache_file_keeps_only_the_text_the_build_cut(empty_jieba_cache, monkeypatch):
    monkeypatch.setattr(jieba_cache, "_cache", {"旧的文字": ["旧的", "文字"]})
    cached = jieba_cache.CachedJieba()
    list(cached.cut("反向传播"))
    jieba_cache.on_post_build({})
    assert json.loads(empty_jieba_cache.read_text(encoding="utf-8")) == {"反向传播": list(jieba.cut("反向传播"))}


def test_a_one_language_build_keeps_the_other_languages_cuts(empty_jieba_cache, monkeypatch):
    """`make serve LANG=zh` must not empty the cache of the pages it does not build."""
    monkeypatch.setattr(jieba_cache, "_cache", {"简体中文": ["简体", "中文"]})
    monkeypatch.setattr(jieba_cache._uses, "whole_site", False)
    list(jieba_cache.CachedJieba().cut("反向传播"))
    jieba_cache.on_post_build({})
    assert set(json.loads(empty_jieba_cache.read_text(encoding="utf-8"))) == {"简体中文", "反向传播"}


def test_a_dirty_build_keeps_the_cuts_of_the_pages_it_skipped(empty_jieba_cache, monkeypatch):
    monkeypatch.setattr(jieba_cache, "_cache", {"简体中文": ["简体", "中文"]})
    jieba_cache.on_startup("build", dirty=True)
    list(jieba_cache.CachedJieba().cut("反向传播"))
    jieba_cache.on_post_build({})
    assert set(json.loads(empty_jieba_cache.read_text(encoding="utf-8"))) == {"简体中文", "反向传播"}


def test_a_new_cache_file_during_serve_does_not_break_the_next_rebuild(empty_jieba_cache, tmp_path, monkeypatch):
    """Text used with one cache file (say, before a user dictionary was added while
    serving) is not looked up in the next one."""
    monkeypatch.setenv("JIEBA_CACHE_DIR", str(tmp_path / "jieba"))
    list(jieba_cache.CachedJieba().cut("梯度消失"))  # used with the first file
    user_dictionary = tmp_path / "words.txt"
    user_dictionary.write_text("梯度爆炸 10 n\n", encoding="utf-8")

    class Search:
        config = {"jieba_dict_user": str(user_dictionary)}

    class Config(dict):
        plugins = {"material/search": Search()}

    jieba_cache.on_config(Config())
    list(jieba_cache.CachedJieba().cut("梯度爆炸"))
    jieba_cache.on_post_build({})
    [written] = (tmp_path / "jieba").glob("*.json")
    assert set(json.loads(written.read_text(encoding="utf-8"))) == {"梯度爆炸"}


def test_jieba_dictionaries_key_the_cache_file(tmp_path):
    user_dictionary = tmp_path / "words.txt"
    user_dictionary.write_text("梯度消失 10 n\n", encoding="utf-8")
    default = jieba_cache._cache_file_for({})
    with_user = jieba_cache._cache_file_for({"jieba_dict_user": str(user_dictionary)})
    user_dictionary.write_text("梯度爆炸 10 n\n", encoding="utf-8")
    assert len({default, with_user, jieba_cache._cache_file_for({"jieba_dict_user": str(user_dictionary)})}) == 3


def test_the_jieba_version_keys_the_cache_file(monkeypatch):
    default = jieba_cache._cache_file_for({})
    monkeypatch.setattr(jieba, "__version__", jieba.__version__ + ".post1")
    assert jieba_cache._cache_file_for({}) != default


def test_a_compiled_template_is_reused_until_its_source_changes(tmp_path, monkeypatch):
    monkeypatch.setenv("JINJA_CACHE_DIR", str(tmp_path / "jinja"))
    sources = {"page.html": "<p>{{ title }}</p>"}

    def environment() -> tuple[Environment, list[str]]:
        env = template_cache.on_env(Environment(loader=DictLoader(sources)), {}, None)
        compiled = []
        compile_ = env.compile
        env.compile = lambda source, *args, **kwargs: compiled.append(source) or compile_(source, *args, **kwargs)
        return env, compiled

    first, compiled = environment()
    assert first.get_template("page.html").render(title="一") == "<p>一</p>" and len(compiled) == 1
    second, compiled = environment()  # a new build: a new environment, same source
    assert second.get_template("page.html").render(title="二") == "<p>二</p>" and compiled == []
    sources["page.html"] = "<h1>{{ title }}</h1>"
    third, compiled = environment()
    assert third.get_template("page.html").render(title="三") == "<h1>三</h1>" and len(compiled) == 1


@pytest.fixture
def highlight_calls(tmp_path, monkeypatch):
    """An empty highlight cache; the list of code Pygments was called on."""
    monkeypatch.setenv("HIGHLIGHT_CACHE_DIR", str(tmp_path / "highlight"))
    monkeypatch.setattr(highlight_cache._uses, "used", set())
    monkeypatch.setattr(highlight_cache._uses, "whole_site", True)
    monkeypatch.setattr(highlight_cache._uses, "partial", False)
    calls = []
    pygments = highlight_cache._pygments
    monkeypatch.setattr(highlight_cache, "_pygments", lambda *args: calls.append(args[0]) or pygments(*args))
    return calls


def _highlighted(code: str, **formatter_options) -> str:
    from pygments.lexers import PythonLexer
    from pymdownx.highlight import BlockHtmlFormatter

    return highlight_cache.cached_highlight(code, PythonLexer(stripnl=False),
                                            BlockHtmlFormatter(cssclass="highlight", wrapcode=True, **formatter_options))


def test_highlighted_code_is_what_pygments_makes_and_is_made_once(highlight_calls):
    from pygments import highlight
    from pygments.lexers import PythonLexer
    from pymdownx.highlight import BlockHtmlFormatter

    code = "W = np.random.randn(n, n_prev) * np.sqrt(2 / n_prev)\n"
    first, second = _highlighted(code), _highlighted(code)
    fresh = highlight(code, PythonLexer(stripnl=False), BlockHtmlFormatter(cssclass="highlight", wrapcode=True))
    assert first == second == fresh and "<span" in fresh
    assert highlight_calls == [code], "the second call ran Pygments again"


def test_the_code_and_the_formatter_options_key_the_cache(highlight_calls):
    plain, numbered, other = _highlighted("a = g(z)\n"), _highlighted("a = g(z)\n", linenos="table"), _highlighted("a = z\n")
    assert len({plain, numbered, other}) == 3 and len(highlight_calls) == 3


def test_the_line_number_style_keys_the_cache(highlight_calls):
    """pymdownx's formatter keeps ``pymdownx-inline`` outside Pygments' options (as
    ``inline`` plus an attribute of its own): the two styles are cached apart."""
    inline, own = _highlighted("a = g(z)\n", linenos="inline"), _highlighted("a = g(z)\n", linenos="pymdownx-inline")
    assert inline != own and 'data-linenos="1 "' in own and len(highlight_calls) == 2


def test_pymdownx_highlights_through_the_cache():
    import pymdownx.highlight

    assert pymdownx.highlight.highlight.__name__ == "cached_highlight"


class _I18n:
    def __init__(self, only):
        self.config = {"build_only_locale": only}


class _Config(dict):
    def __init__(self, only=None, **items):
        super().__init__(**items)
        self.plugins = {"i18n": _I18n(only)}


@pytest.mark.parametrize("only, whole", [(None, True), ("zh", False), ("en", False)])
def test_a_cache_is_pruned_only_by_a_build_of_the_whole_site(tmp_path, only, whole):
    """cache_file.Uses, as the hooks' on_config and on_startup set it: neither a
    one-language build (make serve LANG=zh) nor a dirty one removes unused entries;
    only the folders named as versioned_folder names them go with another version."""
    uses = cache_file.Uses()
    on_config, on_startup, on_post_build = uses.events(lambda: tmp_path / "0123456789abcdef", "*.txt")
    for dirty in (False, True):
        folder = tmp_path / "0123456789abcdef"
        folder.mkdir(exist_ok=True)
        (tmp_path / "fedcba9876543210").mkdir(exist_ok=True)  # another version's folder
        (tmp_path / "notes").mkdir(exist_ok=True)  # not a cache folder
        kept, unused = folder / "kept.txt", folder / "unused.txt"
        kept.write_text("1"), unused.write_text("2")
        on_startup("build", dirty=dirty)
        on_config(_Config(only))
        uses.used.add(kept)
        on_post_build({})
        pruned = whole and not dirty
        assert kept.is_file() and unused.is_file() != pruned
        assert (tmp_path / "fedcba9876543210").is_dir() != pruned and (tmp_path / "notes").is_dir()


def test_a_whole_build_removes_the_blocks_it_did_not_use(highlight_calls):
    _highlighted("old = 1\n")
    folder = highlight_cache.cache_dir()
    (folder.parent / "0123456789abcdef").mkdir()  # the folder of another Pygments version
    highlight_cache.on_startup("build", dirty=False)
    _highlighted("new = 2\n")
    highlight_cache.on_post_build({})
    assert [p.read_text(encoding="utf-8") for p in folder.glob("*.html")] == [_highlighted("new = 2\n")]
    assert [p.name for p in folder.parent.iterdir()] == [folder.name]


@pytest.mark.parametrize("whole_site, dirty", [(False, False), (True, True)], ids=["one language", "dirty"])
def test_a_one_language_or_dirty_build_keeps_the_other_blocks(highlight_calls, monkeypatch, whole_site, dirty):
    _highlighted("old = 1\n")
    monkeypatch.setattr(highlight_cache._uses, "whole_site", whole_site)
    highlight_cache.on_startup("serve", dirty=dirty)
    _highlighted("new = 2\n")
    highlight_cache.on_post_build({})
    assert len(list(highlight_cache.cache_dir().glob("*.html"))) == 2


def test_a_merged_page_is_merged_again_only_when_a_page_changes(site, tmp_path, monkeypatch):
    """From the session's built pages of one lecture: the 中英对照 merge is cached,
    reused as it was, and redone (the old entry removed) when the Chinese page changes."""
    monkeypatch.setenv("PARALLEL_CACHE_DIR", str(tmp_path / "parallel"))
    built = tmp_path / "site"
    for page in ("vanishing-exploding-gradients", "zh/vanishing-exploding-gradients"):
        (built / page).mkdir(parents=True)
        (built / page / "index.html").write_bytes((site / page / "index.html").read_bytes())
    config = {"site_url": "http://127.0.0.1:8000/"}
    merged = built / parallel.PREFIX / "vanishing-exploding-gradients" / "index.html"
    merges = []
    merge = parallel.merge
    monkeypatch.setattr(parallel, "merge", lambda *args: merges.append(args[0]) or merge(*args))

    parallel.build_parallel(built, config)
    first = merged.read_text(encoding="utf-8")
    assert 'data-reading-mode="parallel"' in first and merges == ["/vanishing-exploding-gradients/"]
    merged.unlink()
    parallel.build_parallel(built, config)
    assert merged.read_text(encoding="utf-8") == first and len(merges) == 1, "merged again, nothing changed"

    zh = built / "zh" / "vanishing-exploding-gradients" / "index.html"
    zh.write_text(zh.read_text(encoding="utf-8").replace("梯度消失", "梯度消失（改）", 1), encoding="utf-8")
    parallel.build_parallel(built, config)
    assert "梯度消失（改）" in merged.read_text(encoding="utf-8") and len(merges) == 2
    assert len(list((tmp_path / "parallel").glob("*.html"))) == 1, "the entry of the old page was kept"


def test_a_one_language_build_merges_nothing_and_keeps_the_merge_cache(tmp_path, monkeypatch):
    """`make serve LANG=zh` builds the Chinese pages at the site's root, with no English
    to merge them with: the 中英对照 step is skipped, its cache left as it is."""
    monkeypatch.setattr(parallel, "build_parallel", lambda *args: pytest.fail("merged in a one-language build"))
    parallel.on_post_build(_Config("zh", theme={"language": "zh"}, site_dir=str(tmp_path)))


# --- hooks/search_cache.py -----------------------------------------------------------

@pytest.fixture
def search_parses(tmp_path, monkeypatch, empty_jieba_cache):
    """An empty search cache, the plugin using jieba_cache's jieba; the list of pages
    the plugin parsed."""
    from material.plugins.search import plugin as search_plugin

    monkeypatch.setenv("SEARCH_CACHE_DIR", str(tmp_path / "search"))
    monkeypatch.setattr(search_cache._uses, "used", set())
    monkeypatch.setattr(search_cache._uses, "whole_site", True)
    monkeypatch.setattr(search_cache._uses, "partial", False)
    monkeypatch.setattr(search_plugin, "jieba", jieba_cache.CachedJieba())
    calls = []
    parse = search_cache._parse
    monkeypatch.setattr(search_cache, "_parse", lambda index, page: calls.append(page.url) or parse(index, page))
    return calls


def _page(content: str, url: str = "zh/lab/", **meta):
    from types import SimpleNamespace

    return SimpleNamespace(content=content, url=url, title="实验", toc=[], meta=meta)


PAGE_HTML = '<h1 id="lab">实验</h1><p>梯度消失与梯度爆炸</p><h2 id="he">He 初始化</h2><p>方差为 2/n 的权重</p>'


def _entries(page, cached=True) -> list:
    from material.plugins.search.plugin import SearchIndex

    index = SearchIndex()
    (search_cache.cached_add_entry if cached else search_cache._parse)(index, page)
    return index.entries


def test_cached_search_entries_are_the_plugins_own_and_parsed_once(search_parses):
    page = _page(PAGE_HTML)
    fresh = _entries(page, cached=False)
    search_parses.clear()
    first, second = _entries(page), _entries(page)
    assert first == second == fresh and len(fresh) == 2 and "\u200b" in fresh[0]["text"]
    assert search_parses == ["zh/lab/"], "the second page was parsed again"


def test_what_the_plugin_reads_keys_the_search_cache(search_parses, monkeypatch):
    from types import SimpleNamespace

    titled = _page(PAGE_HTML)
    titled.title = "另一个标题"
    with_toc = _page(PAGE_HTML)
    with_toc.toc = [SimpleNamespace(id="lab", url="#lab", children=[])]
    pages = [_page(PAGE_HTML), _page(PAGE_HTML + "<p>单位矩阵</p>"), _page(PAGE_HTML, url="zh/other/"),
             _page(PAGE_HTML, search={"boost": 2}), _page(PAGE_HTML, tags=["初始化"]), titled, with_toc]
    assert len({search_cache.key(page) for page in pages}) == len(pages)
    other_dictionaries = search_cache.key(_page(PAGE_HTML))
    monkeypatch.setattr(jieba_cache, "_cache_file", jieba_cache._cache_file.with_name("other-dictionary.json"))
    assert search_cache.key(_page(PAGE_HTML)) != other_dictionaries, "jieba's dictionaries do not key the entries"
    for page in pages:
        _entries(page)
    assert len(search_parses) == len(pages)


def test_a_cached_page_keeps_its_chinese_cuts_in_the_jieba_cache(search_parses, empty_jieba_cache):
    """A page read from the search cache cuts nothing, yet its text stays in
    jieba_cache's file (a later edit of the page needs no jieba model for the rest)."""
    page = _page(PAGE_HTML)
    _entries(page)
    cut = set(jieba_cache._cache)
    assert {"梯度消失与梯度爆炸", "方差为", "的权重"} <= cut  # runs of Han characters
    jieba_cache._uses.used.clear()
    _entries(page)
    assert jieba_cache._uses.used == cut
    jieba_cache.on_post_build({})
    assert set(json.loads(empty_jieba_cache.read_text(encoding="utf-8"))) == cut


def test_a_whole_build_removes_the_search_entries_it_did_not_use(search_parses):
    _entries(_page(PAGE_HTML, url="zh/old/"))
    folder = search_cache.cache_dir()
    (folder.parent / "0123456789abcdef").mkdir()  # the folder of another Material version
    search_cache.on_startup("build", dirty=False)
    kept = search_cache.key(_page(PAGE_HTML))
    _entries(_page(PAGE_HTML))
    search_cache.on_post_build({})
    assert [p.stem for p in folder.glob("*.json")] == [kept]
    assert [p.name for p in folder.parent.iterdir()] == [folder.name]


@pytest.mark.parametrize("whole_site, dirty", [(False, False), (True, True)], ids=["one language", "dirty"])
def test_a_one_language_or_dirty_build_keeps_the_other_search_entries(search_parses, monkeypatch, whole_site, dirty):
    _entries(_page(PAGE_HTML, url="zh/old/"))
    monkeypatch.setattr(search_cache._uses, "whole_site", whole_site)
    search_cache.on_startup("serve", dirty=dirty)
    _entries(_page(PAGE_HTML))
    search_cache.on_post_build({})
    assert len(list(search_cache.cache_dir().glob("*.json"))) == 2


def test_the_search_plugin_reads_pages_through_the_cache():
    from material.plugins.search.plugin import SearchIndex

    assert SearchIndex.add_entry_from_context.__name__ == "cached_add_entry"
