"""Explain one training step the way Mazur's example does: every formula with its numbers.

>>> import chainrule as cr
>>> ex = cr.explain("mazur")                      # Mazur's network and sample
>>> print(ex)                                     # text; ex.markdown(), ex.html() too
>>> cr.explain("mazur", lang="ko", digits=6)      # Korean, 6 decimal places

In Jupyter the object shows itself as HTML with MathML (``_repr_html_``) or as Markdown
with LaTeX (``_repr_markdown_``). The numbers are those of
:func:`chainrule.teach.trace.trace_step` (also given by :meth:`Explanation.to_dict`, the JSON of
``chainrule explain --format json``); the renderers only round them.

Package layout: :mod:`.expr` (equation trees), :mod:`.model` (StepTrace → items, built
by :mod:`.names`, :mod:`.forward`, :mod:`.backward` and :mod:`.matrix` with the local
derivatives of :mod:`.derivatives`), :mod:`.i18n` (English and Korean words), and the
renderers :mod:`.text`, :mod:`.markdown`, :mod:`.html`.
"""

from __future__ import annotations

from typing import Any

import numpy as np

from chainrule.errors import ChainruleError
from chainrule.nn import Network
from chainrule.teach.explain.expr import Heading, Item, Para, format_number
from chainrule.teach.explain.html import render_html, render_html_fragment
from chainrule.teach.explain.i18n import (
    EXAMPLE_DESCRIPTIONS_KO,
    LANGUAGES,
    check_language,
    default_language,
)
from chainrule.teach.explain.markdown import render_markdown
from chainrule.teach.explain.model import MAX_WEIGHTS, build, steps_table
from chainrule.teach.explain.text import render_text
from chainrule.teach.spec import Spec, parse_spec
from chainrule.teach.trace import StepTrace, trace_step

__all__ = [
    "LANGUAGES",
    "MAX_WEIGHTS",
    "Explanation",
    "default_language",
    "explain",
    "format_number",
]

MAX_DIGITS = 17


class Explanation:
    """One explained training step; ``str()`` gives the text, and Jupyter shows it as HTML."""

    def __init__(
        self,
        items: list[Item],
        trace: StepTrace,
        losses: list[float] | None,
        lang: str,
        digits: int,
        title: str,
    ) -> None:
        self.items = items
        self.trace = trace
        self.losses = losses
        self.lang = lang
        self.digits = digits
        self.title = title

    def text(self, color: bool = False) -> str:
        """For a terminal (ANSI colours with ``color=True``)."""
        return render_text(self.items, self.lang, self.digits, color)

    def markdown(self) -> str:
        """Markdown with LaTeX between ``$$`` (display) and ``$`` (inline)."""
        return render_markdown(self.items, self.lang, self.digits)

    def html(self) -> str:
        """One self-contained HTML page: MathML, inline CSS, no script, nothing from the network."""
        return render_html(self.items, self.lang, self.digits, self.title)

    def to_dict(self) -> dict[str, Any]:
        """The step's numbers (``chainrule explain --format json``), plus ``steps`` if asked."""
        data = self.trace.to_dict()
        if self.losses is not None:
            data["steps"] = self.losses
        return data

    def __str__(self) -> str:
        return self.text()

    def __repr__(self) -> str:
        before, after = self.trace.loss, self.trace.loss_after
        return f"<Explanation {self.title!r}: E_total {before:.9g} → {after:.9g}>"

    def _repr_markdown_(self) -> str:
        return self.markdown()

    def _repr_html_(self) -> str:
        return render_html_fragment(self.items, self.lang, self.digits)


def _as_spec(
    source: Any, inputs: Any, targets: Any, learning_rate: float | None, train_biases: bool | None
) -> Spec:
    from chainrule.teach.examples import canonical_name, find_example

    if isinstance(source, str):
        spec = parse_spec(find_example(source), source=canonical_name(source))
    elif isinstance(source, dict):
        spec = parse_spec(source)
    elif isinstance(source, Spec):
        spec = Spec(
            source.network.copy(),
            source.inputs,
            source.targets,
            source.learning_rate,
            source.train_biases,
            source.name,
            source.description,
        )
    elif isinstance(source, Network):
        if inputs is None or targets is None:
            raise ChainruleError("explain(network) needs inputs= and targets=")
        spec = Spec(
            source.copy(),
            np.asarray(inputs, dtype=float),
            np.asarray(targets, dtype=float),
            0.5,
            True,
            name="network",
        )
    else:
        raise ChainruleError(
            f"cannot explain {type(source).__name__}: expected an example name, a spec dict, "
            "a Spec or a Network"
        )
    if inputs is not None:
        spec.inputs = np.atleast_2d(np.asarray(inputs, dtype=float))
    if targets is not None:
        spec.targets = np.atleast_2d(np.asarray(targets, dtype=float))
    if learning_rate is not None:
        if not (
            isinstance(learning_rate, int | float)
            and np.isfinite(learning_rate)
            and learning_rate > 0
        ):
            raise ChainruleError(f"learning_rate {learning_rate!r}: expected a number > 0")
        spec.learning_rate = float(learning_rate)
    if train_biases is not None:
        spec.train_biases = bool(train_biases)
    return spec


def explain(
    source: Any = "mazur",
    *,
    inputs: Any = None,
    targets: Any = None,
    learning_rate: float | None = None,
    train_biases: bool | None = None,
    lang: str | None = None,
    digits: int = 9,
    steps: int = 0,
) -> Explanation:
    """Run one gradient-descent step and explain it.

    ``source`` is a built-in example name (``mazur``, ``no-bias``, ``matrix-form``, ``xor``), a
    spec dict (as in a spec file), a :class:`~chainrule.teach.spec.Spec` or a
    :class:`~chainrule.nn.Network` (with ``inputs`` and ``targets``); it is not modified.
    ``lang`` is ``"en"`` or ``"ko"`` (default: from the locale), ``digits`` the decimal places
    shown (Mazur's example prints 9), ``steps`` > 0 adds a table of E_total after each of that many
    steps (the first being the one explained).
    """
    lang = check_language(default_language() if lang is None else lang)
    if not isinstance(digits, int) or isinstance(digits, bool) or not 1 <= digits <= MAX_DIGITS:
        raise ChainruleError(f"digits {digits!r}: expected a whole number from 1 to {MAX_DIGITS}")
    if not isinstance(steps, int) or isinstance(steps, bool) or steps < 0:
        raise ChainruleError(f"steps {steps!r}: expected a whole number >= 0")
    spec = _as_spec(source, inputs, targets, learning_rate, train_biases)
    network = spec.network
    trace = trace_step(network, spec.inputs, spec.targets, spec.learning_rate, spec.train_biases)
    description = spec.description
    if lang == "ko" and isinstance(source, str):
        description = EXAMPLE_DESCRIPTIONS_KO.get(source, description)
    items = build(trace, spec.name, description)
    losses = None
    if steps > 0:
        losses = [trace.loss, trace.loss_after]
        for _ in range(steps - 1):
            losses.append(
                trace_step(
                    network, spec.inputs, spec.targets, spec.learning_rate, spec.train_biases
                ).loss_after
            )
        items += [Heading("steps", 2), Para("steps_intro"), steps_table(losses)]
    return Explanation(items, trace, losses, lang, digits, spec.name)
