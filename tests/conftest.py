"""Shared fixtures; GUI tests run offscreen unless a display is explicitly asked for."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import settings

from tests.http_server import loopback_only, server  # noqa: F401 (fixtures for Open URL tests)

# Property tests draw the same examples on every run (CI included), so a red run means the code
# changed, not the dice; PARALLAX_HYPOTHESIS=explore draws new ones while you work on a module.
settings.register_profile("repeatable", derandomize=True, deadline=None, database=None)
settings.register_profile("explore", deadline=None)
settings.load_profile(os.environ.get("PARALLAX_HYPOTHESIS", "repeatable"))

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "samples"
MAIN_SET = SAMPLES / "security-guarantees-2025-08"
SMALL_SET = SAMPLES / "riverside-bridge"
CORPORA = ROOT.parent / "shared" / "corpora"


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """Benchmarks and packaging runs are on demand: skipped unless selected with -m. They time
    or inspect embedding, so they never share the session's embedding cache."""
    selected = config.getoption("-m") or ""
    for item in items:
        for marker in ("benchmark", "packaging"):
            if item.get_closest_marker(marker):
                item.add_marker(pytest.mark.own_embedding_cache)
                if marker not in selected:
                    item.add_marker(pytest.mark.skip(reason=f"{marker}: run with -m {marker}"))


@pytest.fixture(scope="session")
def _session_embeddings(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One embedding cache folder for the whole run (never the user's)."""
    return tmp_path_factory.mktemp("embeddings")


@pytest.fixture(autouse=True, scope="session")
def _private_cache_folder(tmp_path_factory: pytest.TempPathFactory) -> Iterator[None]:
    """Caches (the unpacked language model) go to one folder for the whole run, never the
    user's; shared by the run's child processes, so the model is unpacked once per run."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("PARALLAX_CACHE_DIR", str(tmp_path_factory.mktemp("parallax-cache")))
        yield


@pytest.fixture(autouse=True)
def _private_data_folder(
    request: pytest.FixtureRequest,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    _session_embeddings: Path,
) -> None:
    """Autosaves and other app data go to the test's own folders, never the user's home.

    Sentence embeddings go to one cache folder for the whole run, as the in-memory cache is
    already shared by every test of the process: then the `parallax` processes that tests
    start (compare, --screenshot) do not embed the sample sets again each time. A test of the
    cache itself, or that needs the model to run, is marked `own_embedding_cache` and gets
    the cache in its own folder (under XDG_CACHE_HOME); it also clears `vectors.MEMORY`.
    """
    monkeypatch.setenv("PARALLAX_DATA_DIR", str(tmp_path / "parallax-data"))
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    if request.node.get_closest_marker("own_embedding_cache"):
        monkeypatch.delenv("PARALLAX_CACHE_DIR", raising=False)
    else:
        monkeypatch.setenv("PARALLAX_CACHE_DIR", str(_session_embeddings))


@pytest.fixture
def main_set() -> list[Path]:
    return sorted(MAIN_SET.glob("*.md"))


@pytest.fixture
def small_set() -> list[Path]:
    return sorted(SMALL_SET.glob("*.md"))
