"""Every word the studio's page shows, in English and Korean.

The page asks ``/api/options?lang=…`` for these and fills each element whose
``data-word`` names a key; ``{name}`` placeholders take values the page puts in. The
symbols (w1, net_h1, δ, ∂E/∂w) and the numbers are the same in both languages.

The server's error messages are raised in English and answered in the session's language
(:func:`error_body`): the studio's own phrases (:mod:`chainrule.studio.messages_ko`), then
the shared catalogue of the readers and checks below (:mod:`chainrule.util.messages_ko`).
"""

from __future__ import annotations

from typing import Any

from chainrule.nn.activations import ACTIVATIONS
from chainrule.studio.messages_ko import MESSAGES_KO
from chainrule.teach.explain.i18n import word
from chainrule.util.language import check_language, translate_message

EN: dict[str, str] = {
    "title": "chainrule studio",
    "tagline": "A network trains live; click any weight to see its chain rule.",
    "play": "Play",
    "pause": "Pause",
    "step": "One step",
    "reset": "Reset",
    "epoch": "Epoch",
    "phase": "Step by phase",
    "phase_next": "Next: {phase}",
    "phase.forward": "forward",
    "phase.error": "error",
    "phase.backward": "backward",
    "phase.update": "update",
    "phase_done.forward": "Forward pass: net and out on each neuron (sample 1 of {n}).",
    "phase_done.error": "Error: E_total = {loss} on the current batch.",
    "phase_done.backward": "Backward pass: δ on each neuron, ∂E/∂w on each weight.",
    "phase_done.update": "Update: every weight moved, old → new.",
    "data": "Data",
    "dataset": "Data set",
    "dataset.circle": "Circle",
    "dataset.xor": "XOR",
    "dataset.gaussians": "Two Gaussians",
    "dataset.spiral": "Spiral",
    "dataset.plane": "Plane (regression)",
    "dataset.multigauss": "Multi-Gaussian (regression)",
    "dataset.upload": "Uploaded file",
    "dataset.mazur": "Mazur's 2-2-2 example",
    "dataset.xor-example": "XOR truth table (2-2-1)",
    "dataset.model": "The opened model file",
    "dataset.spec": "The opened spec file",
    "dataset.example": "Textbook example: {name}",
    "noise": "Noise",
    "train_percent": "Training data",
    "samples": "Points",
    "regenerate": "Regenerate",
    "upload": "Upload CSV or .npz (x1, x2, label)",
    "uploaded": "Uploaded: {n} points.",
    "features": "Features",
    "hidden_layers": "Hidden layers",
    "add_layer": "Add a layer",
    "remove_layer": "Remove a layer",
    "add_neuron": "Add a neuron",
    "remove_neuron": "Remove a neuron",
    "neurons": "{n} neurons",
    "activation": "Activation",
    "layer_activation": "Activation of hidden layer {n}",
    "act.sigmoid": "Sigmoid",
    "act.tanh": "Tanh",
    "act.relu": "ReLU",
    "act.abs": "|t|",
    "act.identity": "Linear",
    "loss_fn": "Loss",
    "loss.half_sse": "½ squared error",
    "loss.mse": "Mean squared error",
    "loss.binary_cross_entropy": "Binary cross-entropy",
    "loss.cross_entropy": "Cross-entropy (softmax)",
    "loss.hinge": "Hinge",
    "learning_rate": "Learning rate",
    "regularization": "Regularization",
    "reg.none": "None",
    "reg.l1": "L1",
    "reg.l2": "L2",
    "reg_rate": "Regularization rate",
    "batch_size": "Batch size",
    "optimizer": "Optimizer",
    "opt.sgd": "Gradient descent",
    "opt.momentum": "Momentum",
    "opt.adam": "Adam",
    "output": "Output",
    "train_loss": "Training loss",
    "test_loss": "Test loss",
    "accuracy": "Accuracy",
    "confusion": "Confusion matrix (test data)",
    "actual": "actual",
    "predicted": "predicted",
    "gradient_view": "Colour edges by |∂E/∂w|",
    "exercise": "Exercise",
    "check": "Check",
    "exercise_hint": "Type each number in its box beside the network, then Check.",
    "exercise_result": "{right} right, {wrong} wrong, {missing} blank.",
    "badge.vanishing": "Vanishing gradients: the first layer's are under 1/100 of the last's",
    "badge.exploding": "Exploding gradients: the first layer's are over 100 times the last's",
    "derivation": "Chain rule",
    "derivation_hint": "Click a weight (an edge) or a bias (a neuron) to see its chain rule "
    "with the current numbers.",
    "derivation_samples": "On the current batch: {n} sample(s).",
    "optimizer_note": "The update shown is gradient descent's; training uses {optimizer}.",
    "edit": "Edit",
    "edit_prompt": "New value of {name}",
    "weight": "weight",
    "bias": "bias",
    "export": "Export",
    "export_spec": "Spec JSON",
    "export_onnx": "ONNX",
    "export_model": "Model file (.npz)",
    "export_refused.activations": "A model file has one activation for every hidden layer "
    "(here: {activations}): choose one under Activation.",
    "export_refused.output": "A model file cannot hold this output layer ({activation} with "
    "the loss {loss}).",
    "open_model": "Open a model file (.npz from chainrule train)",
    "model_opened": "Model file opened: {name} ({sizes}, {task}).",
    "task.classification": "classifier",
    "task.regression": "regressor",
    "language": "Language",
    "diverged": "Training diverged: {message}",
    "disconnected": "The connection to the server is lost: reload the page.",
    "error": "Error: {message}",
    "inputs": "Inputs",
    "hover_value": "{name} = {value}",
}

