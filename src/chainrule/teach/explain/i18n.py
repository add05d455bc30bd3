"""Every fixed word of an explanation, in English and Korean.

A sentence is a template whose ``{name}`` placeholders take inline math (a name, a formula,
a number) from the model; the numbers are the same in both languages. The Korean text
follows the wording of the Korean translation of Mazur's walkthrough, which
keeps the technical terms (weight, output layer, chain rule, error) in English.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping

from chainrule.util.language import LANGUAGES, check_language, default_language

__all__ = ["LANGUAGES", "check_language", "default_language", "fill", "word"]


EN: dict[str, str] = {
    # headings
    "title": "Backpropagation, step by step: {name}",
    "network": "The network",
    "initial": "Initial weights, biases and training samples",
    "forward": "The forward pass",
    "sample": "Sample {n}",
    "error": "Calculating the total error",
    "backward": "The backwards pass",
    "output_layer": "Output layer",
    "hidden_layer": "Hidden layer",
    "hidden_layer_n": "Hidden layer {layer}",
    "matrix": "Matrix form",
    "matrix_layer": "The weights {w}",
    "after": "After the step",
    "steps": "Training for several steps",
    # sentences
    "description": "{text}",
    "inputs_line": "Inputs: {count} ({names}).",
    "hidden_layer_line": "Layer {layer}, hidden: {count} {neurons} ({names}), "
    "activation {activation}, {bias}.",
    "output_layer_line": "Layer {layer}, output: {count} {neurons} ({names}), "
    "activation {activation}, {bias}.",
    "loss_line": "Error: {loss}, {formula}.",
    "lr_line": "Learning rate: {eta}.",
    "biases_trained": "The biases are trained too (b⁺ = b − η·∂E/∂b).",
    "biases_kept": "The biases are not updated in this walkthrough.",
    "samples_line": "The step uses {count} training samples at once (full batch): each sample's "
    "error is computed on its own, E_total is their average and so is each gradient.",
    "values": "{values}",
    "sample_values": "Sample {n}: {values}",
    "initial_matrix": "The weights are shown as matrices below.",
    "matrix_only": "This network has {weights} weights and the step uses {samples} {sample_word}; "
    "the weight-by-weight view is written for up to {limit} weights and "
    "{sample_limit} samples, so the matrix form follows alone.",
    "forward_intro": "We compute the total net input of each neuron, put it through the "
    "activation function to get its output, and repeat the process layer by layer up to the "
    "output layer.",
    "forward_first": "Here is how we calculate the total net input for {neuron}:",
    "forward_output": "We repeat this process for the output layer neurons, using the outputs "
    "from the hidden layer neurons as inputs.",
    "forward_matrix_intro": "Each layer at once (JongSeobJ's matrix form): net = x·W + b, "
    "out = f(net).",
    "loss_formula": "{formula}",
    "error_intro": "We calculate the error for each output neuron and sum them up: {formula}.",
    "error_first": "For example, the target output for {neuron} and the error:",
    "error_average": "The total error of the step is the average over the {count} samples:",
    "backward_intro": "Our goal with backpropagation is to update each of the weights in the "
    "network so that they cause the actual output to be closer to the target output, thereby "
    "minimizing the error for each output neuron and the network as a whole.",
    "output_intro": "Consider {w}. We want to know how much a change in {w} affects the total "
    "error.",
    "chain_rule": "By applying the chain rule we know that: {formula}",
    "loss_deriv.half_sse": "First, how much does the total error change with respect to the "
    "output? The terms of the other outputs do not depend on it, so their derivative is 0; "
    "−(target − out) is out − target.",
    "loss_deriv.mse": "First, how much does the total error change with respect to the output? "
    "For E = (1/K)Σ(target − out)² it is (2/K)(out − target).",
    "loss_deriv.hinge": "First, how much does the total error change with respect to the "
    "output? For max(0, 1 − target·out) it is −target where 1 − target·out ≥ 0, and 0 "
    "elsewhere.",
    "loss_deriv.cross_entropy": "",
    "loss_deriv.binary_cross_entropy": "",
    "fused.cross_entropy": "Softmax with cross-entropy: the two derivatives combine into "
    "∂E/∂net = out − target, so the delta of an output neuron is simply out − target.",
    "fused.binary_cross_entropy": "Sigmoid with binary cross-entropy: the two derivatives "
    "combine into ∂E/∂net = out − target, so the delta of an output neuron is simply "
    "out − target.",
    "deriv.sigmoid": "Next, how much does the output change with respect to its total net "
    "input? For the logistic function, {formula}.",
    "deriv.tanh": "Next, how much does the output change with respect to its total net input? "
    "For tanh, {formula}.",
    "deriv.relu": "Next, how much does the output change with respect to its total net input? "
    "For ReLU, {partial} is 1 where {net} ≥ 0 and 0 elsewhere.",
    "deriv.leaky_relu": "Next, how much does the output change with respect to its total net "
    "input? For leaky ReLU, {partial} is 1 where {net} ≥ 0 and 0.01 elsewhere.",
    "deriv.softplus": "Next, how much does the output change with respect to its total net "
    "input? For softplus, {formula}: the logistic function of net.",
    "deriv.abs": "Next, how much does the output change with respect to its total net input? "
    "For |net|, {formula}: 1 or −1, and 0 at net = 0.",
    "deriv.identity": "Next, how much does the output change with respect to its total net "
    "input? For the identity, {formula}.",
    "deriv.softmax": "Next, the softmax: each output depends on every net of its layer.",
    "softmax_jacobian": "For the softmax, ∂out_k/∂net_j = out_k(δ_kj − out_j), so "
    "δ_j = out_j(∂E/∂out_j − Σ_k ∂E/∂out_k·out_k).",
    "softmax_matrix": "For the softmax, δ = out ⊙ (∂E/∂out − Σ_k ∂E/∂out_k·out_k):",
    "sample_of": "Sample {n}, {neuron}:",
    "bias_gradient": "The bias: {one}, so its gradient is the sum of the deltas it feeds "
    "into, and {bias} is updated like a weight:",
    "bias_kept": "{bias} stays as it is (the biases are not updated in this walkthrough).",
    "hidden_intro": "Next, we continue the backwards pass by calculating new values for "
    "{first} … {last}. Big picture, here's what we need to figure out: {formula}",
    "hidden_sum": "We use a similar process as for the output layer, but slightly different "
    "to account for the fact that the output of each hidden neuron contributes to the output "
    "(and therefore the error) of several neurons: {out} affects {next}, so {partial} needs "
    "to take into consideration its effect on each of them.",
    "old_weights": "All these deltas use the weights as they were before this step "
    "({example}), not the updated ones.",
    "matrix_intro": "The same step with vectors and matrices (JongSeobJ's matrix form). A "
    "weight matrix such as {w} has one row per neuron of the layer below and one column "
    "per neuron of its own layer (the transpose of the spec's weights[j][i]); a row is one "
    "sample, ⊙ multiplies element by element and ᵀ transposes.",
    "after_step": "Before the step {before}; after updating the weights {after}.",
    "steps_intro": "E_total before training (step 0) and after each gradient-descent step:",
    # words
    "act.sigmoid": "logistic (sigmoid) 1/(1 + e^(−net))",
    "act.tanh": "tanh",
    "act.relu": "ReLU max(0, net)",
    "act.leaky_relu": "leaky ReLU max(0.01·net, net)",
    "act.softplus": "softplus log(1 + e^net)",
    "act.abs": "absolute value |net|",
    "act.identity": "identity (out = net)",
    "act.softmax": "softmax",
    "bias.shared": "one bias shared by the layer",
    "bias.per_neuron": "one bias per neuron",
    "noun.neuron": "neuron",
    "noun.neurons": "neurons",
    "noun.sample": "sample",
    "noun.samples": "samples",
    "bias.none": "no bias",
    "loss.half_sse": "squared error",
    "loss.mse": "mean squared error",
    "loss.hinge": "hinge loss",
    "loss.cross_entropy": "cross-entropy on a softmax output",
    "loss.binary_cross_entropy": "binary cross-entropy on a sigmoid output",
    "step": "step",
    "page_note": "Generated by chainrule.",
}

KO: dict[str, str] = {
    "title": "Back-propagation 이해하기: {name}",
    "network": "네트워크 구조",
    "initial": "초기 가중치와 편향, 그리고 학습 입력/outputs",
    "forward": "The Forward pass (순전파)",
    "sample": "샘플 {n}",
    "error": "Calculating the Total Error (전체 오차 계산)",
    "backward": "The Backwards Pass (역전파)",
    "output_layer": "출력층",
    "hidden_layer": "은닉층",
    "hidden_layer_n": "은닉층 {layer}",
    "matrix": "행렬로 계산하기",
    "matrix_layer": "{w} 계산",
    "after": "학습 한 단계 후",
    "steps": "여러 단계 학습하기",
    "description": "{text}",
    "inputs_line": "input: {count}개 ({names}).",
    "hidden_layer_line": "{layer}번째 층, 은닉층: {neurons} {count}개 ({names}), "
    "활성화 함수는 {activation}, {bias}.",
    "output_layer_line": "{layer}번째 층, 출력층: {neurons} {count}개 ({names}), "
    "활성화 함수는 {activation}, {bias}.",
    "loss_line": "오차: {loss}, {formula}.",
    "lr_line": "학습률: {eta}.",
    "biases_trained": "편향도 가중치 처럼 학습합니다 (b⁺ = b − η·∂E/∂b).",
    "biases_kept": "이 글에서 편향은 갱신하지 않습니다.",
    "samples_line": "이 단계는 학습 샘플 {count}개를 한꺼번에 사용합니다 (full batch): "
    "각 샘플의 오차를 따로 구하고, E_total 과 각 기울기는 그 평균입니다.",
    "values": "{values}",
    "sample_values": "샘플 {n}: {values}",
    "initial_matrix": "가중치는 아래에서 행렬로 보여 줍니다.",
    "matrix_only": "이 네트워크에는 가중치 {weights}개와 {sample_word} {samples}개가 "
    "있습니다. 가중치 별 계산은 가중치 {limit}개, 샘플 {sample_limit}개까지만 보여 주므로, "
    "아래에는 행렬 계산만 나옵니다.",
    "forward_intro": "우리에게 주어진 가중치와 편향 그리고 input 을 통하여 각 뉴런의 "
    "전체 입력 net을 구하고, 이를 활성화 함수에 대입하여 output 을 구합니다. "
    "이 과정을 반복하여 출력층의 뉴런까지 도출합니다.",
    "forward_first": "{neuron}을 계산해보도록 하겠습니다.",
    "forward_output": "이제 이 과정을 출력층 뉴런에도 우리가 도출해낸 수치를 이용하여 진행합니다.",
    "forward_matrix_intro": "층 전체를 한 번에 계산합니다 (JongSeobJ의 행렬 계산): "
    "net = x·W + b, out = f(net).",
    "loss_formula": "{formula}",
    "error_intro": "우리는 이제 각각의 출력 뉴런의 오차를 계산해야 합니다. 다음과 같은 "
    "공식을 이용하여 전체 오차를 얻을 수 있습니다: {formula}.",
    "error_first": "예를 들어, {neuron}이 목표로 하는 결과값(target)과 오차는 다음과 같습니다.",
    "error_average": "이 단계의 전체 오차는 {count}개 샘플의 평균입니다.",
    "backward_intro": "우리가 back-propagation 을 사용하며 바라는 목적은 target output 에 "
    "가깝게 하기 위해 network 에 있는 각각의 가중치를 갱신하고, 이를 통하여 각각의 "
    "출력 뉴런과 network 전체의 오차를 최소화하는 것입니다.",
    "output_intro": "{w}에 대해 생각해봅시다. 우선적으로 {w}는 전체 오차에 어떤 영향을 끼쳤을까요?",
    "chain_rule": "이 수식은 chain rule 을 이용해야 합니다. 다음과 같이 말입니다: {formula}",
    "loss_deriv.half_sse": "일단 output 이 전체 오차에 얼마나 영향을 끼쳤는지 한 번 "
    "알아봅시다. 편미분은 특정 변수를 제외한 나머지 변수를 상수로 생각한 후 미분하는 "
    "것이므로 다른 output 과 관련된 부분은 0 이 됩니다. −(target − out)은 out − target 으로 "
    "표현될 수 있습니다.",
    "loss_deriv.mse": "일단 output 이 전체 오차에 얼마나 영향을 끼쳤는지 알아봅시다. "
    "E = (1/K)Σ(target − out)² 이므로 (2/K)(out − target) 입니다.",
    "loss_deriv.hinge": "일단 output 이 전체 오차에 얼마나 영향을 끼쳤는지 알아봅시다. "
    "max(0, 1 − target·out)의 미분은 1 − target·out ≥ 0 이면 −target, 아니면 0 입니다.",
    "loss_deriv.cross_entropy": "",
    "loss_deriv.binary_cross_entropy": "",
    "fused.cross_entropy": "softmax 와 cross-entropy 를 함께 미분하면 ∂E/∂net = out − target "
    "이 되므로, 출력 뉴런의 delta 는 간단히 out − target 입니다.",
    "fused.binary_cross_entropy": "sigmoid 와 binary cross-entropy 를 함께 미분하면 "
    "∂E/∂net = out − target 이 되므로, 출력 뉴런의 delta 는 간단히 out − target 입니다.",
    "deriv.sigmoid": "전체 입력 net은 output 에 어떤 영향을 끼쳤을까요? logistic function "
    "에서는 {formula} 입니다.",
    "deriv.tanh": "전체 입력 net은 output 에 어떤 영향을 끼쳤을까요? tanh 에서는 {formula} 입니다.",
    "deriv.relu": "전체 입력 net은 output 에 어떤 영향을 끼쳤을까요? ReLU 에서는 "
    "{net} ≥ 0 이면 {partial} = 1, 아니면 0 입니다.",
    "deriv.leaky_relu": "전체 입력 net은 output 에 어떤 영향을 끼쳤을까요? leaky ReLU 에서는 "
    "{net} ≥ 0 이면 {partial} = 1, 아니면 0.01 입니다.",
    "deriv.softplus": "전체 입력 net은 output 에 어떤 영향을 끼쳤을까요? softplus 에서는 "
    "{formula} 입니다 (net 의 logistic function).",
    "deriv.abs": "전체 입력 net은 output 에 어떤 영향을 끼쳤을까요? |net| 에서는 "
    "{formula} 입니다 (1 또는 −1, net = 0 에서는 0).",
    "deriv.identity": "전체 입력 net은 output 에 어떤 영향을 끼쳤을까요? identity 에서는 "
    "{formula} 입니다.",
    "deriv.softmax": "softmax 에서는 각 output 이 같은 층의 모든 net 에 영향을 받습니다.",
    "softmax_jacobian": "softmax 에서는 ∂out_k/∂net_j = out_k(δ_kj − out_j) 이므로 "
    "δ_j = out_j(∂E/∂out_j − Σ_k ∂E/∂out_k·out_k) 입니다.",
    "softmax_matrix": "softmax 에서는 δ = out ⊙ (∂E/∂out − Σ_k ∂E/∂out_k·out_k) 입니다:",
    "sample_of": "샘플 {n}, {neuron}:",
    "bias_gradient": "편향: {one} 이므로 기울기는 편향이 들어가는 뉴런 들의 delta 의 "
    "합이고, {bias} 도 가중치 처럼 갱신 합니다.",
    "bias_kept": "{bias} 는 그대로 둡니다 (이 글에서 편향은 갱신하지 않습니다).",
    "hidden_intro": "이제 {first} ~ {last} 의 가중치에 대한 새로운 값을 계산해볼 차례입니다. "
    "큰 틀에서 우리가 정말 도출해내고자 하는 값은 다음과 같습니다: {formula}",
    "hidden_sum": "우리가 출력층에서 했던 것과 비슷한 과정을 할 것이지만, 각 hidden "
    "층의 output 이 여러 뉴런의 output (따라서 오차) 에 영향을 끼친다는 것을 "
    "설명하기 위해 약간 다릅니다. {out} 은 {next} 에 영향을 끼치므로, {partial} 는 각각의 "
    "영향을 모두 고려해야 합니다.",
    "old_weights": "이 delta 들은 모두 이 단계 이전의 가중치를 사용합니다 ({example}, "
    "갱신 된 값이 아닙니다).",
    "matrix_intro": "같은 단계를 벡터와 행렬로 계산합니다 (JongSeobJ의 행렬 계산). "
    "{w} 같은 가중치 행렬은 아래 층의 뉴런마다 한 행, 자기 층의 뉴런마다 한 열입니다 "
    "(명세의 가중치[j][i]의 전치). 한 행은 샘플 하나이고, ⊙ 는 원소별 곱, ᵀ 는 전치입니다.",
    "after_step": "학습 전 {before}, 가중치를 갱신 한 후 {after}.",
    "steps_intro": "학습 전(step 0)과 각 기울기 descent 단계 후의 E_total:",
    "act.sigmoid": "logistic (sigmoid) 1/(1 + e^(−net))",
    "act.tanh": "tanh",
    "act.relu": "ReLU max(0, net)",
    "act.leaky_relu": "leaky ReLU max(0.01·net, net)",
    "act.softplus": "softplus log(1 + e^net)",
    "act.abs": "절댓값 |net|",
    "act.identity": "항등 함수 (out = net)",
    "act.softmax": "softmax",
    "bias.shared": "층 전체가 공유하는 편향 하나",
    "bias.per_neuron": "뉴런마다 편향 하나",
    "noun.neuron": "뉴런",
    "noun.neurons": "뉴런",
    "noun.sample": "샘플",
    "noun.samples": "샘플",
    "bias.none": "편향 없음",
    "loss.half_sse": "제곱 오차",
    "loss.mse": "평균 제곱 오차",
    "loss.hinge": "hinge loss",
    "loss.cross_entropy": "softmax output 의 cross-entropy",
    "loss.binary_cross_entropy": "sigmoid output 의 binary cross-entropy",
    "step": "단계",
    "page_note": "chainrule 로 생성했습니다.",
}

# Descriptions of the built-in examples in Korean (the specs carry the English ones).
EXAMPLE_DESCRIPTIONS_KO: dict[str, str] = {
    "mazur": "Matt Mazur 의 단계별 2-2-2 예제",
    "no-bias": "SanghyukChun의 신경망 입문에 나오는 편향 없는 2-2-2 신경망 "
    "(노드 1, 2 → 3, 4 → 5, 6), 수치는 chainrule 이 정한 값",
    "matrix-form": "JongSeobJ의 행렬 계산에 나오는, 층마다 공유하고 학습하는 편향이 있는 "
    "3-4-2 신경망, 수치는 chainrule 이 정한 값",
    "xor": "XOR 네 샘플로 하는 2-2-1 네트워크의 학습 한 단계 (XOR 블로그 글), 수치는 chainrule 이 "
    "정한 값",
}

TABLES = {"en": EN, "ko": KO}


def add_words(tables: Mapping[str, Mapping[str, str]]) -> None:
    """Add another module's sentences (the exercises' words) for the same renderers; a key
    already taken is an error, so that no module changes another's words."""
    for lang, words in tables.items():
        clash = set(words) & set(TABLES[lang])
        if clash and any(TABLES[lang][k] != words[k] for k in clash):
            raise ValueError(f"words already defined: {sorted(clash)[:3]}")
        TABLES[lang].update(words)


def word(lang: str, key: str) -> str:
    return TABLES[lang][key]


_PLACEHOLDER = re.compile(r"\{(\w+)\}")


def fill(
    template: str,
    args: Mapping[str, object],
    render: Callable[[object], str],
    literal: Callable[[str], str],
) -> str:
    """``template`` with each ``{name}`` replaced by ``render(args[name])`` and the text
    between by ``literal(text)`` (escaping for the output format)."""
    parts: list[str] = []
    pos = 0
    for match in _PLACEHOLDER.finditer(template):
        parts.append(literal(template[pos : match.start()]))
        parts.append(render(args[match.group(1)]))
        pos = match.end()
    parts.append(literal(template[pos:]))
    return "".join(parts)
