"""The Korean forms of chainrule's error messages: a catalogue of phrases.

Messages are raised in English everywhere (``ChainruleError``); the command line prints
them through :func:`chainrule.cli.i18n.translate_message`, which replaces each phrase below
in turn. The values a message names (quoted names, numbers, paths) pass through unchanged.
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
    # -- resume, locks, outputs that are inputs ---------------------------------------------
    (
        r"(--resume \S+): (.*) differ from the saved run and cannot change on resume"
        r"( \(and .* differ too\))?: expected the same settings, or train to a new --save file",
        r"\1: \2 이(가) 저장한 학습과 다르고, 이어서 학습할 때는 바꿀 수 없습니다\3: 같은 설정을 "
        r"주거나 새 --save 파일로 학습하세요",
    ),
    (
        r"(--resume \S+): (.*) differ from the saved run: expected the same settings, or "
        r"--override to continue with the new ones",
        r"\1: \2 이(가) 저장한 학습과 다릅니다: 같은 설정을 주거나, 새 설정으로 이어서 "
        r"학습하려면 --override 를 주세요",
    ),
    (r"\(saved none\)", "(저장된 값 없음)"),
    (r"\(saved ([^)]*)\)", r"(저장된 값 \1)"),
    (r"\bDATASET (\S+) \(", r"데이터 세트 \1 ("),
    (r" \(and (.*) differ too\)", r" (\1 도 다릅니다)"),
    (
        r"is a regressor: resume it with --task regression, or train to a new --save file",
        "은(는) 회귀 모델입니다: --task regression 으로 이어서 학습하거나 새 --save 파일로 "
        "학습하세요",
    ),
    (
        r"is not a regressor: resume with the model trained on this data, or train to a new "
        r"--save file",
        "은(는) 회귀 모델이 아닙니다: 이 데이터로 학습한 모델로 이어서 학습하거나 새 --save "
        "파일로 학습하세요",
    ),
    (
        r"--override is for --resume: expected --resume --save PATH",
        "--override 는 --resume 과 함께 씁니다: --resume --save PATH 가 필요합니다",
    ),
    (
        rf"{Q} is in use by process (\S+) \(lock file {Q}\): expected one run at a time on a "
        r"checkpoint; wait for it, or remove the lock file if that process is not running",
        r"\1 은(는) 프로세스 \2 이(가) 쓰고 있습니다 (잠금 파일 \3): 체크포인트 하나에는 한 "
        r"번에 한 실행만 쓸 수 있습니다. 끝나기를 기다리거나, 그 프로세스가 없으면 잠금 파일을 "
        r"지우세요",
    ),
    (
        rf"(\S+) {Q} is the input (\S+) {Q}: expected an output that is not one of the "
        r"command's inputs \(it would be overwritten\)",
        r"\1 \2 은(는) 입력 \3 \4 입니다: 명령의 입력이 아닌 출력 파일이어야 합니다 "
        r"(덮어쓰게 됩니다)",
    ),
    (
        rf"(\S+) {Q} and (\S+) {Q} are one file: expected a different file for each output",
        r"\1 \2 와(과) \3 \4 는 같은 파일입니다: 출력마다 다른 파일이어야 합니다",
    ),
    (
        r"--save '-': expected a file name \(the model is saved after every epoch and read "
        r"again by --resume; standard output cannot be\)",
        "--save '-': 파일 이름이 필요합니다 (모델은 에포크마다 저장되고 --resume 이 다시 "
        "읽으므로 표준 출력은 쓸 수 없습니다)",
    ),
    # -- the studio ----------------------------------------------------------------------
    (
        rf"--host {Q}: expected an address, 127\.0\.0\.1 \(this machine only\) or 0\.0\.0\.0 "
        r"\(every address\)",
        r"--host \1: 주소가 필요합니다. 127.0.0.1 (이 컴퓨터만) 이나 0.0.0.0 (모든 주소)",
    ),
    (
        r"--port (\S+): expected a number from 1 to 65535",
        r"--port \1: 1 부터 65535 까지의 수여야 합니다",
    ),
    (
        r"port (\d+) on (\S+) is in use: expected a free port \(--port N\)",
        r"\2 의 포트 \1 은(는) 사용 중입니다: 비어 있는 포트가 필요합니다 (--port N)",
    ),
    (r"cannot serve on (\S+): ", r"\1 에서 서비스할 수 없습니다: "),
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
    (r"\btargets\b", "목표값"),
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
