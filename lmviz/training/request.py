"""One training request from start to finish, as a job's work: make the blocks, train a private copy,
then compare before and after. Used by the training page through `jobs.BOARD`; no Streamlit here."""

from __future__ import annotations

from dataclasses import dataclass, replace

from lmviz.errors import LmvizError, Message, message
from lmviz.kinds import Kind, Status
from lmviz.models.loading import LoadedModel
from lmviz.training import before_after, pretrain
from lmviz.training.before_after import BeforeAfter
from lmviz.training.config import TrainConfig
from lmviz.training.data import Blocks, TextSource, make_blocks
from lmviz.training.jobs import Job
from lmviz.training.loop import TrainRun


@dataclass(frozen=True)
class TrainRequest:
    mode: str  # "finetune" or "pretrain"
    source: TextSource
    config: TrainConfig
    probe: str  # prompt (causal) or sentence with a blank (masked) for the before/after panels
    base: LoadedModel | None = None  # fine-tuning: the shared model, only ever read


@dataclass
class TrainOutcome:
    """What a finished job leaves: the trained model (None when unusable) and the comparison."""

    request: TrainRequest
    status: Status = Status.PREPARING
    blocks: Blocks | None = None
    notices: tuple[Message, ...] = ()  # settings brought inside their limits, text cut
    trainable: int = 0
    total: int = 0
    model: LoadedModel | None = None
    before: LoadedModel | None = None
    comparison: BeforeAfter | None = None
    comparison_error: Message | None = None  # why there is no comparison


def run_request(job: Job, request: TrainRequest) -> TrainOutcome:
    """The job's work: fills `job.records` step by step and `job.result` with a TrainOutcome."""
    outcome = TrainOutcome(request)
    job.result = outcome
    if request.mode == "pretrain":
        before = pretrain.new_model(request.source.text, name=f"from scratch: tiny-gpt2 #{job.id}")
        name = before.name
        sampler = pretrain.sample
    else:
        before = request.base
        name = f"fine-tuned: {before.name} #{job.id}"
        sampler = None
    outcome.before = before
    outcome.blocks = make_blocks(
        before.tokenizer, request.source, request.config.seq_len, masked=before.kind == Kind.MASKED
    )
    config = replace(request.config, sample_prompt=request.probe) if sampler else request.config
    run = TrainRun(before, outcome.blocks, config, sampler=sampler)
    outcome.notices = run.notices + ((outcome.blocks.notice,) if outcome.blocks.notice else ())
    outcome.trainable, outcome.total = run.trainable_parameters, run.total_parameters
    job.state = Status.RUNNING
    for record in run.steps():
        job.records.append(record)
        if job.stop_requested.is_set() or job.abandoned:
            run.stop()
    last = job.records[-1] if job.records else None
    outcome.status = job.final_state = last.status if last else Status.STOPPED
    job.message = last.message if last else message("job.stopped_before_first_step")
    job.state = Status.FINISHING  # finished only when the model and the comparison are ready
    if outcome.status in (Status.DONE, Status.STOPPED) and run.usable:
        outcome.model = run.result(name, _describe(before, run, request))
        try:
            outcome.comparison = before_after.compare_models(
                before, outcome.model, outcome.blocks, request.probe, request.config.seed
            )
        except LmvizError as exc:  # a bad probe must not lose the trained model
            outcome.comparison_error = exc.message
        except Exception as exc:  # nor may anything else that goes wrong comparing
            outcome.comparison_error = message("job.unexpected", kind=type(exc).__name__, detail=str(exc))
    return outcome


def _describe(before: LoadedModel, run: TrainRun, request: TrainRequest) -> Message:
    cfg = run.config
    what = {
        "full": message("train.what_full"),
        "lora": message("train.what_lora", rank=cfg.lora_rank),
        "top": message("train.what_top", n=cfg.top_layers),
    }
    return message(
        "train.description",
        model=before.name,
        steps=run.steps_done,
        what=what[cfg.method],
        lr=cfg.learning_rate,
        batch=cfg.batch,
        seq_len=run.blocks.seq_len,
        source=request.source.label,
    )
