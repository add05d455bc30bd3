"""The Korean forms of chainrule's error messages: a catalogue of phrases.

Messages are raised in English everywhere (``ChainruleError``); the command line and the
studio show them through :func:`chainrule.util.language.translate_message`, which replaces
each phrase below in turn. The values a message names (quoted names, numbers, paths) pass
through unchanged.
A message with no entry stays English: to give a new message its Korean form, add one
``(pattern, replacement)`` pair here (more specific patterns before more general ones).
tests/test_cli_korean.py checks every message of tests/test_bad_input.py.
"""

from __future__ import annotations

import re

Q = r"('[^']*')"  # a quoted value, kept as it is

_PAIRS: list[tuple[str, str]] = [
    # -- the command line -----------------------------------------------------------------
    (r"unrecognized arguments: ([^;]*)", r"알 수 없는 인자: \1"),
    (r"the following arguments are required: ", "다음 인자가 필요합니다: "),
    (r"expected one argument", "값이 하나 필요합니다"),
    (r"expected at least one argument", "값이 하나 이상 필요합니다"),
    (r"expected at most one argument", "값은 많아야 하나입니다"),
    (
        r"ambiguous option: (\S+) could match (.*)$",
        r"모호한 옵션: \1 은(는) 다음 중 무엇인지 모릅니다: \2",
    ),
    (r"invalid (\w+) value: ", r"잘못된 \1 값: "),
    (r"ignored explicit argument ", "무시된 인자 "),
    (r"not allowed with argument (\S+)", r"인자 \1 과(와) 함께 쓸 수 없습니다"),
    (r"argument (\S+): ", r"인자 \1: "),
    (rf"invalid choice: {Q} \(choose from ([^)]*)\)", r"잘못된 선택 \1 (가능한 값: \2)"),
    (rf"; did you mean {Q}\?", r"; 혹시 \1 인가요?"),
    (
        r"(--\S+) is not an option of the truth-table mode: 'train (\w+)' trains the four rows "
        r"of the (\w+) truth table by plain gradient descent; for a classifier on noisy (\w+) "
        r"points use ('[^']*')",
        r"\1 은(는) 진리표 방식의 옵션이 아닙니다: 'train \2' 는 \3 진리표의 네 행으로 기본 경사 "
        r"하강법을 씁니다. 잡음 섞인 \4 점들로 분류기를 학습하려면 \5 를 쓰세요",
    ),
    (
        r"is not allowed with --spec \(a spec trains as written\)",
        "은(는) --spec 과 함께 쓸 수 없습니다 (명세는 적힌 그대로 학습합니다)",
    ),
    (
        r"--layers and --activation come from the spec: not allowed with --spec",
        "--layers 와 --activation 은 명세에서 옵니다: --spec 과 함께 쓸 수 없습니다",
    ),
    (r"give a DATASET or --(spec|data) FILE, not both", r"DATASET 과 --\1 FILE 중 하나만 주세요"),
    (
        r"--resume needs --save PATH \(the model file to continue\)",
        "--resume 에는 --save PATH (이어서 학습할 모델 파일) 가 필요합니다",
    ),
    (
        r"early stopping needs validation data: give a validation split like (\S+)",
        r"조기 종료에는 검증 데이터가 필요합니다: \1 같은 검증 비율을 주세요",
    ),
    (
        r"no network given: expected --example NAME or --spec FILE",
        "신경망이 없습니다: --example NAME 이나 --spec FILE 이 필요합니다",
    ),
    # -- interrupted runs, predict, PNG images (before the general phrases) -----------------
    (
        r": a PNG needs a model trained on images \(MNIST-family\)",
        ": PNG 에는 이미지로 학습한 모델이 필요합니다 (MNIST 계열)",
    ),
    (r" is (\d+)×(\d+) pixels, expected (\S+)$", r" 은(는) \1×\2 픽셀입니다. \3 픽셀이어야 합니다"),
    (
        r" sample (\d+): the model's outputs are not finite numbers \(inputs far larger than "
        r"those it was trained on\?\): expected inputs of its scale",
        r" 샘플 \1: 모델의 출력이 유한한 수가 아닙니다 (학습한 입력보다 훨씬 큰 입력인가요?): "
        r"학습한 입력과 같은 규모여야 합니다",
    ),
    (r": truncated PNG chunk ", ": 잘린 PNG 청크 "),
    (r": not a PNG file", ": PNG 파일이 아닙니다"),
    (
        r": PNG header chunk of (\d+) bytes, expected 13",
        r": PNG 머리글 청크가 \1 바이트입니다. 13 바이트여야 합니다",
    ),
    (r": PNG without a header chunk", ": 머리글 청크가 없는 PNG 입니다"),
    (
        r": PNG with bit depth (\d+), colour type (\d+), interlace (\d+); expected an 8-bit, "
        r"non-interlaced grey, RGB or RGBA image",
        r": 비트 깊이 \1, 색 형식 \2, 인터레이스 \3 인 PNG 입니다. 인터레이스 없는 8비트 회색조, "
        r"RGB, RGBA 이미지여야 합니다",
    ),
    (
        r": PNG of (\d+)×(\d+) pixels, expected 1 to ([\d,]+) pixels",
        r": \1×\2 픽셀인 PNG 입니다. 1 부터 \3 픽셀까지여야 합니다",
    ),
    (r": damaged PNG data \((.*)\)$", r": PNG 데이터가 손상되었습니다 (\1)"),
    (
        r": PNG data of (\d+) bytes, expected (\d+)",
        r": PNG 데이터가 \1 바이트입니다. \2 바이트여야 합니다",
    ),
    (r": unknown PNG row filter (\d+)", r": 알 수 없는 PNG 행 필터 \1"),
    # -- .npz members, labels, sizes -----------------------------------------------------------
    (r": member (\S+) is encrypted", r": 멤버 \1 이(가) 암호화되어 있습니다"),
    (r": member (\S+) has no local header", r": 멤버 \1 에 로컬 머리글이 없습니다"),
    (
        r": member (\S+) uses compression (\S+), expected stored, deflate, bzip2 or lzma",
        r": 멤버 \1 이(가) 압축 방식 \2 을(를) 씁니다. stored, deflate, bzip2, lzma 중 하나여야 "
        r"합니다",
    ),
    (r": member (\S+) is truncated", r": 멤버 \1 이(가) 잘렸습니다"),
    (
        r": member (\S+) is not a \.npy array \((.*)\)$",
        r": 멤버 \1 은(는) .npy 배열이 아닙니다 (\2)",
    ),
    (
        r": member (\S+) has item type (\S+), expected numbers or text",
        r": 멤버 \1 의 항목 자료형이 \2 입니다. 수나 문자열이어야 합니다",
    ),
    (
        r": member (\S+) declares a (\S+) array of shape (\([^)]*\)) \((\d+) bytes\) in (\d+) "
        r"bytes, expected a header that fits the data",
        r": 멤버 \1 이(가) \5 바이트 안에 모양 \3 인 \2 배열 (\4 바이트) 을 선언합니다. 데이터에 "
        r"맞는 머리글이어야 합니다",
    ),
    (
        r": member (\S+) is damaged \(its checksum differs\)",
        r": 멤버 \1 이(가) 손상되었습니다 (체크섬이 다름)",
    ),
    (r": member (\S+) appears twice", r": 멤버 \1 이(가) 두 번 나옵니다"),
    (r": member (\S+): ", r": 멤버 \1: "),
    (
        r"the magic string is not correct; expected (\S+), got (.*)$",
        r"매직 문자열이 틀립니다. \1 이어야 하는데 \2",
    ),
    (r"^(\S+) train: ", r"\1 학습 데이터: "),
    (r"^(\S+) test: ", r"\1 테스트 데이터: "),
    (r"(^|: )label (\S+): ", r"\1레이블 \2: "),
    (r"^a toy set of ([\d,]+) samples", r"샘플 \1개의 예제 데이터 세트"),
    (
        r"^classes (\d+): expected no more classes than samples \((\d+)\)",
        r"클래스 수 \1: 샘플 수 (\2) 보다 많을 수 없습니다",
    ),
    (
        r"feature (\d+) is too large to standardize \(its mean or standard deviation overflows "
        r"float64\): expected numbers below about (\S+)",
        r"특성 \1 은(는) 표준화하기에 너무 큽니다 (평균이나 표준편차가 float64 를 넘음): 대략 \2 "
        r"보다 작은 수여야 합니다",
    ),
    (
        r"value (\S+) at sample (\d+), feature (\d+) overflows (\w+) after scaling: expected "
        r"numbers the model's type holds",
        r"샘플 \2, 특성 \3 의 값 \1 은(는) 스케일링 뒤에 \4 를 넘습니다: 모델의 자료형이 담을 수 "
        r"있는 수여야 합니다",
    ),
    (r"^inputs: ", "입력: "),
    (
        r"^sample (\d+): expected a number from (\d+) to (\d+)",
        r"샘플 \1: \2 부터 \3 까지의 수여야 합니다",
    ),
    (
        rf"^output {Q}: expected a file name ending in (\S+)$",
        r"출력 \1: \2 로 끝나는 파일 이름이어야 합니다",
    ),
    (rf"^output {Q}", r"출력 \1"),
    (r"^spec file ", "명세 파일 "),
    (r"^answer file ", "답안 파일 "),
    (
        rf"{Q} codec can't decode byte (\S+) in position (\d+): .*$",
        r"\1 로 읽을 수 없는 바이트 \2 (위치 \3)",
    ),
    (r" \(saved none\)", " (저장된 값 없음)"),
    (r"\bDATASET (\S+) \(", r"데이터 세트 \1 ("),
    (r" \(saved ([^)]*)\)", r" (저장된 값 \1)"),
    # -- spec fields (after the file name or "spec") --------------------------------------------
    (r"^spec: ", "명세: "),
    (rf"unknown field {Q}: expected ([^;]*)", r"알 수 없는 항목 \1: 가능한 값: \2"),
    (
        r"layers must be a list of layer objects, got ",
        "layers 는 층 객체의 목록이어야 합니다. 받은 값: ",
    ),
    (r"expected a JSON object, got ", "JSON 객체여야 합니다. 받은 값: "),
    (r"expected a layer object, got ", "층 객체여야 합니다. 받은 값: "),
    (r"expected a (\S+) list of lists, got ", r"\1 모양의 목록의 목록이어야 합니다. 받은 값: "),
    (r"expected a list of (\d+) numbers, got ", r"수 \1개의 목록이어야 합니다. 받은 값: "),
    (r"(받은 값: )a boolean$", r"\1참/거짓"),
    (r"(받은 값: )a number$", r"\1수"),
    (r"(받은 값: )a string$", r"\1문자열"),
    (r"(받은 값: )a list$", r"\1목록"),
    (r"(받은 값: )an object$", r"\1객체"),
    (r" is a string ('.*'): expected a number$", r" 은(는) 문자열 \1 입니다. 수여야 합니다"),
    (r" is a (boolean|list|object) (.*): expected a number$", r" 은(는) \2 입니다. 수여야 합니다"),
    (r" is (\S+): expected a finite number$", r" 은(는) \1 입니다. 유한한 수여야 합니다"),
    (r"train_biases (\S+): expected true or false", r"train_biases \1: true 나 false 여야 합니다"),
    (
        r"(\d+)×(\d+) weights: expected at most ([\d,]+) in one layer",
        r"가중치 \1×\2: 한 층에 많아야 \3개여야 합니다",
    ),
    (
        r" is empty: expected at least one row of (\d+) numbers",
        r" 이(가) 비어 있습니다. 수 \1개의 행이 하나 이상 있어야 합니다",
    ),
    (r" has (\d+) numbers, expected (\S+)$", r" 의 수가 \1개입니다. \2 이어야 합니다"),
    (
        rf" has (\d+) values, expected (\d+) for bias mode {Q}",
        r" 의 값이 \1개입니다. 편향 방식 \3 에서는 \2개여야 합니다",
    ),
    (
        r": given for bias mode 'none', expected no biases",
        ": 편향 방식 'none' 에 주어졌습니다. 편향이 없어야 합니다",
    ),
    (
        r"biases given for bias mode 'none': expected no biases",
        "편향 방식 'none' 에 편향이 주어졌습니다: 편향이 없어야 합니다",
    ),
    (
        r"(\d+) inputs but (\d+) targets: expected one target row per input",
        r"입력 \1개에 목표값 \2개: 입력마다 목표값 행이 하나씩 있어야 합니다",
    ),
    (
        rf"loss {Q} needs a (\w+) output layer, got activation {Q}",
        r"손실 함수 \1 에는 \2 출력층이 필요합니다. 활성화 함수가 \3 입니다",
    ),
    (r"(^|: )seed (\S+): ", r"\1시드 \2: "),
    (r"(^|: )learning_rate (\S+): ", r"\1learning_rate \2: "),
    # -- exercises and answers --------------------------------------------------------------------
    (
        r"answers: expected an object of names and numbers, got (\w+)",
        r"answers: 이름과 수의 객체여야 합니다. 받은 값: \1",
    ),
    (
        rf"unknown answer name {Q}: expected names like ([^;]*)",
        r"알 수 없는 답 이름 \1: 이런 이름이어야 합니다: \2",
    ),
    (
        rf"ask: unknown name {Q}: expected names of this network's step, like ([^;]*)",
        r"ask: 알 수 없는 이름 \1: 이 신경망 단계의 이름이어야 합니다. 예: \2",
    ),
    (r": ask must be a list of answer names", ": ask 는 답 이름의 목록이어야 합니다"),
    (r": expected a JSON object of names and numbers", ": 이름과 수로 된 JSON 객체여야 합니다"),
    (r": expected a JSON object$", ": JSON 객체여야 합니다"),
    (
        r" is nested more than (\d+) levels deep: expected an object of names and numbers",
        r" 은(는) \1 단계보다 깊게 중첩되어 있습니다: 이름과 수의 객체여야 합니다",
    ),
    (r": (\S+) is not allowed, expected numbers", r": \1 은(는) 쓸 수 없습니다. 수여야 합니다"),
    (
        rf"^answer {Q} is (.+?): expected a finite number$",
        r"답 \1 이(가) \2 입니다. 유한한 수여야 합니다",
    ),
    (rf"^answer {Q} is (.+?): expected a number$", r"답 \1 이(가) \2 입니다. 수여야 합니다"),
    (
        r"^layers (\S+): expected at least two sizes >= 1, at most 40 neurons in all \(a problem "
        r"to compute by hand\)",
        r"층 \1: 1 이상의 크기가 둘 이상, 뉴런은 모두 합쳐 많아야 40개여야 합니다 (손으로 계산할 "
        r"문제)",
    ),
    (rf"^activation {Q}: expected one of ", r"활성화 함수 \1: 가능한 값: "),
    (rf"^loss {Q}: expected one of ", r"손실 함수 \1: 가능한 값: "),
    (
        r"loss 'cross_entropy' needs at least 2 outputs \(a softmax\)",
        "손실 함수 'cross_entropy' 에는 출력이 2개 이상 필요합니다 (softmax)",
    ),
    (
        rf"no problem without a dead or saturated neuron found for layers (\S+), activation {Q}: "
        r"try other settings",
        r"층 \1, 활성화 함수 \2 로는 죽거나 포화된 뉴런이 없는 문제를 찾지 못했습니다: 다른 설정을 "
        r"쓰세요",
    ),
    (
        r"an exercise has one training sample, got (\d+): expected inputs and targets with one row "
        r"each",
        r"연습 문제에는 학습 샘플이 하나입니다. 받은 수: \1: 입력과 목표값이 한 행씩이어야 합니다",
    ),
    (
        rf"exercises use the loss half_sse, mse, cross_entropy or binary_cross_entropy, got {Q}",
        r"연습 문제의 손실 함수는 half_sse, mse, cross_entropy, binary_cross_entropy 중 "
        r"하나입니다. 받은 값: \1",
    ),
    # -- pictures, explanations, export ---------------------------------------------------------
    (
        rf"^parameter {Q}: expected a weight w1, w2, … or a bias b1, …",
        r"매개변수 \1: 가중치 w1, w2, … 나 편향 b1, … 이어야 합니다",
    ),
    (
        rf"^parameter {Q}: this network has no such weight",
        r"매개변수 \1: 이 신경망에는 그런 가중치가 없습니다",
    ),
    (
        rf"^parameter {Q}: this network has no such bias",
        r"매개변수 \1: 이 신경망에는 그런 편향이 없습니다",
    ),
    (
        r"the network has ([\d,]+) weights and biases, too many to draw one node per weight \(at "
        r"most ([\d,]+)\): use --level layer",
        r"신경망의 가중치와 편향이 \1개라서 가중치마다 노드 하나씩 그리기에는 너무 많습니다 "
        r"(많아야 \2개): --level layer 를 쓰세요",
    ),
    (
        r"this picture has no graph data to write as json",
        "이 그림에는 json 으로 쓸 그래프 데이터가 없습니다",
    ),
    (
        rf"cannot tell the format of {Q}: expected a name ending in ",
        r"\1 의 형식을 알 수 없습니다: 이름이 이것으로 끝나야 합니다: ",
    ),
    (rf"^unknown (?:picture )?format {Q}: ", r"알 수 없는 형식 \1: "),
    (rf"^unknown level {Q}: ", r"알 수 없는 수준 \1: "),
    (
        r"^inputs (\([^)]*\)) and targets (\([^)]*\)): expected samples × values, same samples",
        r"입력 \1 과 목표값 \2: 샘플 × 값 모양에 샘플 수가 같아야 합니다",
    ),
    (
        r"Graphviz's dot took longer than (\S+) s: draw a smaller graph",
        r"Graphviz 의 dot 이 \1초보다 오래 걸렸습니다: 더 작은 그래프를 그리세요",
    ),
    (r"Graphviz's dot could not run: ", "Graphviz 의 dot 을 실행할 수 없습니다: "),
    (r"Graphviz's dot failed: ", "Graphviz 의 dot 이 실패했습니다: "),
    (r"the model cannot be written as ONNX: ", "모델을 ONNX 로 쓸 수 없습니다: "),
    (
        rf"^opset {Q}: expected a whole number from (\d+) to (\d+)",
        r"opset \1: \2 부터 \3 까지의 정수여야 합니다",
    ),
    # -- IDX files ------------------------------------------------------------------------------
    (
        r": (\d+) bytes, expected an IDX header of 4 bytes or more",
        r": \1 바이트입니다. IDX 머리글은 4 바이트 이상이어야 합니다",
    ),
    (r": IDX type code (0x\w+), expected one of ", r": IDX 형식 코드가 \1 입니다. 가능한 값: "),
    (
        r": IDX header with 0 dimensions, expected 1 or more",
        ": IDX 머리글의 차원이 0 입니다. 1 이상이어야 합니다",
    ),
    (
        r": (\d+) bytes, expected a header of (\d+) bytes",
        r": \1 바이트입니다. 머리글은 \2 바이트여야 합니다",
    ),
    (
        r": a (\S+) array, expected dimensions NumPy can hold",
        r": \1 배열입니다. NumPy 가 담을 수 있는 차원이어야 합니다",
    ),
    (r": not a valid gzip file \((.*)\)$", r": 올바른 gzip 파일이 아닙니다 (\1)"),
    # -- regression on the command line ------------------------------------------------------------
    (
        r"^(--\S+) is for classification, not allowed with regression",
        r"\1 은(는) 분류용입니다. 회귀와 함께 쓸 수 없습니다",
    ),
    (rf"^noise {Q}: expected a number from 0 to 1", r"잡음 \1: 0 부터 1 까지의 수여야 합니다"),
    (rf"^samples {Q}: ", r"샘플 수 \1: "),
    (
        r"^targets (\([^)]*\)) and predictions (\([^)]*\)): expected equal shapes",
        r"목표값 \1 과 예측값 \2: 모양이 같아야 합니다",
    ),
    (
        r"a decision boundary needs two inputs, the data has (\(.*\))$",
        r"결정 경계에는 입력이 두 개 필요합니다. 데이터의 모양: \1",
    ),
    # -- models in Python -----------------------------------------------------------------------
    (rf"^dtype {Q}: expected float32 or float64", r"자료형 \1: float32 나 float64 여야 합니다"),
    (
        rf"^momentum (\S+) given for optimizer {Q}: expected momentum only with the momentum or "
        r"nesterov optimizer",
        r"옵티마이저 \2 에 momentum \1 이(가) 주어졌습니다: momentum 은 momentum 이나 nesterov "
        r"옵티마이저에만 씁니다",
    ),
    (
        r"Nesterov momentum needs momentum > 0, like 0\.9",
        "Nesterov 모멘텀에는 0.9 처럼 0 보다 큰 momentum 이 필요합니다",
    ),
    (rf"^gamma {Q}: expected a number in \(0, 1\]", r"gamma \1: (0, 1] 범위의 수여야 합니다"),
    (r"no samples: expected at least one", "샘플이 없습니다: 하나 이상 있어야 합니다"),
    (
        r"layer sizes (\S+) end in (\d+) outputs, expected (\d+) \(one per class\)",
        r"층 크기 \1 의 출력이 \2개입니다. \3개여야 합니다 (클래스마다 하나)",
    ),
    # -- more of the command line ---------------------------------------------------------------
    (r"one of the arguments (.*) is required", r"인자 \1 중 하나가 필요합니다"),
    (
        r"Graphviz's dot program is not installed: install the Debian package graphviz "
        r"\((sudo apt-get install graphviz)\) to make (\w+) pictures, or use --format dot",
        r"Graphviz 의 dot 프로그램이 설치되어 있지 않습니다: \2 그림을 만들려면 Debian 패키지 "
        r"graphviz 를 설치하거나 (\1), --format dot 을 쓰세요",
    ),
    (r"hinge loss targets must be -1 or \+1", "hinge 손실의 목표값은 -1 이나 +1 이어야 합니다"),
    (
        r"binary_cross_entropy targets must lie in \[0, 1\]",
        "binary_cross_entropy 의 목표값은 [0, 1] 범위에 있어야 합니다",
    ),
    (
        r" has no \.npy files, expected X\.npy and y\.npy \(and optionally X_test\.npy, "
        r"y_test\.npy\)",
        " 에 .npy 파일이 없습니다. X.npy 와 y.npy 가 있어야 합니다 (X_test.npy, y_test.npy 는 "
        "있어도 됨)",
    ),
    (
        r"^(\d+) samples but (\d+) labels: expected one each",
        r"샘플 \1개에 레이블 \2개: 샘플마다 하나씩이어야 합니다",
    ),
    (r"expected a number >= 0 and < 1", "0 이상 1 미만의 수여야 합니다"),
    (
        r"^validation fraction (\S+): expected a number in \[0, 1\)",
        r"검증 비율 \1: [0, 1) 범위의 수여야 합니다",
    ),
    # -- models opened in the studio --------------------------------------------------------------
    (
        r"the model is not trained yet: nothing to open",
        "모델이 아직 학습되지 않았습니다: 열 것이 없습니다",
    ),
    (
        r"the model takes (\d+) inputs, expected 2 \(the studio's x1, x2\)",
        r"모델의 입력이 \1개입니다. 2개여야 합니다 (studio 의 x1, x2)",
    ),
    (
        r"the model is (\S+): the studio shows at most (\d+) hidden layers of (\d+) neurons "
        r"\(train one with (--layers \S+)\)",
        r"모델이 \1 입니다: studio 는 뉴런 \3개짜리 은닉층을 많아야 \2개까지 보여 줍니다 "
        r"(\4 로 학습하세요)",
    ),
    (
        rf"toy data set {Q} for a (classifier|regressor): expected one of (.*)$",
        r"예제 데이터 세트 \1 은(는) 이 모델에 맞지 않습니다: 가능한 값: \3",
    ),
    (
        rf"toy data set {Q} has 2 classes, the model (\d+): expected spirals or gaussians",
        r"예제 데이터 세트 \1 의 클래스는 2개, 모델은 \2개입니다: spirals 나 gaussians 여야 합니다",
    ),
    (
        r"the model predicts (\d+) values: the studio draws one regression surface \(expected 1 "
        r"output\)",
        r"모델이 값 \1개를 예측합니다: studio 는 회귀 곡면 하나를 그립니다 (출력이 1개여야 함)",
    ),
    (
        rf"^model file {Q} has ([\d,]+) bytes, expected at most ([\d,]+)",
        r"모델 파일 \1 은(는) \2 바이트입니다. 많아야 \3 바이트여야 합니다",
    ),
    # -- files and folders --------------------------------------------------------------------
    (
        rf"^cannot write {Q}: {Q} is a file, expected a folder",
        r"\1 을(를) 쓸 수 없습니다: \2 은(는) 파일입니다. 폴더여야 합니다",
    ),
    (rf"^cannot write {Q}: ", r"\1 을(를) 쓸 수 없습니다: "),
    (rf"^cannot lock {Q}: ", r"\1 을(를) 잠글 수 없습니다: "),
    (r"No such file or directory", "파일이나 폴더가 없습니다"),
    (r"Permission denied", "권한이 없습니다"),
    (r"Is a directory", "폴더입니다"),
    (r"Not a directory", "폴더가 아닙니다"),
    (r"No space left on device", "장치에 남은 공간이 없습니다"),
    (r"Read-only file system", "읽기 전용 파일 시스템입니다"),
    (r" is a folder, expected a file name", " 은(는) 폴더입니다. 파일 이름이어야 합니다"),
    (
        r" is a special file \(not a regular file, FIFO or character device\): expected a file "
        r"name to write",
        " 은(는) 특수 파일입니다 (일반 파일, FIFO, 문자 장치가 아님): 쓸 파일 이름이어야 합니다",
    ),
    (rf": folder {Q} does not exist", r": 폴더 \1 이(가) 없습니다"),
    (r" is a directory, expected a file name", " 은(는) 폴더입니다. 파일 이름이어야 합니다"),
    (r" is a directory, expected a JSON file", " 은(는) 폴더입니다. JSON 파일이어야 합니다"),
    (r" is a file, expected a folder", " 은(는) 파일입니다. 폴더여야 합니다"),
    (r" does not exist$", " 이(가) 없습니다"),
    (r" cannot be read: ", " 을(를) 읽을 수 없습니다: "),
    (
        r" has ([\d,]+) bytes: expected at most ([\d,]+)",
        r" 은(는) \1 바이트입니다. 많아야 \2 바이트여야 합니다",
    ),
    (
        rf" is the input (\S+) {Q}: expected an output that is not one of the command's inputs "
        r"\(it would be overwritten\)",
        r" 은(는) 입력 \1 \2 입니다: 명령의 입력이 아닌 출력이어야 합니다 (덮어쓰게 됩니다)",
    ),
    (
        rf" and (\S+) {Q} are one file: expected a different file for each output",
        r" 와(과) \1 \2 은(는) 같은 파일입니다: 출력마다 다른 파일이어야 합니다",
    ),
    (
        rf" is in use by process (\S+) \(lock file {Q}\): expected one run at a time on a "
        r"checkpoint; wait for it, or remove the lock file if that process is not running",
        r" 을(를) 프로세스 \1 이(가) 쓰고 있습니다 (잠금 파일 \2): 체크포인트 하나에는 한 번에 "
        r"하나의 실행만 됩니다. 끝날 때까지 기다리거나, 그 프로세스가 없으면 잠금 파일을 지우세요",
    ),
    (
        r"(\S+) is binary and standard output is a terminal: (?:name a file|use --output FILE)",
        r"\1 은(는) 바이너리인데 표준 출력이 터미널입니다: --output FILE 로 파일을 주세요",
    ),
    # -- the commands -------------------------------------------------------------------------
    (
        rf"^--resume {Q}: (.*) differ from the saved run and cannot change on resume"
        r"( \(and .* differ too\))?: expected the same settings, or train to a new --save file",
        r"--resume \1: \2 이(가) 저장된 실행과 다르며 이어서 학습할 때 바꿀 수 없습니다\3: 같은 "
        r"설정이거나, 새 --save 파일로 학습해야 합니다",
    ),
    (r" \(and (.*) differ too\)", r" (\1 도 다릅니다)"),
    (
        rf"^--resume {Q}: (.*) differ from the saved run: expected the same settings, or "
        r"--override to continue with the new ones",
        r"--resume \1: \2 이(가) 저장된 실행과 다릅니다: 같은 설정이거나, 새 설정으로 이어 가려면 "
        r"--override 가 필요합니다",
    ),
    (
        r"is a regressor: resume it with --task regression, or train to a new --save file",
        "은(는) 회귀 모델입니다: --task regression 으로 이어서 학습하거나, 새 --save 파일로 "
        "학습하세요",
    ),
    (
        r"is not a regressor: resume with the model trained on this data, or train to a new "
        r"--save file",
        "은(는) 회귀 모델이 아닙니다: 이 데이터로 학습한 모델로 이어서 학습하거나, 새 --save "
        "파일로 학습하세요",
    ),
    (
        r"--save '-': expected a file name \(the model is saved after every epoch and read "
        r"again by --resume; standard output cannot be\)",
        "--save '-': 파일 이름이 필요합니다 (모델은 에포크마다 저장되고 --resume 이 다시 "
        "읽으므로 표준 출력은 쓸 수 없습니다)",
    ),
    (
        r"--override is for --resume: expected --resume --save PATH",
        "--override 는 --resume 용입니다: --resume --save PATH 가 필요합니다",
    ),
    (
        r"--layers (\S+) differs from the saved model's (\S+): resume with the same layers, or "
        r"train to a new --save file",
        r"--layers \1 이(가) 저장된 모델의 \2 와(과) 다릅니다: 같은 층으로 이어서 학습하거나, 새 "
        r"--save 파일로 학습하세요",
    ),
    (
        rf"^{Q} takes (\d+) inputs, but (\S+) has (\d+)",
        r"\1 은(는) 입력 \2개를 받는데 \3 은(는) \4개입니다",
    ),
    (
        r"--validation (\S+) with a folder of \.npy files: expected the held-out samples in "
        r"X_test\.npy and y_test\.npy",
        r"--validation \1 을(를) .npy 파일 폴더와 함께 썼습니다: 따로 떼어 둔 샘플은 "
        r"X_test.npy 와 y_test.npy 에 있어야 합니다",
    ),
    (
        rf"^--layers {Q}: (\S+) has (\d+) inputs and (\d+) output, expected sizes like (\S+)",
        r"--layers \1: \2 은(는) 입력 \3개, 출력 \4개입니다. \5 같은 크기여야 합니다",
    ),
    (
        rf"--level and --sample are for networks, not example {Q}",
        r"--level 과 --sample 은 신경망용입니다. 예제 \1 에는 쓸 수 없습니다",
    ),
    (r"--example and --spec given: expected one of them", "--example 과 --spec 중 하나만 주세요"),
    (
        rf"^export: {Q} and --example: expected one of them",
        r"export: \1 과 --example 중 하나만 주세요",
    ),
    (
        rf"^export: no SOURCE: expected a model file \(\.npz\) or a spec \(\.json\) before {Q}, "
        r"or --example NAME",
        r"export: SOURCE 가 없습니다: \1 앞에 모델 파일 (.npz) 이나 명세 (.json), 또는 "
        r"--example NAME 이 필요합니다",
    ),
    (
        r"--layers, --activation and --loss are for random problems: add --seed N",
        "--layers, --activation, --loss 는 무작위 문제용입니다: --seed N 을 더하세요",
    ),
    (r"--count K and --output-dir DIR go together", "--count K 와 --output-dir DIR 은 함께 씁니다"),
    (
        r"--count (\d+): expected at most ([\d,]+) sheets \(three files each\)",
        r"--count \1: 연습 문제지는 많아야 \2개여야 합니다 (문제지마다 파일 세 개)",
    ),
    (
        r"--count writes random problems: use --seed N, not --example or --spec",
        "--count 는 무작위 문제를 씁니다: --example 이나 --spec 이 아니라 --seed N 을 쓰세요",
    ),
    (
        r" is the --spec file: expected another file",
        " 은(는) --spec 파일입니다: 다른 파일이어야 합니다",
    ),
    (
        rf"--host {Q}: expected an address, 127\.0\.0\.1 \(this machine only\) or 0\.0\.0\.0 "
        r"\(every address\)",
        r"--host \1: 주소가 필요합니다. 127.0.0.1 (이 컴퓨터만) 이나 0.0.0.0 (모든 주소)",
    ),
    (
        r"--port (\d+): expected a number from 1 to 65535",
        r"--port \1: 1 부터 65535 까지의 수여야 합니다",
    ),
    (
        r"port (\d+) on (\S+) is in use: expected a free port \(--port N\)",
        r"\2 의 포트 \1 은(는) 사용 중입니다: 비어 있는 포트여야 합니다 (--port N)",
    ),
    (r"^cannot serve on (\S+): ", r"\1 에서 서비스할 수 없습니다: "),
    (
        rf"spec {Q} has (\d+) inputs, expected 2 \(x1, x2\)",
        r"명세 \1 의 입력이 \2개입니다. 2개여야 합니다 (x1, x2)",
    ),
    (
        r"chainrule studio needs starlette and uvicorn \((\S+) is missing\): (pip install .*)$",
        r"chainrule studio 에는 starlette 와 uvicorn 이 필요합니다 (\1 이(가) 없음): \2",
    ),
    # -- data files and data sets ---------------------------------------------------------------
    (
        r": X_test has (\d+) features, expected (\d+) like X",
        r": X_test 의 특성이 \1개입니다. X 처럼 \2개여야 합니다",
    ),
    (
        r": X_test(?:\.npy)? and y_test(?:\.npy)? come together, expected both or neither",
        ": X_test 와 y_test 는 함께 옵니다. 둘 다 있거나 둘 다 없어야 합니다",
    ),
    (r": not a readable CSV file \((.*)\)$", r": 읽을 수 있는 CSV 파일이 아닙니다 (\1)"),
    (
        rf"--label-column (\S+): {Q} has (\d+) columns \(0…(\d+)\)",
        r"--label-column \1: \2 의 열은 \3개입니다 (0…\4)",
    ),
    (
        rf"--label-column {Q}: no such column in {Q}; columns: (.*)$",
        r"--label-column \1: \2 에 그런 열이 없습니다. 열: \3",
    ),
    (
        r": unknown file type, expected \.npz, \.csv or \.png",
        ": 알 수 없는 파일 형식입니다. .npz, .csv, .png 중 하나여야 합니다",
    ),
    (r": training data must be \.npz or \.csv", ": 학습 데이터는 .npz 나 .csv 여야 합니다"),
    (
        rf"unknown IDX data set {Q}: expected mnist or fashion-mnist",
        r"알 수 없는 IDX 데이터 세트 \1: mnist 나 fashion-mnist 여야 합니다",
    ),
    (rf"^--data-dir {Q}: not a folder", r"--data-dir \1: 폴더가 아닙니다"),
    (rf"^{Q} has no (\S+) or (\S+)$", r"\1 에 \2 도 \3 도 없습니다"),
    (
        r"images (\([^)]*\)) and labels (\([^)]*\)), expected N×rows×columns images and N labels",
        r"이미지 \1 와(과) 레이블 \2: N×행×열 이미지와 레이블 N개여야 합니다",
    ),
    (r"expected whole numbers 0 to 9", "0 부터 9 까지의 정수여야 합니다"),
    (r": not a \.npy array \((.*)\)$", r": .npy 배열이 아닙니다 (\1)"),
    (
        r": holds objects, which are not accepted \(no pickle\)",
        ": object 가 들어 있습니다. 받지 않습니다 (pickle 을 쓰지 않음)",
    ),
    (
        r": declares a (\S+) array of shape (\([^)]*\)) \((\d+) bytes\), expected a file that "
        r"holds them \((\d+) bytes\)",
        r": 모양 \2 인 \1 배열 (\3 바이트) 을 선언합니다. 그만큼 담은 파일이어야 합니다 "
        r"(\4 바이트)",
    ),
    (
        r": stored column by column \(Fortran order\), expected rows \(np\.save of a C-ordered "
        r"array\)",
        ": 열 단위로 저장되어 있습니다 (Fortran 순서). 행 단위여야 합니다 (C 순서 배열의 np.save)",
    ),
    (
        r" has (\[[^\]]*\]), expected X\.npy and y\.npy \(and optionally X_test\.npy, "
        r"y_test\.npy\)",
        r" 에는 \1 이(가) 있습니다. X.npy 와 y.npy 가 있어야 합니다 (X_test.npy, y_test.npy 는 "
        r"있어도 됨)",
    ),
    (
        r": a (\S+) array of shape (\([^)]*\)), expected numbers, samples × features",
        r": 모양이 \2 인 \1 배열입니다. 샘플 × 특성 모양의 수여야 합니다",
    ),
    (
        r": labels of shape (\([^)]*\)), expected one label per sample",
        r": 레이블의 모양이 \1 입니다. 샘플마다 레이블이 하나씩 있어야 합니다",
    ),
    (
        r": (\d+) labels for (\d+) samples in (\S+), expected one label per sample",
        r": \3 의 샘플 \2개에 레이블이 \1개입니다. 샘플마다 레이블이 하나씩 있어야 합니다",
    ),
    (
        r": SHA-256 (\S+), expected (\S+) \(corrupt or wrong file\)",
        r": SHA-256 이 \1 입니다. \2 여야 합니다 (손상되었거나 다른 파일)",
    ),
    (
        r": MD5 (\S+), expected (\S+) \(corrupt or wrong file\)",
        r": MD5 가 \1 입니다. \2 여야 합니다 (손상되었거나 다른 파일)",
    ),
    (
        r": no checksum known, refusing to use an unverified file",
        ": 알려진 체크섬이 없어 확인하지 않은 파일은 쓰지 않습니다",
    ),
    (
        r"^cannot download (\S+) \(no network\?\): (.*)\. Put the file in a folder and pass "
        r"--data-dir FOLDER",
        r"\1 을(를) 내려받을 수 없습니다 (네트워크가 없나요?): \2. 파일을 폴더에 두고 --data-dir "
        r"FOLDER 를 주세요",
    ),
    (r"expected whole numbers below 2\*\*63", "2**63 보다 작은 정수여야 합니다"),
    (
        r"expected finite numbers below 2\*\*63 \(a class label\)",
        "2**63 보다 작은 유한한 수여야 합니다 (클래스 레이블)",
    ),
    (r"expected a finite number \(a class label\)", "유한한 수여야 합니다 (클래스 레이블)"),
    (
        rf"^validation fraction {Q}: expected a number in \[0, 1\)",
        r"검증 비율 \1: [0, 1) 범위의 수여야 합니다",
    ),
    (
        r"^validation fraction (\S+) of (\d+) samples leaves (\d+) for validation, expected at "
        r"least one sample on each side",
        r"샘플 \2개의 검증 비율 \1 은(는) 검증에 \3개를 남깁니다. 양쪽에 샘플이 하나 이상 있어야 "
        r"합니다",
    ),
    (
        r"the digits data set needs scikit-learn: (pip install \S+)",
        r"digits 데이터 세트에는 scikit-learn 이 필요합니다: \1",
    ),
    (r"plots need matplotlib: (pip install .*)$", r"그림에는 matplotlib 가 필요합니다: \1"),
    (
        r"ONNX export needs the onnx package: expected it installed \((pip install .*)\)$",
        r"ONNX 내보내기에는 onnx 패키지가 필요합니다: 설치해야 합니다 (\1)",
    ),
    # -- model files ---------------------------------------------------------------------------
    (
        r"the model is not trained yet: nothing to save",
        "모델이 아직 학습되지 않았습니다: 저장할 것이 없습니다",
    ),
    (
        rf"^array (\S+) holds NaN or infinity: the model is not saved to {Q} \(a file that could "
        r"not be loaded again\)",
        r"배열 \1 에 NaN 이나 무한대가 있습니다: 모델을 \2 에 저장하지 않습니다 (다시 읽을 수 없는 "
        r"파일이 됨)",
    ),
    (
        r": no config array, not a chainrule model file",
        ": 설정 배열이 없습니다. chainrule 모델 파일이 아닙니다",
    ),
    (r": its config is not valid JSON \((.*)\)$", r": 설정이 올바른 JSON 이 아닙니다 (\1)"),
    (
        rf": not a chainrule model file \(format {Q} expected\)",
        r": chainrule 모델 파일이 아닙니다 (형식 \1 이어야 함)",
    ),
    (
        r": incomplete or invalid model config \((.*)\)$",
        r": 모델 설정이 불완전하거나 올바르지 않습니다 (\1)",
    ),
    (
        r": array (\S+) missing, expected (\S+) (\[[^\]]*\])",
        r": 배열 \1 이(가) 없습니다. \2 \3 이어야 합니다",
    ),
    (
        r": array (\S+) holds NaN or infinity, expected finite numbers",
        r": 배열 \1 에 NaN 이나 무한대가 있습니다. 유한한 수여야 합니다",
    ),
    (
        r": array (\S+) holds 0, expected nonzero(?: scales)?",
        r": 배열 \1 에 0 이 있습니다. 0 이 아니어야 합니다",
    ),
    (
        r": layer sizes (\S+), expected two or more sizes >= 1",
        r": 층 크기가 \1 입니다. 1 이상의 크기가 둘 이상이어야 합니다",
    ),
    (
        r": layer config (.*) is not one chainrule builds",
        r": 층 설정 \1 은(는) chainrule 이 만드는 층이 아닙니다",
    ),
    (
        r": optimizer iterations (\S+), expected >= 0",
        r": 옵티마이저 반복 횟수가 \1 입니다. 0 이상이어야 합니다",
    ),
    (
        rf": output names {Q}, expected (\d+) names or null",
        r": 출력 이름이 \1 입니다. 이름 \2개이거나 null 이어야 합니다",
    ),
    (
        r": epoch (\S+), expected a whole number >= 0",
        r": 에포크가 \1 입니다. 0 이상의 정수여야 합니다",
    ),
    (rf": task {Q}, expected one of ", r": 작업 \1: 가능한 값: "),
    (
        r": arrays (\[[^\]]*\]) do not match the config's (\[[^\]]*\])",
        r": 배열 \1 이(가) 설정의 \2 와(과) 맞지 않습니다",
    ),
    # -- limits -------------------------------------------------------------------------------
    (
        r" needs ([\d,]+) bytes: expected at most ([\d,]+) \(half of this machine's memory\)",
        r" 에 \1 바이트가 필요합니다. 많아야 \2 바이트여야 합니다 (이 컴퓨터 메모리의 절반)",
    ),
    (
        r"layer sizes (\S+) ask for ([\d,]+) parameters \(([\d,]+) bytes\): expected at most "
        r"([\d,]+) parameters",
        r"층 크기 \1 에는 매개변수 \2개 (\3 바이트) 가 필요합니다. 매개변수는 많아야 "
        r"\4개여야 합니다",
    ),
    (
        r"number (\S+) of (\d+) characters: expected at most (\d+)",
        r"수 \1 이(가) \2 글자입니다. 많아야 \3 글자여야 합니다",
    ),
    (
        r"number (\S+) is out of range: expected a finite number",
        r"수 \1 이(가) 범위를 벗어났습니다. 유한한 수여야 합니다",
    ),
    (
        r"nested (\d+) levels deep: expected at most (\d+)",
        r"\1 단계로 중첩되어 있습니다. 많아야 \2 단계여야 합니다",
    ),
    # -- regression (before the general phrases they contain) -------------------------------
    (
        r"(\S+) is a regression data set: expected --task regression",
        r"\1 은(는) 회귀 데이터 세트입니다: --task regression 이어야 합니다",
    ),
    (
        rf"data set {Q} for regression: expected one of ([^;]*) or --data FILE",
        r"회귀의 데이터 세트 \1: \2 중 하나이거나 --data FILE 이어야 합니다",
    ),
    (
        r"(--\S+) is for classification, not allowed with regression",
        r"\1 은(는) 분류용입니다. 회귀와 함께 쓸 수 없습니다",
    ),
    (r"(--loss \S+) for regression: ", r"회귀의 \1: "),
    (rf"loss {Q} for a regressor: ", r"회귀 모델의 손실 함수 \1: "),
    (
        r"is not a regressor taking (\d+) inputs: resume with the model trained on this data, "
        r"or train to a new --save file",
        r"은(는) 입력 \1개를 받는 회귀 모델이 아닙니다: 이 데이터로 학습한 모델로 이어서 "
        r"학습하거나, 새 --save 파일로 학습하세요",
    ),
    (
        r": a regressor predicts from \.npz or \.csv files",
        ": 회귀 모델은 .npz 나 .csv 파일로 예측합니다",
    ),
    (
        r" has (\d+) columns, expected (\d+) features \(or name the target columns with "
        r"(--label-column)\)",
        r" 의 열이 \1개입니다. 특성이 \2개여야 합니다 (또는 \3 로 목표값 열을 알려 주세요)",
    ),
    (r"unknown regression data set ", "알 수 없는 회귀 데이터 세트 "),
    (
        r"(\S+) has (\d+) features and (\d+) targets, expected sizes like (\S+)",
        r"\1 은(는) 특성 \2개, 목표값 \3개입니다. \4 같은 크기여야 합니다",
    ),
    (
        r"unknown file type, expected (\S+), (\S+) or (\S+)$",
        r"알 수 없는 파일 형식입니다. \1, \2, \3 중 하나여야 합니다",
    ),
    (r"^samples (\S+): ", r"샘플 수 \1: "),
    (r"^noise (\S+): expected a number from 0 to 1", r"잡음 \1: 0 부터 1 까지의 수여야 합니다"),
    (
        r": X_test and y_test come together, expected both",
        ": X_test 와 y_test 는 함께 옵니다. 둘 다 있어야 합니다",
    ),
    (
        r": X_test, y_test have (\d+) and (\d+) columns, expected (\d+) and (\d+) like X and y",
        r": X_test, y_test 의 열이 \1개, \2개입니다. X, y 처럼 \3개, \4개여야 합니다",
    ),
    (r": regression data must be \.npz or \.csv", ": 회귀 데이터는 .npz 나 .csv 여야 합니다"),
    (
        r": every column is a target, expected feature columns too",
        ": 모든 열이 목표값입니다. 특성 열도 있어야 합니다",
    ),
    (
        r"(\w+) is a (\S+) array of shape (\([^)]*\)), expected numbers$",
        r"\1 은(는) 모양이 \3 인 \2 배열입니다. 수여야 합니다",
    ),
    (
        r"(\w+) of shape (\([^)]*\)) and (\w+) of shape (\([^)]*\)), expected samples × "
        r"features and one value \(or one row of values\) per sample",
        r"\1 의 모양이 \2, \3 의 모양이 \4 입니다. 샘플 × 특성 모양과, 샘플마다 값 하나 "
        r"(또는 값 한 행) 여야 합니다",
    ),
    (r"value (\S+) at sample (\d+), column (\d+)", r"샘플 \2, 열 \3 의 값 \1"),
    (r"value (\S+) at sample (\d+), output (\d+)", r"샘플 \2, 출력 \3 의 값 \1"),
    (
        rf"target column {Q}: no such column in {Q}; columns: (.*)$",
        r"목표값 열 \1: \2 에 그런 열이 없습니다. 열: \3",
    ),
    (
        rf"target columns {Q}: expected each column once",
        r"목표값 열 \1: 열마다 한 번씩이어야 합니다",
    ),
    (
        r"layer sizes (\S+) end in (\d+) outputs, expected (\d+) \(one per target\)",
        r"층 크기 \1 의 출력이 \2개입니다. \3개여야 합니다 (목표값마다 하나)",
    ),
    (
        r"targets have (\d+) columns, expected (\d+) \(the model's outputs\)",
        r"목표값의 열이 \1개입니다. \2개여야 합니다 (모델의 출력 수)",
    ),
    (
        r"targets of dtype (\S+): expected numbers \(a regressor predicts values\)",
        r"targets 의 자료형이 \1 입니다. 수여야 합니다 (회귀 모델은 값을 예측합니다)",
    ),
    (
        r"(\d+) samples but (\d+) (validation )?targets: expected one each",
        r"샘플 \1개에 \3targets \2개: 샘플마다 하나씩이어야 합니다",
    ),
    (r"validation targets", "검증 목표값"),
    (r"(?<!, )\btargets\b(?!,)", "목표값"),
    (
        r"the model is not trained yet: call fit first, then export",
        "모델이 아직 학습되지 않았습니다: 먼저 fit 을 부른 다음 내보내세요",
    ),
    (
        r"the model is not trained yet: call fit first",
        "모델이 아직 학습되지 않았습니다: 먼저 fit 을 부르세요",
    ),
    (
        r"a regressor predicts values, not (class probabilities|classes): use predict",
        "회귀 모델은 클래스가 아니라 값을 예측합니다: predict 를 쓰세요",
    ),
    # -- safetensors files ------------------------------------------------------------------
    (
        r"safetensors files need the safetensors package: (pip install \S+)",
        r"safetensors 파일에는 safetensors 패키지가 필요합니다: \1",
    ),
    (
        r"cannot (write|convert) a (\w+): expected a Classifier, Regressor or Network",
        r"\2 은(는) 쓸 수 없습니다: Classifier, Regressor, Network 중 하나여야 합니다",
    ),
    (
        rf"output {Q}: expected a file name ending in \.safetensors",
        r"출력 \1: .safetensors 로 끝나는 파일 이름이어야 합니다",
    ),
    (r": (\d+) bytes, not a safetensors file", r": \1 바이트입니다. safetensors 파일이 아닙니다"),
    (
        r": header of (\d+) bytes in a file of (\d+), expected at most (\d+)",
        r": \2 바이트 파일에 머리글이 \1 바이트입니다. 많아야 \3 바이트여야 합니다",
    ),
    (r": its header is not valid JSON \((.*)\)$", r": 머리글이 올바른 JSON 이 아닙니다 (\1)"),
    (r": its header is not a JSON object", ": 머리글이 JSON 객체가 아닙니다"),
    (
        r": tensor (\S+) is described as (.*), expected F32 or F64 with a shape and data offsets",
        r": 텐서 \1 의 설명이 \2 입니다. 모양과 데이터 오프셋이 있는 F32 나 F64 여야 합니다",
    ),
    (
        r": tensor (\S+) declares (\d+) bytes at (\S+) of the (\d+) bytes the file holds, "
        r"expected its bytes inside the file",
        r": 텐서 \1 이(가) 파일의 \4 바이트 중 \3 에 \2 바이트를 선언합니다. 바이트가 파일 "
        r"안에 있어야 합니다",
    ),
    (
        rf": metadata format {Q}, expected a safetensors file chainrule wrote",
        r": 메타데이터 형식이 \1 입니다. chainrule 이 쓴 safetensors 파일이어야 합니다",
    ),
    (
        r": its chainrule metadata is not JSON \((.*)\)$",
        r": chainrule 메타데이터가 JSON 이 아닙니다 (\1)",
    ),
    (
        r": not a readable safetensors file \((.*)\)$",
        r": 읽을 수 있는 safetensors 파일이 아닙니다 (\1)",
    ),
    (
        r": tensor (\S+) is not the one its metadata names",
        r": 텐서 \1 이(가) 메타데이터가 가리키는 텐서가 아닙니다",
    ),
    (
        r": incomplete or invalid chainrule metadata \((.*)\)$",
        r": chainrule 메타데이터가 불완전하거나 올바르지 않습니다 (\1)",
    ),
    (r": tensor (\S+) missing", r": 텐서 \1 이(가) 없습니다"),
    (rf"^cannot read {Q}: ", r"\1 을(를) 읽을 수 없습니다: "),
    # -- model files and .npz members read within bounds ------------------------------------
    (r": not a chainrule model file", ": chainrule 모델 파일이 아닙니다"),
    (rf"\(format {Q} expected\)", r"(형식 \1 이어야 합니다)"),
    (
        r": member (\S+) holds more than the (\d+) bytes its header announces \(a (\S+) array of "
        r"shape (\([^)]*\))\)",
        r": 멤버 \1 에 머리글이 알리는 \2 바이트보다 많은 데이터가 있습니다 (모양이 \4 인 \3 배열)",
    ),
    (
        r": member (\S+) holds only (\d+) of the (\d+) bytes its header announces \(a (\S+) array "
        r"of shape (\([^)]*\))\)",
        r": 멤버 \1 에 머리글이 알리는 \3 바이트 중 \2 바이트만 있습니다 (모양이 \5 인 \4 배열)",
    ),
    (rf": task {Q}, ", r": 작업 \1, "),
    (
        r": layer sizes (\[[^\]]*\]), expected two or more sizes >= 1",
        r": 층 크기가 \1 입니다. 1 이상인 크기가 둘 이상이어야 합니다",
    ),
    (r": layer configs (.*) for (\d+) layers$", r": 층 \2개에 층 설정이 \1 입니다"),
    (
        r": output names (.*), expected (\d+) names or null",
        r": 출력 이름이 \1 입니다. 이름 \2개이거나 null 이어야 합니다",
    ),
    (r": epoch (\S+), ", r": 에포크 \1, "),
    (
        r": the config's arrays are (\w+), expected an object naming every array",
        r": config 의 arrays 가 \1 입니다. 모든 배열의 이름을 담은 객체여야 합니다",
    ),
    (
        r": the config describes array (\S+) as (.*), expected (\{.*\})$",
        r": config 가 배열 \1 을(를) \2 (으)로 적었습니다. \3 이어야 합니다",
    ),
    (
        r": array (\S+) missing, expected (\w+) (\[[^\]]*\])",
        r": 배열 \1 이(가) 없습니다. \2 \3 이어야 합니다",
    ),
    (
        r" needs (\S+) bytes: expected at most (\S+) \(half of this machine's memory\)",
        r" 에 \1 바이트가 필요합니다. 많아야 \2 바이트여야 합니다 (이 컴퓨터 메모리의 절반)",
    ),
    (r"\((\S+) array of shape (\([^)]*\))\)", r"(모양이 \2 인 \1 배열)"),
    (
        r"layer sizes (\S+) ask for (\S+) parameters \((\S+) bytes\): expected at most (\S+) "
        r"parameters",
        r"층 크기 \1 에는 매개변수 \2개(\3 바이트)가 필요합니다. 많아야 \4개여야 합니다",
    ),
    (
        r" unpacks to (\S+) bytes: expected at most (\S+)",
        r" 을(를) 풀면 \1 바이트입니다. 많아야 \2 바이트여야 합니다",
    ),
    (
        r"\(Object arrays cannot be loaded when allow_pickle=False\)",
        "(object 배열은 불러오지 않습니다: pickle 을 쓰지 않음)",
    ),
    (
        rf"^parameter {Q}: this network has no such w$",
        r"매개변수 \1: 이 신경망에 그런 가중치가 없습니다",
    ),
    (
        rf"^parameter {Q}: this network has no such b$",
        r"매개변수 \1: 이 신경망에 그런 편향이 없습니다",
    ),
    # -- a loss that stopped being a number --------------------------------------------------
    (r"^loss (\S+) at (?:epoch (\d+), )?step (\d+)", r"손실 \1 (에포크 \2, 스텝 \3)"),
    (r" \(에포크 , ", " ("),
    (
        r" with learning rate (\S+): training diverged; expected a finite loss",
        r", 학습률 \1: 학습이 발산했습니다. 손실이 유한해야 합니다",
    ),
    (
        r": training diverged; expected a finite loss",
        ": 학습이 발산했습니다. 손실이 유한해야 합니다",
    ),
    (
        r" -- try a smaller learning rate(?: such as (\S+))? \(--lr\) or scale the inputs "
        r"\(([^)]*)\); model files saved at earlier epochs are unchanged",
        r" -- 더 작은 학습률(예: \1, --lr)을 쓰거나 입력의 크기를 맞추세요 (\2). 앞선 에포크에 "
        r"저장한 모델 파일은 그대로입니다",
    ),
    (r"\(예: , --lr\)", "(--lr)"),
    (r"to numbers of about -1 to 1", "-1 에서 1 정도의 수로"),
    # -- numbers and sizes ------------------------------------------------------------------
    (
        r"(\S+) is not a whole number: expected a whole number >= (-?\d+)",
        r"\1 은(는) 정수가 아닙니다: \2 이상의 정수여야 합니다",
    ),
    (r"expected a whole number >= (-?\d+)", r"\1 이상의 정수여야 합니다"),
    (r"expected a whole number from (\d+) to (\d+)", r"\1 부터 \2 까지의 정수여야 합니다"),
    (r"(\S+) is not a number: ", r"\1 은(는) 수가 아닙니다: "),
    (r"expected a finite number > 0", "0보다 큰 유한한 수여야 합니다"),
    (r"expected a finite number >= 0", "0 이상의 유한한 수여야 합니다"),
    (r"expected a number > 0", "0보다 큰 수여야 합니다"),
    (r"expected a number >= 0", "0 이상의 수여야 합니다"),
    (r"expected (?:a number )?0 <= value < 1", "0 <= 값 < 1 인 수여야 합니다"),
    (r"expected sizes separated by commas, like (\S+)", r"\1 처럼 쉼표로 구분한 크기여야 합니다"),
    (
        r"expected at least two positive sizes, like (\S+)",
        r"\1 처럼 양의 크기가 둘 이상이어야 합니다",
    ),
    (
        r"(\S+) has (\d+) features and (\d+) classes, expected sizes like (\S+)",
        r"\1 은(는) 특성 \2개, 클래스 \3개입니다. \4 같은 크기여야 합니다",
    ),
    (r"(\d+) classes", r"클래스 \1개"),
    (
        r"inputs have (\d+) features, expected (\d+) \(the model's input layer\)",
        r"입력의 특성이 \1개입니다. \2개여야 합니다 (모델의 입력층)",
    ),
    (r"(\d+) features", r"특성 \1개"),
    # -- names ------------------------------------------------------------------------------
    (r"unknown activation ", "알 수 없는 활성화 함수 "),
    (r"unknown loss ", "알 수 없는 손실 함수 "),
    (r"unknown bias mode ", "알 수 없는 편향 방식 "),
    (r"unknown (?:toy )?data set ", "알 수 없는 데이터 세트 "),
    (r"unknown example ", "알 수 없는 예제 "),
    (r"unknown language ", "알 수 없는 언어 "),
    (r"unknown optimizer ", "알 수 없는 옵티마이저 "),
    (r"unknown scaling ", "알 수 없는 스케일링 "),
    (r"unknown schedule ", "알 수 없는 스케줄 "),
    (r"unknown file type, expected (.*)$", r"알 수 없는 파일 형식입니다. \1 이어야 합니다"),
    (r", or a \.npz / \.csv file", ", 또는 .npz / .csv 파일"),
    (r"expected one of ([^;]*)", r"가능한 값: \1"),
    (rf"label {Q}: ", r"레이블 \1: "),
    # -- specs ------------------------------------------------------------------------------
    (r"is not valid JSON: ", "올바른 JSON 이 아닙니다: "),
    (
        r"Expecting property name enclosed in double quotes",
        "큰따옴표로 감싼 속성 이름이 와야 합니다",
    ),
    (r"Expecting value", "값이 와야 합니다"),
    (r"at line (\d+) column (\d+)", r"(\1행 \2열)"),
    (rf"missing field {Q}", r"\1 항목이 없습니다"),
    (r"(\S+) has (\d+) rows, expected (\S+)", r"\1 의 행이 \2개입니다. \3 이어야 합니다"),
    (
        r"layers is empty, expected at least one layer",
        "layers 가 비어 있습니다. 층이 하나 이상 있어야 합니다",
    ),
    (r"(NaN|Infinity|-Infinity) is not allowed", r"\1 은(는) 쓸 수 없습니다"),
    (
        r"expected finite numbers \(no NaN or infinity\)",
        "유한한 수여야 합니다 (NaN 이나 무한대는 안 됨)",
    ),
    (r"expected finite numbers", "유한한 수여야 합니다"),
    # -- data -------------------------------------------------------------------------------
    (r" line (\d+), column ('[^']*'): ", r" \1행, 열 \2: "),
    (r"empty cell, expected a number", "빈 칸입니다. 수여야 합니다"),
    (
        rf"{Q} is not a number, expected numbers in every feature column",
        r"\1 은(는) 수가 아닙니다. 특성 열에는 모두 수가 있어야 합니다",
    ),
    (
        rf"; column {Q} holds words: if it is the labels, give (--label-column \S+)",
        r"; 열 \1 에는 단어가 있습니다: 레이블 열이라면 \2 를 주세요",
    ),
    (r" line (\d+): (\d+) values, expected (\d+)", r" \1행: 값이 \2개입니다. \3개여야 합니다"),
    (r"no such model file", "모델 파일이 없습니다"),
    (r"no such file", "파일이 없습니다"),
    (r"not a folder", "폴더가 아닙니다"),
    (
        r" has arrays (\[[^\]]*\]), expected X and y",
        r" 의 배열은 \1 입니다. X 와 y 가 있어야 합니다",
    ),
    (r"value (\S+) at sample (\d+), feature (\d+)", r"샘플 \2, 특성 \3 의 값 \1"),
    (
        r"(\w+) has shape (\([^)]*\)), expected one label per row of X",
        r"\1 의 모양이 \2 입니다. X 의 행마다 레이블이 하나씩 있어야 합니다",
    ),
    (
        r"(\w+) is a (\w+) array of shape (\([^)]*\)), expected numbers, samples × features",
        r"\1 은(는) 모양이 \3 인 \2 배열입니다. 샘플 × 특성 모양의 수여야 합니다",
    ),
    (
        r"(\d+) rows, expected a header row and samples",
        r"\1 행뿐입니다. 머리글 행과 샘플이 있어야 합니다",
    ),
    (
        r"holds object arrays, which are not accepted \(no pickle\)",
        "에 object 배열이 있습니다. 받지 않습니다 (pickle 을 쓰지 않음)",
    ),
    # -- files ------------------------------------------------------------------------------
    (
        r"(\d+) bytes, expected (\d+) for a (\S+) array of (\w+)",
        r"\1 바이트입니다. \4 의 \3 배열이면 \2 바이트여야 합니다",
    ),
    (
        r"magic number (\S+), expected an IDX file \(([^)]*)\)",
        r"매직 넘버가 \1 입니다. IDX 파일이어야 합니다 (\2)",
    ),
    (r"\((0x\S+) to (0x\S+)\)", r"(\1 ~ \2)"),
    (r"not a valid gzip file", "올바른 gzip 파일이 아닙니다"),
    (
        r"Compressed file ended before the end-of-stream marker was reached",
        "압축 파일이 중간에 끝났습니다",
    ),
    (r"not a readable \.npz file", "읽을 수 있는 .npz 파일이 아닙니다"),
    (r"\(no zip archive\)", "(zip 아카이브가 아님)"),
    (r"\(File is not a zip file\)", "(zip 파일이 아님)"),
    (
        r"model format version (\d+), expected (\d+) or older \(a newer chainrule wrote it\)",
        r"모델 형식 버전이 \1 입니다. \2 이하여야 합니다 (더 새로운 chainrule 이 쓴 파일)",
    ),
    (
        r"array (\S+) is (\w+) (\[[^\]]*\]), expected (\w+) (\[[^\]]*\])",
        r"배열 \1 이(가) \2 \3 입니다. \4 \5 이어야 합니다",
    ),
]

MESSAGES_KO: list[tuple[re.Pattern[str], str]] = [(re.compile(p), k) for p, k in _PAIRS]
