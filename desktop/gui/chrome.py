"""Window furniture around the views: threshold and scorer controls, status bar, empty page."""

from __future__ import annotations

from PySide6.QtCore import QElapsedTimer, QObject, Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QLabel,
    QProgressBar,
    QPushButton,
    QSlider,
    QSpinBox,
    QStatusBar,
    QToolBar,
    QWidget,
)

from desktop.core import scoring
from desktop.core.comparison import Comparison
from desktop.core.options import AlignOptions
from desktop.gui.plain import tooltip
from desktop.gui.widgets.elided_label import ElidedLabel

DEBOUNCE_MS = 200
PROGRESS_INTERVAL_MS = 80


def short_labels(labels: list[str]) -> list[str]:
    """`short_label` of each, unless two would read the same ("Outlet A1", "Outlet A2"):
    those keep their whole label."""
    short = [short_label(label) for label in labels]
    counts: dict[str, int] = {}
    for name in short:
        counts[name] = counts.get(name, 0) + 1
    return [name if counts[name] == 1 else label for name, label in zip(short, labels, strict=True)]


def short_label(label: str) -> str:
    """ "The Washington Post" → "Washington": enough to tell outlets apart in the status bar."""
    words = label.split()
    if len(words) > 1 and words[0].lower() in ("the", "a", "an"):
        words = words[1:]
    return words[0] if words else label


def _default_thresholds() -> dict[str, float]:
    """Each scorer's own default threshold, from the registry."""
    return {s.name: s.default_threshold for s in scoring.scorers().values()}


class ThresholdControls(QObject):
    """Threshold slider + spin box and scorer combo; changes are debounced into one request.

    Return in the spin box applies at once, and re-runs the comparison even when the value is
    the one shown (`rerun_requested`).

    Signals:
        options_changed(object): the `AlignOptions` the user settled on.
        rerun_requested(): Return on the value already applied: compare again.
    """

    options_changed = Signal(object)
    rerun_requested = Signal()

    def __init__(self, options: AlignOptions, parent: QWidget) -> None:
        super().__init__(parent)
        self._options = options
        # The threshold each scorer was last used with: their scores are not on one scale.
        self._per_scorer = _default_thresholds()
        self._shown_scorer = options.scorer
        self.label = QLabel("&Threshold", parent)
        self.slider = QSlider(Qt.Orientation.Horizontal, parent)
        self.slider.setRange(0, 100)
        self.slider.setFixedWidth(110)
        self.slider.setAccessibleName("Threshold")
        self.slider.setToolTip("Lowest score (0–100) at which two sentences count as the same")
        self.spin = QSpinBox(parent)
        self.spin.setRange(0, 100)
        self.spin.setAccessibleName("Threshold value")
        self.spin.setToolTip(self.slider.toolTip())
        self.label.setBuddy(self.spin)
        self.scorer_label = QLabel("Sc&orer", parent)
        self.scorer = QComboBox(parent)
        self.scorer.setAccessibleName("Scorer")
        for s in scoring.scorers().values():
            self.scorer.addItem(s.name.replace("_", " "), s.name)
            self.scorer.setItemData(
                self.scorer.count() - 1, s.description, Qt.ItemDataRole.ToolTipRole
            )
        self.scorer_label.setBuddy(self.scorer)
        for label in (self.label, self.scorer_label):
            label.setContentsMargins(8, 0, 4, 0)  # not glued to the control before it
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(DEBOUNCE_MS)
        self._timer.timeout.connect(self._on_settled)
        self.set_options(options)
        self.slider.valueChanged.connect(self._on_slider)
        self.spin.valueChanged.connect(self._on_spin)
        self.scorer.currentIndexChanged.connect(self._on_scorer)
        line = self.spin.lineEdit()
        if line is not None:
            line.returnPressed.connect(self._on_return)

    def add_to(self, bar: QToolBar) -> None:
        for widget in (self.label, self.slider, self.spin, self.scorer_label, self.scorer):
            bar.addWidget(widget)

    def focus(self) -> None:
        self.spin.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.spin.selectAll()

    def options(self) -> AlignOptions:
        return AlignOptions(
            threshold=float(self.spin.value()),
            scorer=str(self.scorer.currentData()),
            chain_margin=self._options.chain_margin,
            embed_limit=self._options.embed_limit,
        )

    def set_options(self, options: AlignOptions) -> None:
        """Show `options` without emitting `options_changed`."""
        self._options = options
        self._per_scorer[options.scorer] = options.threshold
        self._shown_scorer = options.scorer
        for widget in (self.slider, self.spin, self.scorer):
            widget.blockSignals(True)
        self.slider.setValue(round(options.threshold))
        self.spin.setValue(round(options.threshold))
        self.scorer.setCurrentIndex(max(0, self.scorer.findData(options.scorer)))
        description = scoring.describe(options.scorer)
        self.scorer.setToolTip(
            f"How sentences are scored: {description}. Each scorer keeps its own threshold."
        )
        for widget in (self.slider, self.spin, self.scorer):
            widget.blockSignals(False)

    def _on_slider(self, value: int) -> None:
        self.spin.blockSignals(True)
        self.spin.setValue(value)
        self.spin.blockSignals(False)
        self._timer.start()

    def _on_spin(self, value: int) -> None:
        self.slider.blockSignals(True)
        self.slider.setValue(value)
        self.slider.blockSignals(False)
        self._timer.start()

    def _on_scorer(self, _index: int) -> None:
        """Switch to the threshold the new scorer was last used with (or its default)."""
        scorer = str(self.scorer.currentData())
        self._per_scorer[self._shown_scorer] = float(self.spin.value())
        self._shown_scorer = scorer
        value = round(self._per_scorer[scorer])
        for widget in (self.slider, self.spin):
            widget.blockSignals(True)
            widget.setValue(value)
            widget.blockSignals(False)
        self._timer.start()

    def forget_thresholds(self) -> None:
        """A new set of articles: every scorer starts again from its default threshold."""
        self._per_scorer = _default_thresholds()
        self._per_scorer[self._options.scorer] = self._options.threshold

    def _on_return(self) -> None:
        self._timer.stop()
        options = self.options()
        if options != self._options:
            self._options = options
            self.options_changed.emit(options)
        else:
            self.rerun_requested.emit()

    def _on_settled(self) -> None:
        options = self.options()
        if options != self._options:
            self._options = options
            self.options_changed.emit(options)


