"""The Korean form of every help text of the ``chainrule`` command, keyed by the English one.

:func:`chainrule.cli.i18n.translate_parser` looks each description, help and epilog up here;
text without a Korean form stays English (tests/test_cli_korean.py lists any that is missing).
Words follow docs/glossary.md.
"""

from __future__ import annotations

from chainrule.cli.evaluate import NAMES as EVALUATE_NAMES
from chainrule.cli.train import NAMES
from chainrule.cli.train_help import RECIPES_EPILOG, recipes_epilog
from chainrule.io.onnx import OPSET
from chainrule.teach.examples import GRAPHS, SPECS

_examples = ", ".join(SPECS)

HELP_KO: dict[str, str] = {
    # chainrule
    "Train neural networks by backpropagation and see every step of the chain rule.": (
        "오차역전파로 신경망을 학습하고 연쇄 법칙의 모든 단계를 보여 줍니다."
    ),
    "show this help message and exit": "이 도움말을 보여 주고 끝냅니다",
    "show program's version number and exit": "프로그램의 버전을 보여 주고 끝냅니다",
    "show one training step: forward, error, chain rule, deltas, updates": (
        "학습 한 단계를 보여 줍니다: 순전파, 오차, 연쇄 법칙, 델타, 갱신"
    ),
    "train a network (a data set, a data file or a spec file)": (
        "신경망을 학습합니다 (데이터 세트, 데이터 파일 또는 명세 파일)"
    ),
    "a computational graph with values and gradients (json, dot, svg, png)": (
        "값과 기울기가 적힌 계산 그래프 (json, dot, svg, png)"
    ),
    "loss, accuracy and confusion matrix of a saved model": (
        "저장한 모델의 손실, 정확도, 혼동 행렬"
    ),
    "predict classes with a saved model": "저장한 모델로 클래스를 예측합니다",
    "write a model or a network spec as ONNX": "모델이나 신경망 명세를 ONNX 로 씁니다",
    # explain
    "One gradient-descent step on a network spec or a built-in example, written out the way "
    "Mazur's example does it: every net, out, error, chain-rule product, delta and updated "
    "weight, with its numbers.": (
        "신경망 명세나 내장 예제로 경사 하강법 한 단계를 Mazur 예제처럼 풀어 씁니다: 모든 net, "
        "out, 오차, 연쇄 법칙의 곱, 델타, 갱신한 가중치를 숫자와 함께."
    ),
    f"a built-in example: {_examples} (default mazur)": (f"내장 예제: {_examples} (기본값 mazur)"),
    "a network spec (JSON)": "신경망 명세 (JSON)",
    "list the built-in examples": "내장 예제의 목록을 보여 줍니다",
    "text (default; colour on a terminal), markdown (LaTeX math), html (one self-contained "
    "page) or json (the numbers)": (
        "text (기본값; 터미널에서는 색), markdown (LaTeX 수식), html (한 파일로 된 페이지) "
        "또는 json (숫자)"
    ),
    "language of the explanation and messages (default from the locale: ko_* gives Korean)": (
        "설명과 메시지의 언어 (기본값은 로캘: ko_* 이면 한국어)"
    ),
    "decimal places shown (default 9, as the tutorials print them)": (
        "보여 줄 소수점 아래 자릿수 (기본값 9, 튜토리얼처럼)"
    ),
    "add a table of E_total after each of N steps": "N 단계마다 E_total 표를 덧붙입니다",
    "write to FILE (atomically) instead of standard output": (
        "표준 출력 대신 FILE 에 씁니다 (원자적으로)"
    ),
    # train
    "Train a multi-layer perceptron by gradient descent. DATASET xor, and or or (xor when "
    "none is given) trains the four rows of the truth table (the XOR blog post's network and "
    "error, plain gradient descent); --spec FILE trains a spec's network and samples; every "
    "other DATASET and --data FILE train a classifier in mini-batches with the data set's own "
    "defaults (below).": (
        "다층 퍼셉트론을 경사 하강법으로 학습합니다. DATASET 이 xor, and, or 이면 (주지 않으면 "
        "xor) 진리표의 네 행으로 학습합니다 (XOR 블로그 글의 신경망과 오차, 기본 경사 하강법). "
        "--spec FILE 은 명세의 신경망과 샘플로 학습합니다. 그 밖의 DATASET 과 --data FILE 은 "
        "데이터 세트마다 정해진 기본값(아래)으로 분류기를 미니배치로 학습합니다."
    ),
    RECIPES_EPILOG: recipes_epilog("ko"),
    f"one of {', '.join(NAMES)} (default xor)": f"{', '.join(NAMES)} 중 하나 (기본값 xor)",
    "train the network and samples of a spec file": "명세 파일의 신경망과 샘플로 학습합니다",
    "sizes from input to output (default per data set, below; 2,1 is the single-layer "
    "perceptron)": (
        "입력부터 출력까지 층의 크기 (기본값은 데이터 세트마다, 아래; 2,1 은 단층 퍼셉트론)"
    ),
    "hidden-layer activation: %(records)s (default per data set, below)": (
        "은닉층의 활성화 함수: %(records)s (기본값은 데이터 세트마다, 아래)"
    ),
    "learning rate η (default per data set, below; a spec's own)": (
        "학습률 η (기본값은 데이터 세트마다, 아래; 명세는 명세의 값)"
    ),
    "passes over the training samples (default per data set, below)": (
        "학습 샘플 전체를 도는 횟수, 즉 에포크 수 (기본값은 데이터 세트마다, 아래)"
    ),
    "samples per step: 1 is online training (default per data set, below)": (
        "한 단계의 샘플 수: 1 은 온라인 학습 (기본값은 데이터 세트마다, 아래)"
    ),
    "random seed (default 0; with --resume the saved run's)": (
        "난수 시드 (기본값 0; --resume 에서는 저장한 학습의 시드)"
    ),
    "print the result as one JSON object": "결과를 JSON 객체 하나로 출력합니다",
    "print nothing but errors (and --json's result)": (
        "오류 말고는 아무것도 출력하지 않습니다 (--json 의 결과는 출력)"
    ),
    "train on a .npz (X, y, optional X_test, y_test) or CSV file, or a folder of "
    "X.npy and y.npy (optional X_test.npy, y_test.npy) read from disk a block at a time": (
        ".npz (X, y, 있으면 X_test, y_test) 나 CSV 파일, 또는 X.npy 와 y.npy (있으면 "
        "X_test.npy, y_test.npy) 가 든 폴더로 학습합니다 (폴더는 디스크에서 블록 단위로 읽음)"
    ),
    "folder with the IDX files of mnist / fashion-mnist (.gz or not)": (
        "mnist / fashion-mnist 의 IDX 파일이 있는 폴더 (.gz 이든 아니든)"
    ),
    "the CSV column with the labels (default the last)": "레이블이 든 CSV 열 (기본값 마지막 열)",
    "points in a toy data set (default 400)": "장난감 데이터 세트의 점 개수 (기본값 400)",
    "noise of a toy data set (default 0.1)": "장난감 데이터 세트의 잡음 (기본값 0.1)",
    "classes of spirals and gaussians (default 3)": "spirals 와 gaussians 의 클래스 수 (기본값 3)",
    "loss (default cross_entropy on a softmax output)": (
        "손실 함수 (기본값 소프트맥스 출력에 cross_entropy)"
    ),
    "sgd, momentum, nesterov or adam (default adam)": "sgd, momentum, nesterov, adam (기본값 adam)",
    "momentum of momentum / nesterov (default 0.9)": "momentum / nesterov 의 모멘텀 (기본값 0.9)",
    "L2 weight decay λ (default 0)": "L2 가중치 감쇠 λ (기본값 0)",
    "learning-rate schedule by epoch (default: the data set's, see below)": (
        "에포크에 따른 학습률 스케줄 (기본값: 데이터 세트마다 정해진 값, 아래 표)"
    ),
    "weight initialisation (default auto: He for relu, Xavier otherwise)": (
        "가중치 초기화 (기본값 auto: relu 는 He, 그 밖에는 Xavier)"
    ),
    "input scaling: unit (pixels to [0, 1]) or standardize (each feature to mean 0, std 1; "
    "the default for images and files; none for the toy sets)": (
        "입력 스케일링: unit (픽셀을 [0, 1] 로) 또는 standardize (특성마다 평균 0, 표준편차 1; "
        "이미지와 파일의 기본값; 장난감 데이터 세트는 none)"
    ),
    "floating-point type (default float32)": "부동소수점 형식 (기본값 float32)",
    "share of the training samples held out for validation (default 0)": (
        "검증용으로 떼어 둘 학습 샘플의 비율 (기본값 0)"
    ),
    "early stopping: epochs without a better validation loss (needs --validation); the best "
    "weights are restored": (
        "조기 종료: 검증 손실이 나아지지 않고 지나도 되는 에포크 수 (--validation 필요); 가장 "
        "좋았던 가중치를 되돌립니다"
    ),
    "save the model (.npz) after every epoch": "에포크마다 모델 (.npz) 을 저장합니다",
    "continue from --save PATH to --epochs in all (fresh if it does not exist)": (
        "--save PATH 에서 이어서 모두 --epochs 까지 학습합니다 (파일이 없으면 새로 시작)"
    ),
    "write PNG plots: history, confusion matrix, decision boundary (2-D)": (
        "PNG 그림을 씁니다: 학습 기록, 혼동 행렬, 결정 경계 (2차원)"
    ),
    "language of the messages and output (default from the locale: ko_* gives Korean)": (
        "메시지와 출력의 언어 (기본값은 로캘: ko_* 이면 한국어)"
    ),
    # graph
    "Build a graph, run forward and backward, and print it as data (json) or draw it (dot; "
    "svg and png through Graphviz's dot program): forward values above the lines, gradients "
    "below.": (
        "그래프를 만들고 순전파와 역전파를 한 뒤 데이터 (json) 로 출력하거나 그림 (dot; svg 와 "
        "png 는 Graphviz 의 dot 프로그램으로) 으로 그립니다: 선 위에 순전파 값, 선 아래에 기울기."
    ),
    f"one of {', '.join(GRAPHS + tuple(SPECS))} (default apple)": (
        f"{', '.join(GRAPHS + tuple(SPECS))} 중 하나 (기본값 apple)"
    ),
    "a network spec (JSON) to draw": "그릴 신경망 명세 (JSON)",
    "a network per scalar (each weight a node; small networks), per layer (matrices; any "
    "size) or as neurons (circles in layers, as in Mazur's figures); default scalar up to 200 "
    "weights": (
        "신경망을 스칼라마다 (가중치마다 노드 하나; 작은 신경망), 층마다 (행렬; 크기 제한 없음) "
        "또는 뉴런으로 (Mazur 의 그림처럼 층마다 원) 그립니다; 기본값은 가중치 200개까지 스칼라"
    ),
    "draw the network on sample N (from 1; default: the first sample per scalar, all samples "
    "per layer)": (
        "샘플 N 으로 신경망을 그립니다 (1부터; 기본값: 스칼라는 첫 샘플, 층은 모든 샘플)"
    ),
    "output format (default json)": "출력 형식 (기본값 json)",
    "language of the words the picture adds, and of messages (default from the locale: ko_* "
    "gives Korean)": "그림에 더하는 말과 메시지의 언어 (기본값은 로캘: ko_* 이면 한국어)",
    # evaluate
    "Evaluate a model file on a data set (its test split when it has one) or on a .npz or "
    "CSV file.": (
        "모델 파일을 데이터 세트 (테스트 분할이 있으면 그것) 나 .npz, CSV 파일로 평가합니다."
    ),
    "a model file written by train --save": "train --save 로 쓴 모델 파일",
    f"{', '.join(EVALUATE_NAMES)}, or a .npz / .csv file": (
        f"{', '.join(EVALUATE_NAMES)}, 또는 .npz / .csv 파일"
    ),
    "seed of a toy data set (default 0)": "장난감 데이터 세트의 시드 (기본값 0)",
    # predict
    "Predict the class of every sample of a .npz or CSV file, or of a PNG image, with a model "
    "file.": "모델 파일로 .npz, CSV 파일의 모든 샘플이나 PNG 이미지의 클래스를 예측합니다.",
    "a .npz, .csv or .png file": ".npz, .csv 또는 .png 파일",
    "a CSV label column to leave out (default: the last, if one too many)": (
        "빼고 읽을 CSV 레이블 열 (기본값: 열이 하나 많으면 마지막 열)"
    ),
    "PNG: dark drawing on a light background": "PNG: 밝은 바탕에 어두운 그림",
    "probabilities shown (default 3)": "보여 줄 확률의 개수 (기본값 3)",
    # export
    "Write a trained model (a file from train --save) or a network spec as an ONNX file, for "
    "onnxruntime, Netron and the other tools that read ONNX. Needs the onnx package (pip "
    'install "chainrule[onnx]").': (
        "학습한 모델 (train --save 로 쓴 파일) 이나 신경망 명세를 onnxruntime, Netron 처럼 "
        "ONNX 를 읽는 도구를 위해 ONNX 파일로 씁니다. onnx 패키지가 필요합니다 (pip install "
        '"chainrule[onnx]").'
    ),
    "a model file (.npz) or a network spec (.json)": "모델 파일 (.npz) 이나 신경망 명세 (.json)",
    "the ONNX file to write (.onnx)": "쓸 ONNX 파일 (.onnx)",
    f"export a built-in example instead: {_examples}": f"대신 내장 예제를 내보냅니다: {_examples}",
    f"ONNX opset (default {OPSET})": f"ONNX opset (기본값 {OPSET})",
    "print what was written as JSON": "쓴 내용을 JSON 으로 출력합니다",
    "the ONNX file to write (.onnx; - is standard output)": (
        "쓸 ONNX 파일 (.onnx; - 는 표준 출력)"
    ),
    "write to FILE (atomically) instead of standard output (- is standard output)": (
        "표준 출력 대신 FILE 에 씁니다 (원자적으로; - 는 표준 출력)"
    ),
    "with --resume: continue with this command's training settings (learning rate, batch "
    "size, optimizer, schedule, seed, validation, patience, data) where they differ from the "
    "saved run's": (
        "--resume 과 함께: 저장한 학습과 다른 학습 설정 (학습률, 배치 크기, 옵티마이저, "
        "스케줄, 시드, 검증 비율, 조기 종료의 --patience, 데이터) 은 이 명령의 것으로 이어서 "
        "학습합니다"
    ),
    # exercise, check
    "a backpropagation problem to compute by hand, with its key": (
        "손으로 계산하는 오차역전파 문제와 그 답"
    ),
    "check answers to an exercise: which number is the first wrong one, and why": (
        "연습 문제의 답을 확인합니다: 처음 틀린 숫자가 무엇이고 왜 틀렸는지"
    ),
    "A problem sheet: a network with its weights, biases, inputs and targets, and the "
    "quantities of one training step to compute by hand. Random problems (--seed) have "
    "numbers with two decimals and no dead or saturated neuron.": (
        "문제지: 가중치, 편향, 입력, 목표값이 주어진 신경망과, 손으로 계산할 학습 한 단계의 "
        "값들. 무작위 문제(--seed)의 숫자는 소수점 아래 두 자리이고 죽거나 포화된 뉴런이 "
        "없습니다."
    ),
    f"a built-in example: {_examples}": f"내장 예제: {_examples}",
    "a network spec or problem file (JSON)": "신경망 명세나 문제 파일 (JSON)",
    "a random problem (the same N, the same sheet)": "무작위 문제 (같은 N 이면 같은 문제지)",
    "random: sizes, input first (default 2,2,2)": "무작위: 입력부터 층의 크기 (기본값 2,2,2)",
    "random: the activation function (default sigmoid)": ("무작위: 활성화 함수 (기본값 sigmoid)"),
    "random: the loss (default half_sse)": "무작위: 손실 함수 (기본값 half_sse)",
    "en or ko (default: from the locale)": "en 또는 ko (기본값: 로캘)",
    "text (default), markdown, html or json": "text (기본값), markdown, html 또는 json",
    "add the key and the worked solution": "답과 풀이를 덧붙입니다",
    "print the answer file to fill in (JSON)": "채워 넣을 답안 파일 (JSON) 을 출력합니다",
    "write K random sheets (seeds N, N+1, …) with keys and problem files to --output-dir": (
        "무작위 문제지 K 장 (시드 N, N+1, …) 을 답과 문제 파일과 함께 --output-dir 에 씁니다"
    ),
    "the folder for --count": "--count 의 폴더",
    "write to FILE instead of standard output": "표준 출력 대신 FILE 에 씁니다",
    "Recompute the step with the engine and compare it with ANSWERS.json (a JSON object of "
    "answer names and numbers, as chainrule exercise --template writes it). A number is right "
    "to the digits written. For each wrong one: what it is computed from, and the known "
    "mistake that gives it. Exit status 0 when every answer is right, 1 when some are wrong, "
    "2 on bad input.": (
        "엔진으로 단계를 다시 계산해 ANSWERS.json (chainrule exercise --template 이 쓰는 것처럼 "
        "답의 이름과 숫자로 된 JSON 객체) 과 비교합니다. 숫자는 적은 자릿수까지 맞으면 "
        "맞습니다. 틀린 답마다 무엇으로 계산하는지와 그 값을 내는 흔한 실수를 알려 줍니다. "
        "모든 답이 맞으면 종료 상태 0, 틀린 답이 있으면 1, 잘못된 입력이면 2."
    ),
    "a problem or network spec file (JSON)": "문제 파일이나 신경망 명세 파일 (JSON)",
    'the answers: {"net_h1": 0.3775, …}': '답: {"net_h1": 0.3775, …}',
    "print the result as JSON": "결과를 JSON 으로 출력합니다",
    # studio
    "a playground page: a network trains live, every weight shows its chain rule": (
        "놀이터 페이지: 신경망이 실시간으로 학습하고, 가중치마다 연쇄 법칙을 보여 줍니다"
    ),
    "Serve chainrule studio on this machine and open it in the browser: a network trains live "
    "on toy data or a textbook example, and clicking any weight shows its chain-rule derivation "
    "with the current numbers. Ctrl-C stops it.": (
        "이 컴퓨터에서 chainrule studio 를 띄우고 브라우저로 엽니다: 신경망이 장난감 데이터나 "
        "교재 예제로 실시간으로 학습하고, 가중치를 누르면 지금의 숫자로 연쇄 법칙 유도를 "
        "보여 줍니다. Ctrl-C 로 멈춥니다."
    ),
    "start with this data set or textbook example (circle, xor, gaussians, spiral, plane, "
    "multigauss, mazur, …)": (
        "이 데이터 세트나 교재 예제로 시작합니다 (circle, xor, gaussians, spiral, plane, "
        "multigauss, mazur, …)"
    ),
    "start with this 2-input network spec (.json)": (
        "입력이 둘인 이 신경망 명세 (.json) 로 시작합니다"
    ),
    "explore this 2-input model file (from train --save) on a toy data set: circles for 2 "
    "classes, else spirals, plane for a regressor, or the one --example names": (
        "입력이 둘인 이 모델 파일 (train --save 로 만든 것) 을 장난감 데이터 세트 위에서 "
        "살펴봅니다: 클래스가 2개면 circles, 아니면 spirals, 회귀 모델이면 plane, 또는 "
        "--example 이 정한 세트"
    ),
    "port (default 8765)": "포트 (기본값 8765)",
    "address to bind (default 127.0.0.1)": "바인드할 주소 (기본값 127.0.0.1)",
    "the page's language (default: the locale)": "페이지의 언어 (기본값: 로캘)",
    "print the URL, open no browser": "URL 만 출력하고 브라우저는 열지 않습니다",
    "classification (the default) or regression: numeric targets, identity outputs, mean "
    "squared error (plane, multi-gaussian are regression sets)": (
        "분류 (기본값) 또는 회귀: 수치 목표값, 항등 출력, 평균 제곱 오차 "
        "(plane, multi-gaussian 은 회귀 데이터 세트)"
    ),
    "the file to write (.onnx or .safetensors; - is standard output)": (
        "쓸 파일 (.onnx 또는 .safetensors; - 는 표준 출력)"
    ),
    "onnx (a graph for onnxruntime, Netron) or safetensors (the weights, with the "
    "architecture and scaling as metadata, for PyTorch); default from OUTPUT's ending": (
        "onnx (onnxruntime, Netron 용 그래프) 또는 safetensors (가중치와, 메타데이터로 담은 "
        "구조와 스케일링; PyTorch 용); 기본값은 OUTPUT 의 확장자로 정합니다"
    ),
}

# argparse's own words
ARGPARSE_KO = {
    "usage: ": "사용법: ",
    "positional arguments": "위치 인자",
    "options": "옵션",
    "optional arguments": "옵션",
}
