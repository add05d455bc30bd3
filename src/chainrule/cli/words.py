"""What the commands print (summaries, progress, tables), in English and Korean.

``say(lang, key, **fields)`` fills one line; Korean follows docs/glossary.md (샘플, 에포크,
학습률, 손실, 정확도, 층). Numbers are formatted by the caller and passed in as text.
"""

from __future__ import annotations

EN: dict[str, str] = {
    "summary": "{name}: {recipe}; {samples}{tests} in {seconds} s",
    "recipe": "layers {layers}, activation {activation}, optimizer {optimizer}, learning rate "
    "{lr}, batch size {batch}, {epochs}",
    "scheduled": "{recipe}, learning-rate schedule {schedule}",
    "truth_table": "{name} (truth table, {rows}): {recipe} in {seconds} s",
    "spec_summary": "{name} (spec): {recipe} in {seconds} s",
    "full_batch": "{n} (full batch)",
    "gradient_descent": "gradient descent",
    "train_scores": "  train loss {loss}  accuracy {accuracy}",
    "validation_scores": "  validation accuracy {accuracy}",
    "test_scores": "  test loss {loss}  accuracy {accuracy}",
    "early_stop": "  early stopping: stopped after epoch {stopped} (no better validation loss "
    "for {patience}); restored the weights of epoch {best}",
    "saved": "  saved {path}",
    "plot": "  plot {path}",
    "epoch_line": "  epoch {epoch:>6}  E_total {loss}",
    "io_header": "  input -> out (target)",
    "accuracy_line": "  accuracy {accuracy}",
    "evaluated": "{name} ({split}, {samples}): loss {loss}  accuracy {accuracy}",
    "split_test": "test",
    "split_all": "all",
    "confusion": "confusion matrix (rows: true class, columns: predicted class)",
    "exported_example": "example {name}",
    "exported_spec": "spec {name}",
    "exported_model": "model {name}",
    "exported": "{kind}: wrote {path} ({size} bytes",
    "progress_epoch": "Epoch",
    "progress_loss": "loss",
    "progress_accuracy": "accuracy",
    "r2_train_scores": "  train loss {loss}  R² {r2}",
    "r2_validation_scores": "  validation R² {r2}",
    "r2_test_scores": "  test loss {loss}  R² {r2}",
    "r2_evaluated": "{name} ({split}, {samples}): loss {loss}  R² {r2}  MAE {mae}  RMSE {rmse}",
    "interrupted": "chainrule: interrupted",
    "terminated": "chainrule: terminated",
    "stopped_in_epoch": "interrupted in epoch {epoch} after step {step} of {steps}",
    "stopped_saved": "{path} holds {epochs}; run the same command with --resume to continue",
    "stopped_unsaved": "{epochs}, not saved (give --save PATH to keep them)",
    "internal_error": "chainrule: internal error: {kind}: {message} -- rerun with --debug for "
    "the traceback and report it",
    "out_of_memory": "out of memory",
    "sheets_written": "{count} in {folder}",
    "studio_serving": "chainrule studio: {url}\n(Ctrl-C stops it)",
    "studio_stopped": "chainrule studio: stopped",
}

