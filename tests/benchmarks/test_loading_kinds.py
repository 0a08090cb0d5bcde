"""Loading: speed per kind of input, segmentation of the ECB+ clusters, language detection.

Run with `make bench` (or `pytest tests/benchmarks/test_loading_kinds.py -m benchmark -s`).
Inputs are built in a temporary folder from ECB+ articles (never copied into the project); the
figures are printed as times and as ratios to a baseline of the same run.
"""

from __future__ import annotations

import html
import statistics
import time
from collections.abc import Callable
from pathlib import Path

import pytest

from desktop.core.language import detect_language
from desktop.core.loading import load_article, read_document
from desktop.core.segment import segment
from tests.conftest import CORPORA, MAIN_SET
from tests.documents import Line, docx_bytes, pdf_bytes

pytestmark = pytest.mark.benchmark

ECB = CORPORA / "ecbplus"
OWN = Path(__file__).resolve().parents[1] / "data" / "languages"


def _ecb_files() -> list[Path]:
    if not ECB.is_dir():
        pytest.skip("ECB+ corpus not present")
    return sorted(ECB.glob("*/*.txt"))


def _paragraphs(path: Path) -> list[str]:
    lines = path.read_text(encoding="utf-8").splitlines()
    return [line.strip() for line in lines if line.strip() and not line.startswith(("#", "http"))]


def _best(n: int, fn: Callable[[], object]) -> float:
    times = []
    for _ in range(n):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return min(times)


def _wrap(text: str, width: int = 72) -> list[str]:
    out, line = [], ""
    for word in text.split():
        if line and len(line) + 1 + len(word) > width:
            out.append(line)
            line = word
        else:
            line = f"{line} {word}".strip()
    return [*out, line] if line else out


def test_load_speed_per_kind(tmp_path: Path) -> None:
    """Each kind built from the same 20 ECB+ articles; ms per file and ratio to .txt."""
    files = _ecb_files()[::23][:20]
    kinds: dict[str, list[Path]] = {k: [] for k in ("txt", "md", "html", "pdf", "docx", "eml")}
    for n, path in enumerate(files):
        paras = _paragraphs(path)
        if len(paras) < 2:
            continue
        head, body = paras[0], paras[1:]
        (tmp_path / f"{n}.txt").write_text("\n".join(paras), encoding="utf-8")
        kinds["txt"].append(tmp_path / f"{n}.txt")
        md = f"---\noutlet: Outlet {n}\n---\n# {head}\n\n" + "\n\n".join(body)
        (tmp_path / f"{n}.md").write_text(md, encoding="utf-8")
        kinds["md"].append(tmp_path / f"{n}.md")
        page = (
            "<html><head><meta property='og:site_name' content='Outlet'><title>"
            + html.escape(head)
            + "</title></head><body><nav><a href='/'>Home</a></nav><article><h1>"
            + html.escape(head)
            + "</h1>"
            + "".join(f"<p>{html.escape(p)}</p>" for p in body)
            + "</article><footer>© Outlet</footer></body></html>"
        )
        (tmp_path / f"{n}.html").write_text(page, encoding="utf-8")
        kinds["html"].append(tmp_path / f"{n}.html")
        lines = [Line(head.encode("cp1252", "replace").decode("cp1252"), 18)]
        for p in body:
            wrapped = _wrap(p.encode("cp1252", "replace").decode("cp1252"))
            lines += [Line(wrapped[0], gap=8)] + [Line(w) for w in wrapped[1:]]
        pages = [lines[i : i + 48] for i in range(0, len(lines), 48)]
        (tmp_path / f"{n}.pdf").write_bytes(pdf_bytes(pages))
        kinds["pdf"].append(tmp_path / f"{n}.pdf")
        docx = docx_bytes([("Title", head)] + [("", p) for p in body])
        (tmp_path / f"{n}.docx").write_bytes(docx)
        kinds["docx"].append(tmp_path / f"{n}.docx")
        eml = (
            f"From: Outlet {n} <news@outlet.example>\nSubject: {head}\n"
            "Content-Type: text/plain; charset=utf-8\n\n" + "\n".join(body)
        )
        (tmp_path / f"{n}.eml").write_text(eml, encoding="utf-8")
        kinds["eml"].append(tmp_path / f"{n}.eml")
    for kind_files in kinds.values():  # warm imports (trafilatura, pypdf, py3langid)
        load_article(kind_files[0], "a1")
    count = len(kinds["txt"])
    read_s = _best(3, lambda: [p.read_bytes() for p in kinds["txt"]])
    times = {
        k: _best(3, lambda fs=fs: [load_article(p, "a1") for p in fs]) for k, fs in kinds.items()
    }
    doc_times = {
        k: _best(3, lambda fs=fs: [read_document(p) for p in fs]) for k, fs in kinds.items()
    }
    print(
        f"\nload speed per kind ({count} ECB+ articles each; reading the .txt bytes "
        f"{1000 * read_s / count:.2f} ms/file):"
    )
    for kind, seconds in times.items():
        print(
            f"  {kind:5s} {1000 * seconds / count:7.1f} ms/file (read+extract "
            f"{1000 * doc_times[kind] / count:6.1f} ms)  {seconds / times['txt']:5.1f}× .txt"
        )
    assert all(t > 0 for t in times.values())


