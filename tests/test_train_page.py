"""The training page through AppTest on tiny models: fine-tune, pretrain, stop, queue, the trained model on
other pages, and the shared model left untouched."""

from __future__ import annotations

import hashlib
import zipfile

import pytest
import torch

import lmviz
from lmviz.training import jobs
from lmviz_app import cache as st_bridge
from lmviz_app.widgets.text import visible
from tests.apptest_pages import ok, open_page

TEXT = "The cat sat on the mat and looked at the dog. " * 120


def weights_hash(model: torch.nn.Module) -> str:
    h = hashlib.sha256()
    for name, tensor in sorted(model.state_dict().items()):
        h.update(name.encode())
        h.update(tensor.detach().cpu().contiguous().view(torch.uint8).numpy().tobytes())
    return h.hexdigest()


def trainer(base="tiny-gpt2", steps=6, **state):
    state = {"tr_data": "paste", "tr_paste": TEXT, "tr_steps_finetune": steps, "tr_seq_len": 32, **state}
    return open_page("pages/train.py", tr_base=base, **state)


def offered(at, role: str, name: str) -> bool:
    """The sidebar's model list for `role` offers `name` (options are shown with their labels)."""
    return any(o.startswith(f"{name} ·") for o in at.sidebar.selectbox(key=f"{role}_pick").options)


def start_and_finish(at, timeout=180):
    at.button(key="tr_start").click().run()
    ok(at)
    job = at.session_state["_train_job"]
    assert job.wait(timeout), f"the job did not finish: {job.state}"
    at.run()  # the page shows the results
    return job


@pytest.fixture(autouse=True)
def _no_leftover_jobs():
    yield
    for job in list(jobs.BOARD._jobs):  # a failed test must not leave a run holding the one slot
        job.stop()
        job.wait(60)


def test_finetune_shows_before_after_and_offers_the_model_everywhere():
    shared = st_bridge.shared_model("tiny-gpt2")
    before = weights_hash(shared.model)
    at = trainer()
    job = start_and_finish(at)
    ok(at)
    assert job.state == "done", job.error
    name = job.result.model.name
    assert name.startswith("fine-tuned: tiny-gpt2 #")
    assert any(name in s.value for s in at.success)
    ppl = [m for m in at.metric if m.label == "Held-out perplexity"]
    assert len(ppl) == 2
    cmp = job.result.comparison
    assert ppl[0].value == f"{cmp.before.perplexity:.1f}" and ppl[1].value == f"{cmp.after.perplexity:.1f}"
    assert cmp.after.perplexity < cmp.before.perplexity  # repeated text: held-out loss went down
    assert offered(at, "causal", name)
    assert weights_hash(shared.model) == before  # the shared model never changed
    # The trained model is usable on another page, chosen by the page's button.
    at.button(key="tr_go_next_token").click().run()
    ok(at)
    assert at.sidebar.selectbox(key="causal_pick").value == name
    assert at.title[0].value.startswith("Next")
    at.switch_page("pages/attention.py").run()
    ok(at)
    assert at.sidebar.selectbox(key="causal_pick").value == name


def test_masked_finetune_and_pretraining():
    at = trainer(base="tiny-bert", tr_method="full")
    job = start_and_finish(at)
    ok(at)
    assert job.state == "done", job.error
    assert job.result.model.kind == "masked"
    assert offered(at, "masked", job.result.model.name)
    # Pretraining from scratch on the same session: samples at checkpoints.
    at.session_state["tr_mode"] = "pretrain"
    at.session_state["tr_steps_pretrain"] = 20
    at.run()
    job = start_and_finish(at)
    ok(at)
    assert job.state == "done", job.error
    samples = [r for r in job.records if r.sample is not None]
    assert samples and samples[0].step == 1 and samples[-1].step == 20
    prompt = at.session_state["tr_sample_paste"]
    assert any(t.value == visible(prompt + samples[-1].sample) for t in at.text)
    assert job.result.model.name.startswith("from scratch: tiny-gpt2 #")
    assert offered(at, "causal", job.result.model.name)


