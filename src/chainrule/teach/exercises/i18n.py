"""Every word of exercise sheets and check reports, in English and Korean.

The sheets reuse the explanation's sentences (the network, its numbers, the derivation);
these are the exercises' own, added to the same tables (keys ``exercise.*``) so that the
explanation's renderers write them.
"""

from __future__ import annotations

from chainrule.teach.explain.i18n import add_words

EN: dict[str, str] = {
    "exercise.title": "Exercise: {name}",
    "exercise.task": "Compute one training step by hand: the forward pass, the errors, "
    "then the backwards pass (each delta, each ∂E/∂w) and the updated weights and biases. "
    "Use the weights as they were before the step for every delta.",
    "exercise.asked": "Quantities to compute",
    "exercise.asked_intro": "Write each one in the answer file under its name "
    "(chainrule exercise --template gives the file to fill in, and chainrule check checks it).",
    "exercise.key": "Answer key",
    "exercise.solution": "Worked solution",
    "exercise.col_name": "name",
    "exercise.col_quantity": "quantity",
    "exercise.col_value": "value",
    "exercise.col_got": "your answer",
    "exercise.col_expected": "expected",
    "exercise.col_result": "result",
    "exercise.report_title": "Answer check: {name}",
    "exercise.summary": "{right} right, {wrong} wrong, {missing} not answered.",
    "exercise.all_right": "Every answer is right.",
    "exercise.first_wrong": "The first wrong number of the step is {name}.",
    "exercise.wrong_heading": "What went wrong",
    "exercise.wrong_item": "{quantity}",
    "exercise.wrong_line": "You wrote {got}, expected {expected}.",
    "exercise.formula": "The formula: {formula}.",
    "exercise.from_given": "It is computed from the given numbers only (weights, biases, "
    "inputs, targets): check that computation.",
    "exercise.deps_right": "Your {deps} is right, so look at the step from there to {quantity}.",
    "exercise.deps_right_many": "Your {deps} are right, so look at the step from there to "
    "{quantity}.",
    "exercise.deps_wrong": "It is computed from {deps}, which is wrong too: start there.",
    "exercise.deps_wrong_many": "It is computed from {deps}, which are wrong too: start with "
    "the first.",
    "exercise.deps_open": "It is computed from {deps} (not answered).",
    "exercise.diagnosis": "This is the number you get when {mistake}.",
    "exercise.no_diagnosis": "No known mistake gives this number.",
    "exercise.status.right": "right",
    "exercise.status.wrong": "wrong",
    "exercise.status.missing": "not answered",
    "mistake.updated_weights": "the hidden layer's deltas are computed with the "
    "already-updated weights (w⁺) of the layer above instead of the weights before the step",
    "mistake.no_activation_derivative": "the activation function's derivative ∂out/∂net is "
    "left out of the delta",
    "mistake.sign": "the delta has the wrong sign: (target − out) instead of (out − target)",
    "mistake.factor_two": "the ½ of E = Σ ½(target − out)² is dropped, so the derivative "
    "carries a factor 2",
    "mistake.one_output_only": "∂E/∂out of a hidden neuron takes one output's term instead "
    "of the sum over every neuron it feeds",
    "mistake.transposed_weights": "∂E/∂out of a hidden neuron uses the transposed weights "
    "(the weight into the wrong neuron)",
    "mistake.update_sign": "the update adds the gradient: w⁺ = w + η·∂E/∂w",
    "mistake.no_learning_rate": "the update leaves out the learning rate: w⁺ = w − ∂E/∂w",
    "mistake.bias_updated": "the biases are updated, although this problem keeps them",
    "mistake.bias_kept": "the biases are kept, although this problem trains them",
    "mistake.net_for_out": "net is used where out belongs: ∂net/∂w taken as the source "
    "neuron's net instead of its out",
    "mistake.derivative_of_net": "the derivative's formula is fed with net instead of out "
    "(net(1 − net) for the logistic function)",
}