def _stats(units: list[str]) -> str:
    lengths = [len(u) for u in units]
    glued = sum(1 for u in units if "\n" in u)
    comma = sum(1 for u in units if u[:1] in ",;:)")
    return (
        f"{len(units):6d} units, mean {statistics.mean(lengths):5.0f} chars, "
        f"max {max(lengths):5d}, "
        f"over 400 chars {sum(1 for n in lengths if n > 400):4d}, glued across a line {glued:5d}, "
        f"starting with ,;:) {comma:3d}"
    )


def test_segmentation_of_the_ecb_clusters() -> None:
    """The ECB+ files have one sentence per line: read as wrapped text (the old reading) their
    lines run together; read as loaded now, each line is a block."""
    files = _ecb_files()
    old: list[str] = []
    new: list[str] = []
    for path in files:
        text = read_document(path).text
        old += [s.text for s in segment(text, line_breaks="wrap", language="en")]
        new += [s.text for s in load_article(path, "a1").sentences]
    lines = sum(len(_paragraphs(p)) for p in files)
    print(f"\nECB+ segmentation ({len(files)} files, {lines} lines):")
    print(f"  as wrapped text, English rules: {_stats(old)}")
    print(f"  as loaded now:                  {_stats(new)}")
    assert sum(1 for u in new if "\n" in u) < sum(1 for u in old if "\n" in u)


SHORT = {
    "fr": "Le pont de la rue Ferris rouvrira samedi matin après quatorze mois de travaux.",
    "es": "El puente de la calle Ferris volverá a abrir el sábado tras catorce meses de obras.",
    "it": "Il ponte di via Ferris riaprirà sabato mattina dopo quattordici mesi di lavori.",
    "pl": "Most na ulicy Ferris zostanie ponownie otwarty w sobotę po czternastu miesiącach.",
    "nl": "De brug in de Ferrisstraat gaat zaterdag weer open na veertien maanden werk.",
    "ru": "Мост на улице Феррис снова откроют в субботу после четырнадцати месяцев ремонта.",
    "uk": "Міст на вулиці Ферріс знову відкриють у суботу після чотирнадцяти місяців ремонту.",
    "de": "Die Brücke in der Ferris Street wird am Samstag nach vierzehn Monaten wieder geöffnet.",
    "zh": "费里斯街大桥经过十四个月的维修，将于星期六上午重新通车，市政府周四表示。",
    "ja": "フェリス通りの橋は十四か月の修理を終え、土曜日の朝に再び開通すると市が発表した。",
    "ar": "سيعاد فتح جسر شارع فيريس صباح السبت بعد أربعة عشر شهرا من أعمال الإصلاح.",
    "el": "Η γέφυρα της οδού Φέρις θα ανοίξει ξανά το Σάββατο μετά από δεκατέσσερις μήνες.",
}


def _language_inputs() -> list[tuple[str, str, str]]:
    items = [("en", "\n".join(_paragraphs(p)), "ECB+ article") for p in _ecb_files()]
    for path in sorted(OWN.glob("*.txt")):
        text = path.read_text(encoding="utf-8")
        items.append((path.name[:2], text, "own article"))
        items += [(path.name[:2], line, "own line") for line in text.splitlines() if line]
    items += [(code, text, "own sentence") for code, text in SHORT.items()]
    return items


def _detectors() -> dict[str, Callable[[str], str]]:
    found: dict[str, Callable[[str], str]] = {"py3langid (used)": detect_language}
    try:
        from lingua import LanguageDetectorBuilder

        lingua = LanguageDetectorBuilder.from_all_languages().build()

        def by_lingua(text: str) -> str:
            result = lingua.detect_language_of(text)
            return result.iso_code_639_1.name.lower() if result else ""

        found["lingua"] = by_lingua
    except ImportError:
        pass
    try:
        import langdetect

        langdetect.DetectorFactory.seed = 0

        def by_langdetect(text: str) -> str:
            try:
                return str(langdetect.detect(text))[:2]
            except langdetect.LangDetectException:
                return ""

        found["langdetect"] = by_langdetect
    except ImportError:
        pass
    return found


def test_language_detection_accuracy_and_speed() -> None:
    items = _language_inputs()
    print(f"\nlanguage detection on {len(items)} texts (lingua, langdetect when installed):")
    for name, detect in _detectors().items():
        detect("warm up the model with a sentence")
        right: dict[str, list[int]] = {}
        start = time.perf_counter()
        for code, text, kind in items:
            ok = detect(text) == code
            right.setdefault(kind, [0, 0])
            right[kind][0] += ok
            right[kind][1] += 1
        seconds = time.perf_counter() - start
        counts = ", ".join(f"{kind} {ok}/{n}" for kind, (ok, n) in right.items())
        print(f"  {name:18s} {1000 * seconds / len(items):6.2f} ms/text  {counts}")
    wrong = [
        (c, detect_language(t)) for c, t, k in items if k != "own line" and detect_language(t) != c
    ]
    assert not wrong


def test_sample_set_loads_with_languages() -> None:
    articles = [load_article(p, "a1") for p in sorted(MAIN_SET.glob("*.md"))]
    assert {a.language for a in articles} == {"en"}
