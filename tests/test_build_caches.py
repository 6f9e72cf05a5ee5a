"""The warm-build caches keep the build's output exactly as it was.

hooks/jieba_cache.py remembers jieba's word cuts for the search index;
hooks/template_cache.py stores Material's compiled templates; hooks/highlight_cache.py
the code Pygments highlighted; hooks/parallel.py the 中英对照 pages it merged. All
must give what the uncached build gives (tests/test_site.py compares a whole build
from nothing with the cached one), and recompute when their input changes."""

from __future__ import annotations

import json

import jieba
import pytest
from jinja2 import DictLoader, Environment

import highlight_cache  # hooks/highlight_cache.py
import jieba_cache  # hooks/jieba_cache.py
import parallel  # hooks/parallel.py
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
    monkeypatch.setattr(jieba_cache, "_used", set())
    monkeypatch.setattr(jieba_cache, "_cache_file", tmp_path / "cut.json")
    monkeypatch.setattr(jieba_cache, "_dirty", False)
    monkeypatch.setattr(jieba_cache, "_whole_site", True)
    monkeypatch.setattr(jieba_cache, "_partial", False)
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
    monkeypatch.setattr(jieba_cache, "_whole_site", False)
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
    monkeypatch.setattr(highlight_cache, "_used", set())
    monkeypatch.setattr(highlight_cache, "_whole_site", True)
    monkeypatch.setattr(highlight_cache, "_partial", False)
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


def test_pymdownx_highlights_through_the_cache():
    import pymdownx.highlight

    assert pymdownx.highlight.highlight.__name__ == "cached_highlight"


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
    monkeypatch.setattr(highlight_cache, "_whole_site", whole_site)
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
