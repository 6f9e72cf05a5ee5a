"""`mkdocs serve` (what `make serve` runs) redraws a figure when its script changes.
(How fast is measured by `make bench`, not here.)"""

from sandbox import copy_project, snippet_edit_shown_after


def test_serve_redraws_a_figure_when_its_script_changes(tmp_path):
    snippet_edit_shown_after(copy_project(tmp_path / "project"))


def test_serve_looks_for_edits_every_tenth_of_a_second(tmp_path, monkeypatch):
    """hooks/watch_interval.py: the server's observer polls every 0.1 s, and watches
    everything mkdocs serve watches (docs/ and mkdocs.yml before the hook, the
    ``watch:`` folders after it), each once, on that observer."""
    from pathlib import Path

    from mkdocs.config import load_config
    from mkdocs.livereload import LiveReloadServer

    project = copy_project(tmp_path / "project", caches=False)
    monkeypatch.chdir(project)  # the paths in mkdocs.yml are relative to it
    config = load_config(str(project / "mkdocs.yml"))
    server = LiveReloadServer(builder=lambda: None, host="127.0.0.1", port=0, root=str(tmp_path))
    server.watch(config.docs_dir)
    server.watch(config.config_file_path)
    old = server.observer
    before = [Path(emitter.watch.path) for emitter in old.emitters]
    assert len(before) == 2
    server = config.plugins.on_serve(server, config=config, builder=lambda: None)
    for item in config.watch:
        server.watch(item)
    assert server.observer is not old and server.observer.timeout == 0.1
    assert not old.emitters, "a path is still watched by the old observer (polling every 0.5 s)"
    watched = sorted(Path(emitter.watch.path) for emitter in server.observer.emitters)
    wanted = sorted(before + [Path(p) for p in config.watch])
    assert watched == wanted


def test_with_watch_theme_the_interval_stays(tmp_path, monkeypatch):
    """`mkdocs serve --watch-theme` also watches Material's 14,500 files: looking at them
    every 0.1 s would keep the watcher busy, so the hook leaves the server as it is."""
    from mkdocs.config import load_config
    from mkdocs.livereload import LiveReloadServer

    project = copy_project(tmp_path / "project", caches=False)
    monkeypatch.chdir(project)
    config = load_config(str(project / "mkdocs.yml"))
    server = LiveReloadServer(builder=lambda: None, host="127.0.0.1", port=0, root=str(tmp_path))
    for path in (config.docs_dir, config.config_file_path, *config.theme.dirs):
        server.watch(path)
    old = server.observer
    server = config.plugins.on_serve(server, config=config, builder=lambda: None)
    assert server.observer is old and len(old.emitters) == 2 + len(config.theme.dirs)