def test_stop_keeps_partial_progress():
    at = trainer(steps=1000)
    at.button(key="tr_start").click().run()
    job = at.session_state["_train_job"]
    for _ in range(600):  # wait for a few steps
        if len(job.records) >= 3:
            break
        job.wait(0.1)
    at.run()
    ok(at)
    assert at.button(key="tr_start").disabled  # one job per session
    at.button(key="tr_stop").click().run()
    assert job.wait(120)
    at.run()
    ok(at)
    assert job.state == "stopped"
    steps = job.result.model.extra["steps"]
    assert 3 <= steps < 1000
    assert any(f"Stopped after {steps} steps" in s.value for s in at.success)


def test_second_session_is_queued_while_one_trains():
    first = trainer(steps=1000)
    first.button(key="tr_start").click().run()
    second = trainer()
    second.button(key="tr_start").click().run()
    job1, job2 = first.session_state["_train_job"], second.session_state["_train_job"]
    assert jobs.BOARD.max_running == 1
    if job1.finished:  # pragma: no cover - only if the first run somehow ended already
        pytest.fail(f"the first run ended early: {job1.state} {job1.error}")
    assert job2.state == "queued"
    second.run()
    assert any("Queued: 1 run(s) ahead of yours" in i.value for i in second.info)
    job1.stop()
    assert job2.wait(180) and job2.state == "done", job2.error


def test_text_too_short_and_empty_text_are_explained():
    at = trainer(tr_paste="Too short.")
    at.button(key="tr_start").click().run()
    assert any("needs at least" in e.value for e in at.error)
    assert "_train_job" not in at.session_state
    at = trainer(tr_paste="   ")
    assert any("empty" in e.value for e in at.error)
    assert at.button(key="tr_start").disabled


def test_encoder_cannot_be_fine_tuned():
    at = open_page("pages/train.py", masked="minilm-l6", tr_base="minilm-l6")
    assert any("encoders cannot predict words" in i.value for i in at.info)
    assert at.button(key="tr_start").disabled


def test_chinese_interface():
    at = trainer(lang="zh")
    ok(at)
    assert at.title[0].value == "训练：预训练与微调"
    assert at.button(key="tr_start").label == "开始训练"


def test_the_trained_model_downloads_as_a_zip_that_loads_back(tmp_path):
    at = trainer(steps=2)
    job = start_and_finish(at)
    ok(at)
    assert not at.get("download_button") or all(
        b.proto.label != "Download the trained model (.zip)" for b in at.get("download_button")
    )
    at.button(key="tr_prepare_download").click().run()
    ok(at)
    path = at.session_state[f"_train_zip_{job.id}"].path
    assert any(b.proto.label == "Download the trained model (.zip)" for b in at.get("download_button"))
    with zipfile.ZipFile(path) as zf:
        zf.extractall(tmp_path)
    loaded = lmviz.load_model(str(tmp_path), device="cpu")
    ids = torch.tensor([[5, 6, 7, 8]])
    with torch.no_grad():
        torch.testing.assert_close(
            loaded.model(input_ids=ids).logits,
            job.result.model.model(input_ids=ids).logits,
            rtol=0,
            atol=1e-6,
        )


def test_a_download_that_cannot_be_written_says_so(tmp_path, monkeypatch):
    from lmviz.training import export

    blocker = tmp_path / "not-a-folder"
    blocker.write_text("a file where the downloads folder should be")
    monkeypatch.setattr(export, "DOWNLOADS_DIR", blocker / "downloads")  # mkdir fails: a real OSError
    at = trainer(steps=2)
    start_and_finish(at)
    at.button(key="tr_prepare_download").click().run()
    assert not at.exception
    assert any("could not be saved for download" in e.value for e in at.error), [e.value for e in at.error]
    assert any("still usable" in e.value for e in at.error)


def test_in_chinese_the_tang_poems_come_first():
    at = open_page("pages/train.py", lang="zh", tr_mode="pretrain")
    ok(at)
    assert at.session_state["tr_data"] == "poems_zh"
    assert any("chinese-poetry" in c.value for c in at.caption)  # attributed


def test_pretraining_on_tang_poems_reads_one_character_a_token():
    # (English labels: AppTest formats a radio's options outside the script, in English, on a click)
    at = open_page("pages/train.py", tr_mode="pretrain", tr_data="poems_zh", tr_steps_pretrain=50)
    ok(at)
    job = start_and_finish(at)
    assert job.state == "done", job.error
    assert "one token per character" in str(job.result.before.description)
    samples = [r for r in job.records if r.sample is not None]
    assert samples[0].step == 1 and samples[-1].step == 50
    assert any("have the 5 or 7 characters of a Tang poem" in c.value for c in at.caption)