KO: dict[str, str] = {
    "exercise.title": "연습 문제: {name}",
    "exercise.task": "학습 한 단계를 손으로 계산하세요: 순전파, 오차, 그다음 역전파(각 delta 와 "
    "각 ∂E/∂w), 그리고 갱신된 가중치와 편향. 모든 delta 는 이 단계 이전의 가중치로 계산합니다.",
    "exercise.asked": "계산할 값",
    "exercise.asked_intro": "각 값을 답안 파일에 이름과 함께 적으세요 (chainrule exercise "
    "--template 이 채울 파일을 주고, chainrule check 가 채점합니다).",
    "exercise.key": "정답",
    "exercise.solution": "풀이",
    "exercise.col_name": "이름",
    "exercise.col_quantity": "값",
    "exercise.col_value": "정답",
    "exercise.col_got": "내 답",
    "exercise.col_expected": "정답",
    "exercise.col_result": "결과",
    "exercise.report_title": "답안 채점: {name}",
    "exercise.summary": "맞음 {right}개, 틀림 {wrong}개, 답하지 않음 {missing}개.",
    "exercise.all_right": "모든 답이 맞습니다.",
    "exercise.first_wrong": "이 단계에서 처음 틀린 값은 {name} 입니다.",
    "exercise.wrong_heading": "틀린 곳",
    "exercise.wrong_item": "{quantity}",
    "exercise.wrong_line": "쓴 값 {got}, 정답 {expected}.",
    "exercise.formula": "계산식: {formula}.",
    "exercise.from_given": "이 값은 주어진 수(가중치, 편향, 입력, 목표값)만으로 계산합니다: 그 "
    "계산을 확인하세요.",
    "exercise.deps_right": "{deps} 는 맞았으니, 거기서 {quantity} 로 가는 단계를 보세요.",
    "exercise.deps_right_many": "{deps} 는 맞았으니, 거기서 {quantity} 로 가는 단계를 보세요.",
    "exercise.deps_wrong": "이 값은 {deps} 로 계산하는데, 그 값도 틀렸습니다: 거기서부터 보세요.",
    "exercise.deps_wrong_many": "이 값은 {deps} 로 계산하는데, 그 값들도 틀렸습니다: 첫 번째 "
    "값부터 보세요.",
    "exercise.deps_open": "이 값은 {deps} 로 계산합니다 (답하지 않음).",
    "exercise.diagnosis": "{mistake} 경우에 나오는 값입니다.",
    "exercise.no_diagnosis": "알려진 실수 중에 이 값이 나오는 것은 없습니다.",
    "exercise.status.right": "맞음",
    "exercise.status.wrong": "틀림",
    "exercise.status.missing": "답하지 않음",
    "mistake.updated_weights": "hidden 층의 delta 를 이 단계 이전의 가중치가 아니라 위층의 "
    "이미 갱신된 가중치(w⁺)로 계산한",
    "mistake.no_activation_derivative": "delta 에서 활성화 함수의 미분 ∂out/∂net 을 빠뜨린",
    "mistake.sign": "delta 의 부호를 반대로, (out − target) 대신 (target − out) 으로 쓴",
    "mistake.factor_two": "E = Σ ½(target − out)² 의 ½ 을 빠뜨려 미분에 2 가 곱해진",
    "mistake.one_output_only": "hidden 뉴런의 ∂E/∂out 을 그 뉴런이 연결된 모든 뉴런의 합 대신 "
    "output 하나의 항으로만 계산한",
    "mistake.transposed_weights": "hidden 뉴런의 ∂E/∂out 에 전치된 가중치(다른 뉴런으로 가는 "
    "가중치)를 쓴",
    "mistake.update_sign": "갱신에서 기울기를 더한, w⁺ = w + η·∂E/∂w",
    "mistake.no_learning_rate": "갱신에서 학습률을 빠뜨린, w⁺ = w − ∂E/∂w",
    "mistake.bias_updated": "이 문제는 편향을 그대로 두는데 편향을 갱신한",
    "mistake.bias_kept": "이 문제는 편향도 학습하는데 편향을 그대로 둔",
    "mistake.net_for_out": "out 을 써야 할 곳에 net 을 쓴 (∂net/∂w 를 앞 뉴런의 out 대신 "
    "net 으로 계산한)",
    "mistake.derivative_of_net": "미분 공식에 out 대신 net 을 넣은 (logistic 함수에서 "
    "net(1 − net))",
}

add_words({"en": EN, "ko": KO})
