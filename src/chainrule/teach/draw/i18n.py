"""Labels the pictures add, in English and Korean (``--lang en|ko``).

Only the words chainrule itself adds are translated (the legend, captions, "inputs",
"targets", …); names the user gave a tensor are drawn as given. The tutorials' own symbols
(w1…w8, net_h1, out_h1, E_total) are the same in both languages.
"""

from __future__ import annotations

from chainrule.util.language import check_language

WORDS: dict[str, dict[str, str]] = {
    "en": {
        "legend": "above the line (blue): forward value · below (red): gradient ∂{root}/∂·",
        "decomposed": "sigmoid from ×(−1), exp, +1 and 1/x",
        "fused": "fused sigmoid node",
        "inputs": "inputs",
        "targets": "targets",
        "sample": "sample {n}",
        "norm": "‖∇‖ = {v}",
        "output": "output",
        "network_legend": "in each neuron: net, out and δ = ∂E/∂net · on each edge: the "
        "weight and ∂E/∂w",
    },
    "ko": {
        "legend": "선 위(파랑): 순전파 값 · 선 아래(빨강): 역전파 미분값 ∂{root}/∂·",
        "decomposed": "×(−1), exp, +1, 1/x 노드로 만든 시그모이드",
        "fused": "하나로 합친 시그모이드 노드",
        "inputs": "입력",
        "targets": "목표값",
        "sample": "{n}번째 샘플",
        "norm": "‖∇‖ = {v}",
        "output": "출력",
        "network_legend": "뉴런마다: net, out, δ = ∂E/∂net · 연결선마다: 가중치와 ∂E/∂w",
    },
}

# The built-in examples' leaf names in Korean (the chain-rule slides write them in Korean).
EXAMPLE_NAMES: dict[str, dict[str, str]] = {
    "ko": {
        "apple price": "사과 가격",
        "apple count": "사과 개수",
        "mandarin price": "귤 가격",
        "mandarin count": "귤 개수",
        "tax": "소비세",
        "apples": "사과 금액",
        "mandarins": "귤 금액",
        "subtotal": "합계",
        "total": "지불 금액",
    },
}


def word(lang: str, key: str, **fields: object) -> str:
    """The label ``key`` in ``lang``, with ``{fields}`` filled in."""
    return WORDS[check_language(lang)][key].format(**fields)


def example_names(lang: str) -> dict[str, str]:
    """How the built-in examples' names read in ``lang`` (empty for English)."""
    return dict(EXAMPLE_NAMES.get(check_language(lang), {}))
