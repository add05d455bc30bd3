"""The Korean forms of the studio's own error messages: a catalogue of phrases.

The studio raises its messages in English (:class:`~chainrule.studio.protocol.ProtocolError`,
``ChainruleError``) and answers them in the session's language through
:func:`chainrule.studio.i18n.translate_error`: the phrases below first, then the shared
catalogue :mod:`chainrule.util.messages_ko` (the messages of the readers and checks below
the studio, which the command line shows too). The values a message names (quoted names,
numbers, field names of the page's URL) pass through unchanged. More specific patterns
come before more general ones; tests/test_studio_korean.py holds every error the API
tests provoke to its Korean form.
"""

from __future__ import annotations

import re

Q = r"('[^']*')"  # a quoted value, kept as it is
SHAPE = r"(\([^)]*\))"  # an array's shape, (3, 2)
VALUE = r"(?:'[^']*'|\[[^\]]*\]|\S+)"  # a value as a message shows it: 'x', [1, 2], 0.5

# The settings' names in the page's URL, as the page calls them.
FIELDS_KO = {
    "dataset": "데이터 세트",
    "noise": "잡음",
    "train_percent": "학습 데이터 비율",
    "samples": "샘플 수",
    "seed": "시드",
    "features": "특성",
    "hidden layer size": "은닉층 크기",
    "hidden": "은닉층",
    "activations": "활성화 함수",
    "activation": "활성화 함수",
    "loss": "손실 함수",
    "learning_rate": "학습률",
    "regularization": "정규화",
    "reg_rate": "정규화율",
    "batch_size": "배치 크기",
    "optimizer": "옵티마이저",
    "lang": "언어",
    "edits": "수정",
    "value": "값",
    "name": "이름",
    "toy": "데이터 세트",
    "config": "설정",
    "message": "메시지",
    "answers": "답",
}

