"""The language model unpacked into the cache gives py3langid's own answers, and a damaged or
unwritable cache never stops detection (language_model.py)."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from py3langid import modelio
from py3langid.langid import MODEL_FILE, LanguageIdentifier

from desktop.core import language_model, language_walk
from desktop.core.cache import CACHE_ENV
from desktop.core.language_walk import WalkingIdentifier

TEXTS = [
    "The bridge over the Kettle River reopens on Saturday after fourteen months.",
    "Мост через реку Кеттл снова откроется в субботу после ремонта.",
    "Міст через річку Кеттл знову відкриється в суботу після ремонту.",
    "Die Brücke über den Kettle River wird am Samstag wieder geöffnet.",
    "Le pont sur la rivière rouvrira samedi après quatorze mois de travaux.",
    "费里斯街大桥经过十四个月的维修，将于星期六上午重新通车。",
    "OK",
    "",
]


@pytest.fixture(scope="module")
def reference() -> LanguageIdentifier:
    return LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)


def _answers(identifier: LanguageIdentifier) -> list[tuple[str, float]]:
    return [identifier.classify(t) for t in TEXTS] + [identifier.rank(TEXTS[3])[:5]]


def _no_packaged_load(monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(path: object) -> None:
        raise AssertionError("the packaged model was unpacked again")

    monkeypatch.setattr(modelio, "load_model", refuse)


def test_unpacked_once_then_mapped_with_the_same_answers(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, reference: LanguageIdentifier
) -> None:
    monkeypatch.setenv(CACHE_ENV, str(tmp_path))
    first = language_model.load_identifier()
    [folder] = tmp_path.glob("langid-*")
    assert sorted(p.name for p in folder.iterdir()) == sorted(
        f"{k}.npy" for k in (*language_model.KEYS, language_model.DEPTH)
    )
    assert not list(tmp_path.glob(".*"))  # no temporary folder left behind
    _no_packaged_load(monkeypatch)
    second = language_model.load_identifier()
    assert _answers(first) == _answers(reference)
    assert isinstance(second, WalkingIdentifier)  # the mapped copy walks with NumPy
    assert _answers(second) == _answers(reference)


@pytest.mark.parametrize("damage", ["garbled array", "no automaton depth"])
def test_a_damaged_copy_is_replaced(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, reference: LanguageIdentifier, damage: str
) -> None:
    monkeypatch.setenv(CACHE_ENV, str(tmp_path))
    language_model.load_identifier()
    [folder] = tmp_path.glob("langid-*")
    if damage == "garbled array":
        (folder / "nextmove_row.npy").write_bytes(b"not an array")
    else:  # as a Parallax before the NumPy walk unpacked it
        (folder / f"{language_model.DEPTH}.npy").unlink()
    assert _answers(language_model.load_identifier()) == _answers(reference)
    _no_packaged_load(monkeypatch)  # repaired: the next run maps it again
    repaired = language_model.load_identifier()
    assert isinstance(repaired, WalkingIdentifier)
    assert _answers(repaired) == _answers(reference)


def test_arrays_that_do_not_fit_together_are_not_used(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, reference: LanguageIdentifier
) -> None:
    import numpy as np

    monkeypatch.setenv(CACHE_ENV, str(tmp_path))
    language_model.load_identifier()
    [folder] = tmp_path.glob("langid-*")
    np.save(folder / "pc.npy", np.zeros(3, dtype=np.float32))  # loads, but is the wrong size
    assert _answers(language_model.load_identifier()) == _answers(reference)


@pytest.mark.skipif(os.geteuid() == 0 if hasattr(os, "geteuid") else True, reason="root")
def test_an_unwritable_cache_still_detects(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, reference: LanguageIdentifier
) -> None:
    locked = tmp_path / "locked"
    locked.mkdir(mode=0o500)
    monkeypatch.setenv(CACHE_ENV, str(locked / "parallax"))
    assert _answers(language_model.load_identifier()) == _answers(reference)


def test_a_cache_path_that_is_a_file_still_detects(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, reference: LanguageIdentifier
) -> None:
    blocker = tmp_path / "cache"
    blocker.write_text("a file where the cache folder would go", encoding="utf-8")
    monkeypatch.setenv(CACHE_ENV, str(blocker))
    assert _answers(language_model.load_identifier()) == _answers(reference)
    assert blocker.read_text(encoding="utf-8").startswith("a file")


def test_a_walk_that_fails_its_check_is_not_used(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, reference: LanguageIdentifier
) -> None:
    monkeypatch.setenv(CACHE_ENV, str(tmp_path))
    monkeypatch.setattr(language_walk, "walks_alike", lambda identifier, walk: False)
    language_model.load_identifier()
    mapped = language_model.load_identifier()
    assert not isinstance(mapped, WalkingIdentifier)
    assert _answers(mapped) == _answers(reference)


def test_copies_of_other_models_are_removed(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    monkeypatch.setenv(CACHE_ENV, str(tmp_path))
    old = tmp_path / "langid-45fce0-0badf00d"  # a model an older py3langid shipped
    old.mkdir()
    (old / "ptc.npy").write_bytes(b"old")
    kept = tmp_path / "embeddings.sqlite3"
    kept.write_bytes(b"other cache")
    language_model.load_identifier()
    assert [p.name for p in tmp_path.glob("langid-*")] != [old.name]
    assert not old.exists() and kept.exists()


def test_the_copy_is_named_by_the_size_and_the_end_of_the_packaged_file(tmp_path: Path):
    model = tmp_path / "model.npz.xz"
    model.write_bytes(b"x" * 200_000)
    name = language_model._folder(model)
    model.write_bytes(b"x" * 199_999 + b"y")  # same size, another checksum at the end
    assert name is not None and language_model._folder(model) not in (None, name)
    model.write_bytes(b"x" * 200_001)
    assert language_model._folder(model) not in (None, name)