class StatusSummary(QObject):
    """The status bar: what is open, how much each outlet shares, and worker progress."""

    def __init__(self, parent: QWidget) -> None:
        super().__init__(parent)
        self.bar = QStatusBar(parent)
        self.summary = QLabel(parent)
        self.summary.setTextFormat(Qt.TextFormat.PlainText)
        self.summary.setObjectName("StatusSummary")
        # Elided: with many outlets the line is wider than any screen, and a plain label
        # would make that the window's minimum width (2,390 px with 20 articles).
        self.outlets = ElidedLabel(parent=parent)
        self.outlets.setObjectName("StatusOutlets")
        self.progress = QProgressBar(parent)
        self.progress.setRange(0, 1000)
        self.progress.setMaximumWidth(220)
        self.progress.setTextVisible(True)
        self.progress.setFormat("%p%")
        self.progress_label = QLabel(parent)
        self.progress_label.setTextFormat(Qt.TextFormat.PlainText)  # messages name files
        self.cancel_button = QPushButton("Cancel", parent)
        self.cancel_button.setToolTip("Stop the running comparison (Esc)")
        self.bar.addWidget(self.summary)
        self.bar.addWidget(self.outlets, 1)
        self.bar.addPermanentWidget(self.progress_label)
        self.bar.addPermanentWidget(self.progress)
        self.bar.addPermanentWidget(self.cancel_button)
        # A fixed height: showing the progress widgets must not resize (and so re-lay out)
        # every pane above, twice per re-run.
        self.bar.setFixedHeight(
            max(w.sizeHint().height() for w in (self.cancel_button, self.progress, self.summary))
            + 6
        )
        self.progress_label.setMinimumWidth(
            self.progress_label.fontMetrics().averageCharWidth() * 30
        )
        for widget in (self.progress, self.cancel_button, self.progress_label):
            policy = widget.sizePolicy()
            policy.setRetainSizeWhenHidden(True)  # showing them must not re-lay out the bar
            widget.setSizePolicy(policy)
        self._clock = QElapsedTimer()
        self._clock.start()
        self.set_busy(False)

    def set_comparison(self, comparison: Comparison | None) -> None:
        if comparison is None:
            self.summary.setText("No articles open")
            self.outlets.set_full_text("")
            return
        shared = len(comparison.multi_claims)
        count = len(comparison.articles)
        # Datelines ("WASHINGTON —") are not claims: counted as the claims table counts them.
        claims = len(comparison.fact_claims)
        used = comparison.scoring
        scorer = used.scorer.replace("_", " ")
        if used.fallback:
            scorer += f" (not {comparison.options.scorer.replace('_', ' ')})"
        self.summary.setText(
            f"{count} article{'s' * (count != 1)} · {comparison.sentence_count} sentences · "
            f"{claims} claims ({shared} shared) · "
            f"{scorer}, threshold {used.threshold:g}"
        )
        self.summary.setToolTip(
            tooltip(
                used.fallback
                or f"Scored with {used.scorer}" + (f": {used.model}" if used.model else "")
            )
        )
        parts, lines = [], []
        names = short_labels([a.label for a in comparison.articles])
        for article, name in zip(comparison.articles, names, strict=True):
            share = round(100 * comparison.shared_fraction(article.id))
            # Isolated (U+2068 … U+2069): an Arabic or Hebrew name must not reorder its
            # neighbours in the line.
            parts.append(f"\u2068{name}\u2069 {share}%")
            counts = comparison.status_counts(article.id)
            lines.append(
                f"\u2068{article.label}\u2069: {share}% of {len(article.sentences)} sentences "
                f"carried by another outlet ({counts['shared']} shared, "
                f"{counts['reworded']} reworded, {counts['conflicting']} conflicting, "
                f"{counts['unique']} unique)"
            )
        shown = "Carried by another outlet: " + " · ".join(parts)
        self.outlets.set_full_text(shown if count > 1 else "")
        self.outlets.setToolTip(tooltip("\n".join(lines)))

    def set_busy(self, busy: bool) -> None:
        for widget in (self.progress, self.cancel_button, self.progress_label):
            widget.setVisible(busy)
        if busy:
            _set_value_later(self.progress, 0)
            self.progress_label.setText("Comparing…")

    def set_progress(self, fraction: float, message: str) -> None:
        # At most ~12 updates a second: engines report per step, and every repaint costs.
        if self._clock.elapsed() < PROGRESS_INTERVAL_MS and fraction < 1.0:
            return
        self._clock.restart()
        _set_value_later(self.progress, round(1000 * max(0.0, min(1.0, fraction))))
        elided = self.progress_label.fontMetrics().elidedText(
            message, Qt.TextElideMode.ElideRight, self.progress_label.minimumWidth()
        )
        self.progress_label.setText(elided)
        self.progress_label.setToolTip(tooltip(message))


def _set_value_later(bar: QProgressBar, value: int) -> None:
    """`bar.setValue(value)` painted on the next paint instead of at once.

    `QProgressBar.setValue` calls `repaint()`, which paints every dirty widget in the window
    before it returns: right after a new comparison that meant relaying out and painting the
    restyled panes inside the call that starts the next run (measured: a 61 ms stall). With
    updates disabled `repaint()` does nothing, and re-enabling them schedules an `update()`.
    """
    if bar.value() == value:
        return
    bar.setUpdatesEnabled(False)
    try:
        bar.setValue(value)
    finally:
        bar.setUpdatesEnabled(True)


EMPTY_TEXT = (
    "No articles are open.\n\nOpen two or more reports of the same event with "
    "File ▸ Open (Ctrl+O), or drop their files here."
)
LOADING_TEXT = "Reading and comparing the articles…\n\nEsc cancels."


def build_empty_page(parent: QWidget) -> QLabel:
    """What the window shows with nothing open (or while the first set is read)."""
    label = QLabel(EMPTY_TEXT, parent)
    label.setObjectName("EmptyPage")
    label.setAlignment(Qt.AlignmentFlag.AlignCenter)
    label.setWordWrap(True)
    return label