KO: dict[str, str] = {
    "summary": "{name}: {recipe}; {samples}{tests}, {seconds}초",
    "recipe": "층 {layers}, 활성화 함수 {activation}, 옵티마이저 {optimizer}, 학습률 {lr}, "
    "배치 크기 {batch}, {epochs}",
    "scheduled": "{recipe}, 학습률 스케줄 {schedule}",
    "truth_table": "{name} (진리표, {rows}): {recipe}, {seconds}초",
    "spec_summary": "{name} (명세): {recipe}, {seconds}초",
    "full_batch": "{n} (전체 배치)",
    "gradient_descent": "경사 하강법",
    "train_scores": "  학습 손실 {loss}  정확도 {accuracy}",
    "validation_scores": "  검증 정확도 {accuracy}",
    "test_scores": "  테스트 손실 {loss}  정확도 {accuracy}",
    "early_stop": "  조기 종료: 에포크 {stopped} 뒤에 멈춤 ({patience} 동안 검증 손실이 나아지지 "
    "않음); 에포크 {best}의 가중치를 되돌림",
    "saved": "  저장: {path}",
    "plot": "  그림: {path}",
    "epoch_line": "  에포크 {epoch:>6}  E_total {loss}",
    "io_header": "  입력 -> out (목표값)",
    "accuracy_line": "  정확도 {accuracy}",
    "evaluated": "{name} ({split}, {samples}): 손실 {loss}  정확도 {accuracy}",
    "split_test": "테스트",
    "split_all": "전체",
    "confusion": "혼동 행렬 (행: 실제 클래스, 열: 예측한 클래스)",
    "exported_example": "예제 {name}",
    "exported_spec": "명세 {name}",
    "exported_model": "모델 {name}",
    "exported": "{kind}: {path} 에 씀 ({size} 바이트",
    "progress_epoch": "에포크",
    "progress_loss": "손실",
    "progress_accuracy": "정확도",
    "r2_train_scores": "  학습 손실 {loss}  R² {r2}",
    "r2_validation_scores": "  검증 R² {r2}",
    "r2_test_scores": "  테스트 손실 {loss}  R² {r2}",
    "r2_evaluated": "{name} ({split}, {samples}): 손실 {loss}  R² {r2}  MAE {mae}  RMSE {rmse}",
    "interrupted": "chainrule: 중단됨",
    "terminated": "chainrule: 종료됨",
    "stopped_in_epoch": "에포크 {epoch}의 {steps}단계 중 {step}단계 뒤에 중단됨",
    "stopped_saved": "{path} 에 완료된 {epochs}가 있습니다. 이어서 학습하려면 같은 명령에 "
    "--resume 을 붙여 실행하세요",
    "stopped_unsaved": "완료된 {epochs}, 저장하지 않음 (남기려면 --save PATH 를 주세요)",
    "internal_error": "chainrule: 내부 오류: {kind}: {message} -- --debug 를 붙여 다시 실행하면 "
    "트레이스백이 나옵니다. 그것을 알려 주세요",
    "out_of_memory": "메모리 부족",
    "sheets_written": "{folder} 에 {count}",
    "studio_serving": "chainrule studio: {url}\n(Ctrl-C 로 멈춥니다)",
    "studio_stopped": "chainrule studio: 멈춤",
}

# Counted nouns: (singular, plural) in English; Korean has one form.
NOUNS: dict[str, dict[str, tuple[str, str]]] = {
    "en": {
        "sample": ("sample", "samples"),
        "training sample": ("training sample", "training samples"),
        "test sample": ("test sample", "test samples"),
        "epoch": ("epoch", "epochs"),
        "row": ("row", "rows"),
        "neuron": ("neuron", "neurons"),
        "complete epoch": ("complete epoch", "complete epochs"),
        "sheet": ("sheet", "sheets"),
    },
    "ko": {
        "sample": ("샘플", "샘플"),
        "training sample": ("학습 샘플", "학습 샘플"),
        "test sample": ("테스트 샘플", "테스트 샘플"),
        "epoch": ("에포크", "에포크"),
        "row": ("행", "행"),
        "neuron": ("뉴런", "뉴런"),
        "complete epoch": ("에포크", "에포크"),
        "sheet": ("연습 문제지", "연습 문제지"),
    },
}

TABLES = {"en": EN, "ko": KO}


def say(lang: str, key: str, **fields: object) -> str:
    """The line ``key`` in ``lang`` (English when the key has no Korean form)."""
    table = TABLES.get(lang, EN)
    return table.get(key, EN[key]).format(**fields)


def count(lang: str, n: int, noun: str) -> str:
    """``"1 sample"``, ``"4 samples"``; in Korean ``"샘플 4개"``, ``"100 에포크"``."""
    singular, plural = NOUNS.get(lang, NOUNS["en"])[noun]
    if lang == "ko":
        return f"{n:,} {singular}" if noun == "epoch" else f"{singular} {n:,}개"
    return f"{n:,} {singular if n == 1 else plural}"
