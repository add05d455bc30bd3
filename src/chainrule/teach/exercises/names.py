"""The answer names of an exercise: the explanation's names in ASCII.

Mazur's example: ``net_h1``, ``out_h1``, ``net_o1``, ``out_o1``, ``E_o1``, ``E_total``,
``dE/dout_o1``, ``dout_o1/dnet_o1``, ``delta_o1`` (= ∂E/∂net_o1), ``dE/dw5``, ``w5+``,
``dE_o1/dout_h1`` and ``dE_o2/dout_h1`` (the two terms of ``dE/dout_h1``), ``dE/dout_h1``,
``dout_h1/dnet_h1``, ``delta_h1``, ``dE/dw1``, ``w1+``, ``dE/db1``, ``b1+``. A hidden
neuron of a network with several hidden layers carries its layer, as in the explanation:
``out_h2_1`` is neuron 1 of hidden layer 2. Weights and biases are numbered as in the
explanation (w1 i1→h1, w2 i2→h1, w3 i1→h2, …; one b per layer when shared).

:func:`symbol` gives each name as the explanation's equation tree (for the renderers).
"""

from __future__ import annotations

from chainrule.teach.explain.expr import Expr, Name, Partial, Sym

E_TOTAL = Sym("E", "total")

# Other spellings a learner may use for the same quantity.
ALIASES = {"dE/dnet_": "delta_", "dE_total/d": "dE/d"}


def neuron(k: int, j: int, depth: int) -> Name:
    """The explanation's neuron name: o1 (output layer), h1 or h2_1 (hidden layer 2)."""
    if k == depth - 1:
        return Name("o", j + 1)
    return Name("h", j + 1, k + 1 if depth > 2 else None)


def ascii_neuron(name: Name) -> str:
    if name.layer is not None:
        return f"{name.letter}{name.layer}_{name.index}"
    return f"{name.letter}{name.index}"


def canonical(name: str) -> str:
    """``dE/dnet_o1`` → ``delta_o1``, ``dE_total/dw5`` → ``dE/dw5``; others unchanged."""
    for alias, proper in ALIASES.items():
        if name.startswith(alias):
            return proper + name[len(alias) :]
    if name.startswith("dE_o") and "/dnet_o" in name:
        head, tail = name[3:].split("/dnet_", 1)
        if head == tail:  # Mazur's ∂E_o1/∂net_o1 is δ_o1
            return f"delta_{tail}"
    return name


def _neuron_expr(text: str) -> Name:
    letter, rest = text[0], text[1:]
    if "_" in rest:
        layer, index = rest.split("_", 1)
        return Name(letter, int(index), int(layer))
    return Name(letter, int(rest))


def _atom(text: str) -> Expr:
    """net_h1 → Sym(net, h1); w5 → Sym(w, 5); E_total, E_o1; w5+ → w5⁺."""
    sup = None
    if text.endswith("+"):
        text, sup = text[:-1], "+"
    if text == "E_total" or text == "E":
        return E_TOTAL
    if "_" in text:
        base, sub = text.split("_", 1)
        if base == "delta":
            base = "δ"
        return Sym(base, _neuron_expr(sub), sup)
    return Sym(text[0], text[1:], sup)


def symbol(name: str) -> Expr:
    """The quantity as the explanation writes it: ``dE/dw5`` → ∂E_total/∂w5."""
    if name.startswith("d") and "/d" in name:
        num, den = name[1:].split("/d", 1)
        return Partial(_atom(num), _atom(den))
    return _atom(name)