KO: dict[str, str] = {
    "title": "chainrule 스튜디오",
    "tagline": "신경망이 눈앞에서 학습합니다. 가중치를 누르면 연쇄 법칙이 보입니다.",
    "play": "재생",
    "pause": "일시 정지",
    "step": "한 스텝",
    "reset": "초기화",
    "epoch": "에포크",
    "phase": "단계별 진행",
    "phase_next": "다음: {phase}",
    "phase.forward": "순전파",
    "phase.error": "오차",
    "phase.backward": "역전파",
    "phase.update": "갱신",
    "phase_done.forward": "순전파: 뉴런마다 net 과 out (샘플 {n}개 중 1번).",
    "phase_done.error": "오차: 현재 배치에서 E_total = {loss}.",
    "phase_done.backward": "역전파: 뉴런마다 δ, 가중치마다 ∂E/∂w.",
    "phase_done.update": "갱신: 모든 가중치가 이전 값 → 새 값으로 바뀌었습니다.",
    "data": "데이터",
    "dataset": "데이터 세트",
    "dataset.circle": "원",
    "dataset.xor": "XOR",
    "dataset.gaussians": "두 가우시안",
    "dataset.spiral": "나선",
    "dataset.plane": "평면 (회귀)",
    "dataset.multigauss": "다중 가우시안 (회귀)",
    "dataset.upload": "올린 파일",
    "dataset.mazur": "Mazur의 2-2-2 예제",
    "dataset.xor-example": "XOR 진리표 (2-2-1)",
    "dataset.model": "연 모델 파일",
    "dataset.spec": "연 spec 파일",
    "dataset.example": "교재 예제: {name}",
    "noise": "잡음",
    "train_percent": "훈련 데이터 비율",
    "samples": "점의 개수",
    "regenerate": "다시 생성",
    "upload": "CSV 또는 .npz 올리기 (x1, x2, 레이블)",
    "uploaded": "올린 점 {n}개.",
    "features": "입력 특성",
    "hidden_layers": "은닉층",
    "add_layer": "층 추가",
    "remove_layer": "층 제거",
    "add_neuron": "뉴런 추가",
    "remove_neuron": "뉴런 제거",
    "neurons": "뉴런 {n}개",
    "activation": "활성화 함수",
    "layer_activation": "은닉층 {n}의 활성화 함수",
    "act.sigmoid": "시그모이드",
    "act.tanh": "Tanh",
    "act.relu": "ReLU",
    "act.abs": "|t|",
    "act.identity": "항등 함수",
    "loss_fn": "손실 함수",
    "loss.half_sse": "½ 제곱 오차",
    "loss.mse": "평균 제곱 오차",
    "loss.binary_cross_entropy": "이진 교차 엔트로피",
    "loss.cross_entropy": "교차 엔트로피 (소프트맥스)",
    "loss.hinge": "힌지",
    "learning_rate": "학습률",
    "regularization": "정규화",
    "reg.none": "없음",
    "reg.l1": "L1",
    "reg.l2": "L2",
    "reg_rate": "정규화 비율",
    "batch_size": "배치 크기",
    "optimizer": "최적화 방법",
    "opt.sgd": "경사 하강법",
    "opt.momentum": "모멘텀",
    "opt.adam": "Adam",
    "output": "출력",
    "train_loss": "훈련 손실",
    "test_loss": "테스트 손실",
    "accuracy": "정확도",
    "confusion": "혼동 행렬 (테스트 데이터)",
    "actual": "실제",
    "predicted": "예측",
    "gradient_view": "간선 색을 |∂E/∂w|로",
    "exercise": "연습 문제",
    "check": "확인",
    "exercise_hint": "네트워크 옆의 각 칸에 값을 써 넣고 확인을 누르세요.",
    "exercise_result": "맞음 {right}개, 틀림 {wrong}개, 빈칸 {missing}개.",
    "badge.vanishing": "기울기 소실: 첫 층의 기울기가 마지막 층의 1/100 보다 작습니다",
    "badge.exploding": "기울기 폭주: 첫 층의 기울기가 마지막 층의 100배보다 큽니다",
    "derivation": "연쇄 법칙",
    "derivation_hint": "간선(가중치)이나 뉴런(편향)을 누르면 지금의 숫자로 연쇄 법칙을 "
    "보여 줍니다.",
    "derivation_samples": "현재 배치: 샘플 {n}개.",
    "optimizer_note": "여기 보이는 갱신은 경사 하강법의 것입니다. 학습에는 {optimizer}을(를) "
    "씁니다.",
    "edit": "편집",
    "edit_prompt": "{name}의 새 값",
    "weight": "가중치",
    "bias": "편향",
    "export": "내보내기",
    "export_spec": "스펙 JSON",
    "export_onnx": "ONNX",
    "export_model": "모델 파일 (.npz)",
    "export_refused.activations": "모델 파일에는 모든 은닉층에 활성화 함수가 하나뿐입니다"
    "(지금: {activations}). 활성화 함수에서 하나를 고르세요.",
    "export_refused.output": "모델 파일에 담을 수 없는 출력층입니다"
    "(활성화 함수 {activation}, 손실 {loss}).",
    "open_model": "모델 파일 열기 (chainrule train의 .npz)",
    "model_opened": "모델 파일을 열었습니다: {name} ({sizes}, {task}).",
    "task.classification": "분류 모델",
    "task.regression": "회귀 모델",
    "language": "언어",
    "diverged": "학습이 발산했습니다: {message}",
    "disconnected": "서버와 연결이 끊겼습니다. 페이지를 새로 고치세요.",
    "error": "오류: {message}",
    "inputs": "입력",
    "hover_value": "{name} = {value}",
}

WORDS = {"en": EN, "ko": KO}


def words(lang: str) -> dict[str, str]:
    """The page's words in ``lang`` (``en`` or ``ko``); an activation without a short name
    here is named as the explanation names it (its record's words, act.<name>)."""
    lang = check_language(lang)
    records = {f"act.{name}": word(lang, f"act.{name}") for name in ACTIVATIONS}
    return {**records, **WORDS[lang]}


def translate_error(message: str, lang: str) -> str:
    """An error message of the server (raised in English) in ``lang``."""
    return translate_message(message, lang, MESSAGES_KO)


def error_body(message: str, field: str | None, status: int, lang: str) -> dict[str, Any]:
    """The JSON of an error: ``error`` in ``lang`` (what the page shows), the setting or
    part of the request at fault (``field``), the HTTP ``status`` and the English
    ``message_en``."""
    return {
        "error": translate_error(message, lang),
        "field": field,
        "status": status,
        "message_en": message,
    }