_PAIRS: list[tuple[str, str]] = [
    # -- requests and limits (app.py, store.py, guard.py) ------------------------------------
    (r"^not valid JSON: ", "올바른 JSON 이 아닙니다: "),
    (r": line (\d+) column (\d+) \(char (\d+)\)", r": \1행 \2열 (\3번째 문자)"),
    (r"Extra data", "JSON 뒤에 남는 데이터가 있습니다"),
    (r"Expecting '(.)' delimiter", r"구분자 '\1' 이(가) 와야 합니다"),
    (r"Unterminated string starting at", "닫히지 않은 문자열"),
    (r"Invalid control character at", "잘못된 제어 문자"),
    (r"Invalid \\escape", "잘못된 \\ 이스케이프"),
    (
        r"^upload of (\S+) bytes: expected at most (\S+)",
        r"업로드가 \1 바이트입니다. 많아야 \2 바이트여야 합니다",
    ),
    (r"^upload larger than (\S+) bytes", r"업로드가 \1 바이트보다 큽니다"),
    (
        r"^message of (\S+) bytes: expected at most (\S+)",
        r"메시지가 \1 바이트입니다. 많아야 \2 바이트여야 합니다",
    ),
    (
        r"^missing query parameter 'name' \(w1, w2, … or b1, …\)",
        "쿼리 매개변수 'name' 이(가) 없습니다 (w1, w2, … 나 b1, …)",
    ),
    (r"^ONNX export needs the onnx package", "ONNX 내보내기에는 onnx 패키지가 필요합니다"),
    (
        rf"^export {Q}: expected spec, onnx or model",
        r"내보내기 \1: spec, onnx, model 중 하나여야 합니다",
    ),
    (r"^internal error: ", "내부 오류: "),
    (
        r"^Out of range float values are not JSON compliant.*$",
        "JSON 이 담을 수 없는 수(NaN 이나 무한대)가 있습니다",
    ),
    (r"^Not Found$", "찾을 수 없습니다"),
    (r"^Method Not Allowed$", "허용되지 않는 메서드입니다"),
    (
        rf"^host {Q} refused: this server answers 127\.0\.0\.1 only",
        r"호스트 \1 을(를) 거부합니다: 이 서버는 127.0.0.1 에만 응답합니다",
    ),
    (
        r"^access token missing or wrong: open the URL the studio printed",
        "접근 토큰이 없거나 틀립니다: 스튜디오가 출력한 URL 을 여세요",
    ),
    (
        rf"^origin {Q} refused: expected this server's own page",
        r"출처 \1 을(를) 거부합니다: 이 서버의 페이지여야 합니다",
    ),
    (
        r"^(\d+) sessions are open, the most this server keeps: close a tab or try again later",
        r"세션이 \1개 열려 있습니다. 이 서버가 두는 최대입니다: 탭을 닫거나 나중에 다시 "
        r"시도하세요",
    ),
    (rf"^session {Q} is unknown or was freed", r"세션 \1 을(를) 모르거나 이미 해제했습니다"),
    # -- settings and messages (protocol.py, session.py) -------------------------------------
    (
        r"expected a number > (\S+) and <= (\S+)",
        r"\1 보다 크고 \2 이하인 수여야 합니다",
    ),
    (
        r"expected a number >= (\S+) and <= (\S+)",
        r"\1 이상 \2 이하인 수여야 합니다",
    ),
    (
        r"expected a list \(or comma-separated text\)",
        "목록(또는 쉼표로 구분한 텍스트)이어야 합니다",
    ),
    (r"expected a JSON object, got (\w+)", r"JSON 객체여야 합니다 (받은 형식: \1)"),
    (
        rf"^config field {Q} is unknown: expected (.*)$",
        r"설정 항목 \1 을(를) 모릅니다. 가능한 항목: \2",
    ),
    (
        r"^features (.*): expected one or more of (.*), each once$",
        r"특성 \1: \2 중 하나 이상이어야 하며, 각각 한 번씩이어야 합니다",
    ),
    (
        r"^hidden (.*): (\d+) hidden layers, expected at most (\d+)",
        r"은닉층 \1: 은닉층이 \2개입니다. 많아야 \3개여야 합니다",
    ),
    (
        r"^(edits|answers): (\d+) of them, expected at most (\d+)",
        r"\1: \2개입니다. 많아야 \3개여야 합니다",
    ),
    (
        rf"^edit {Q}: expected NAME:VALUE, like w5:0\.3",
        r"수정 \1: w5:0.3 처럼 NAME:VALUE 여야 합니다",
    ),
    (
        rf"^edit {Q}: expected a name w1, w2, … or b1, …",
        r"수정 \1: w1, w2, … 나 b1, … 같은 이름이어야 합니다",
    ),
    (rf"^message type {Q}: ", r"메시지 종류 \1: "),
    (rf"^message {Q}: unexpected field {Q}", r"메시지 \1: 예상하지 못한 항목 \2"),
    (r"^name (.*): expected w1, w2, … or b1, …", r"이름 \1: w1, w2, … 나 b1, … 여야 합니다"),
    (
        r"^answers: expected an object of names and numbers, got (\w+)",
        r"답: 이름과 수의 객체여야 합니다 (받은 형식: \1)",
    ),
    (
        rf"^answer name {Q}: expected a name like out_h1, dE/dw5 or w5\+",
        r"답의 이름 \1: out_h1, dE/dw5, w5+ 같은 이름이어야 합니다",
    ),
    (
        r"^answer (\S+) (.*): expected a number as text of at most (\d+) characters",
        r"답 \1 \2: \3자 이하의 텍스트로 쓴 수여야 합니다",
    ),
    (
        rf"^answer (\S+) {Q}: expected a number, like 0\.5933",
        r"답 \1 \2: 0.5933 같은 수여야 합니다",
    ),
    (
        r"^loss 'binary_cross_entropy' needs a sigmoid output: expected half_sse or mse for "
        r"this data set",
        "손실 함수 'binary_cross_entropy' 에는 sigmoid 출력이 필요합니다: 이 데이터 세트에는 "
        "half_sse 나 mse 여야 합니다",
    ),
    # -- exercises (exercise.py) -------------------------------------------------------------
    (
        r"^check: the exercise needs a one-sample textbook example, like mazur",
        "확인: 연습 문제에는 mazur 같은, 샘플이 하나인 교과서 예제가 필요합니다",
    ),
    (
        rf"^answer name {Q} is unknown: expected names like (.*)$",
        r"답의 이름 \1 을(를) 모릅니다: \2 같은 이름이어야 합니다",
    ),
    # -- model files opened from the page (opened.py, saving.py) -----------------------------
    (
        rf"^model file {Q} has (\S+) bytes, expected at most (\S+)",
        r"모델 파일 \1 이(가) \2 바이트입니다. 많아야 \3 바이트여야 합니다",
    ),
    (
        r"^the model is not trained yet: nothing to open",
        "모델이 아직 학습되지 않았습니다: 열 것이 없습니다",
    ),
    (
        r"^the model takes (\d+) inputs, expected 2 \(the studio's x1, x2\)",
        r"모델의 입력이 \1개입니다. 2개여야 합니다 (스튜디오의 x1, x2)",
    ),
    (
        r"^the model is (\S+): the studio shows at most (\d+) hidden layers of (\d+) neurons "
        r"\(train one with (--layers \S+)\)",
        r"모델이 \1 입니다: 스튜디오는 뉴런이 많아야 \3개인 은닉층을 \2개까지 보여 줍니다 "
        r"(\4 로 학습하세요)",
    ),
    (rf"^toy data set {Q} for a classifier: ", r"분류 모델의 데이터 세트 \1: "),
    (rf"^toy data set {Q} for a regressor: ", r"회귀 모델의 데이터 세트 \1: "),
    (
        rf"^toy data set {Q} has 2 classes, the model (\d+): expected spirals or gaussians",
        r"데이터 세트 \1 은(는) 클래스가 2개, 모델은 \2개입니다: spirals 나 gaussians 여야 합니다",
    ),
    (
        r"^the model predicts (\d+) values: the studio draws one regression surface "
        r"\(expected 1 output\)",
        r"모델이 값 \1개를 예측합니다: 스튜디오는 회귀 곡면 하나를 그립니다 (출력이 1개여야 "
        r"합니다)",
    ),
    (
        r"^hidden layers with activations (.*): a model file has one activation for every "
        r"hidden layer \(choose one for all\)",
        r"은닉층의 활성화 함수가 \1 입니다: 모델 파일은 모든 은닉층에 활성화 함수 하나를 "
        r"씁니다 (모두에 하나를 고르세요)",
    ),
    (
        r"^output layer (\S+) with loss (\S+): a model file holds a classifier \(sigmoid, "
        r"softmax or identity outputs for its loss\) or a regressor \(identity outputs, "
        r"half_sse or mse\)",
        r"출력층 \1 과(와) 손실 함수 \2: 모델 파일에는 분류 모델(손실 함수에 맞는 sigmoid, "
        r"softmax, identity 출력)이나 회귀 모델(identity 출력, half_sse 나 mse)이 담깁니다",
    ),
    # -- uploaded points (data.py) -----------------------------------------------------------
    (
        rf"^upload {Q} has (\S+) bytes, expected at most (\S+)",
        r"업로드 \1 이(가) \2 바이트입니다. 많아야 \3 바이트여야 합니다",
    ),
    (rf"^upload {Q}: expected a \.csv or \.npz file", r"업로드 \1: .csv 나 .npz 파일이어야 합니다"),
    (
        rf"^upload {Q} has (\d+) rows, expected 2 to (\d+)",
        r"업로드 \1 의 행이 \2개입니다. 2 부터 \3 개까지여야 합니다",
    ),
    (rf"^upload {Q}: expected finite numbers only", r"업로드 \1: 유한한 수만 있어야 합니다"),
    (rf"^upload {Q}: expected UTF-8 text", r"업로드 \1: UTF-8 텍스트여야 합니다"),
    (
        rf"^upload {Q} line (\d+): (\d+) columns, expected 3 \(x1, x2, label\)",
        r"업로드 \1 \2행: 열이 \3개입니다. 3개여야 합니다 (x1, x2, 레이블)",
    ),
    (
        rf"^upload {Q} line (\d+): (.*) is not three numbers",
        r"업로드 \1 \2행: \3 은(는) 수 세 개가 아닙니다",
    ),
    (rf"^upload {Q}: no rows of numbers", r"업로드 \1: 수가 있는 행이 없습니다"),
    (
        rf"^upload {Q} unpacks to (\S+) bytes, more than allowed",
        r"업로드 \1 을(를) 풀면 \2 바이트로, 허용된 크기보다 큽니다",
    ),
    (
        rf"^upload {Q}: expected arrays X and y, got (.*)$",
        r"업로드 \1: 배열 X 와 y 가 있어야 합니다 (있는 배열: \2)",
    ),
    (
        rf"^upload {Q}: X is {SHAPE}, y is {SHAPE}, expected samples×2 and samples",
        r"업로드 \1: X 의 모양이 \2, y 의 모양이 \3 입니다. 샘플×2 모양과 샘플 수 길이여야 "
        r"합니다",
    ),
    (rf"^upload {Q}: expected numeric X and y", r"업로드 \1: X 와 y 는 수여야 합니다"),
    (rf"^upload {Q}(?=[: ])", r"업로드 \1"),
    # -- a setting's name before its value: "learning_rate 'fast': …" --------------------------
    *((rf"^{re.escape(en)} (?={VALUE}: )", f"{ko} ") for en, ko in FIELDS_KO.items()),
    *((rf"^{re.escape(en)}: ", f"{ko}: ") for en, ko in FIELDS_KO.items()),
]

MESSAGES_KO: list[tuple[re.Pattern[str], str]] = [(re.compile(p), k) for p, k in _PAIRS]
