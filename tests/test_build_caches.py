"""The warm-build caches keep the build's output exactly as it was.

hooks/jieba_cache.py remembers jieba's word cuts for the search index;
hooks/template_cache.py stores Material's compiled templates. Both must give what
the uncached build gives, and recompute when their input changes."""

from __future__ import annotations

import json

import jieba
import pytest
from jinja2 import DictLoader, Environment

import jieba_cache  # hooks/jieba_cache.py
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
