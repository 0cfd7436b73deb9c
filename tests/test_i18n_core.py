"""Every message the core can show has a Chinese translation in lmviz.i18n_core.

Which strings count as "shown" (the rule `shown_strings` applies to every lmviz/*.py but the i18n*
string tables): a str constant, f-string, `+` concatenation or conditional expression (both branches) that
1. is an argument of a call to `LmvizError`;
2. is assigned (`=`, `+=`, annotated, tuple unpacking, list literal items, `.append`) to a name or attribute
   whose last `_`-separated word is in SHOWN (notice, note, method, message, error, why, problems, ...);
3. is passed as a keyword, or positionally, to a parameter or dataclass field of lmviz with such a name;
4. is returned (alone or inside a tuple) by a function whose name has such a word (or "status",
   "describe", "divergence"), or by a function whose call is itself in one of the places above;
and whose literal text has at least two words (this leaves out identifiers like method="full").
Each one becomes a skeleton: literal text with MARK for every formatted value. A formatted local
name whose assignments in the function are all strings (or a dict of strings, subscripted) expands into
those strings, so `{reason}` in inspection's truncation notice yields one skeleton per reason.

Each skeleton must match a catalogue entry, and the skeleton with "7" for every value must translate to
Chinese with no Latin text left but what the Chinese templates themselves keep (names, code, LoRA...).
"""

from __future__ import annotations

import ast
import itertools
import re
from dataclasses import dataclass
from pathlib import Path

import pytest

import lmviz
from lmviz.errors import LmvizError
from lmviz_app import i18n_core

ROOT = Path(__file__).resolve().parents[1]
MARK = "\x00"
SHOWN = {
    "notice", "notices", "note", "notes", "method", "message", "msg", "error", "why", "reason",
    "description", "desc", "attribution", "label", "problem", "problems",
}  # fmt: skip
FUNCTION_WORDS = SHOWN | {"status", "describe", "divergence"}
PROSE = re.compile(r"[A-Za-z]{2,}\s+[A-Za-z']{2,}")


@dataclass(frozen=True)
class Shown:
    where: str  # "lmviz/models.py:270"
    skeleton: str  # literal text, MARK for each formatted value

    def sample(self) -> str:
        return self.skeleton.replace(MARK, "7")


def _last_word(node: ast.AST) -> str:
    name = node.id if isinstance(node, ast.Name) else node.attr if isinstance(node, ast.Attribute) else ""
    return name.lower().rsplit("_", 1)[-1] if name else ""


def _is_shown(node: ast.AST) -> bool:
    return _last_word(node) in SHOWN


def _callee(node: ast.Call) -> str:
    f = node.func
    return f.id if isinstance(f, ast.Name) else f.attr if isinstance(f, ast.Attribute) else ""


class _Scope:
    """String values of the local names of one function (or module): name -> its possible texts."""

    def __init__(self, body: ast.AST):
        plain = _Expander(None, strict=True)  # a name is expanded only when all its values are known
        values: dict[str, list[str] | None] = {}
        for node in _own_nodes(body):
            if (
                isinstance(node, ast.Assign)
                and len(node.targets) == 1
                and isinstance(node.targets[0], ast.Name)
            ):
                name, value = node.targets[0].id, node.value
                if isinstance(value, ast.Dict):
                    got = [v for item in value.values for v in (plain.texts(item) or [None])]
                    got = None if None in got or not got else got
                else:
                    got = plain.texts(value)
                old = values.get(name, [])
                values[name] = None if got is None or old is None else old + got
        self.values = {k: v for k, v in values.items() if v}


class _Expander:
    def __init__(self, scope: _Scope | None, strict: bool = False):
        self.scope, self.strict = scope, strict

    def _name(self, node: ast.AST) -> list[str] | None:
        if isinstance(node, ast.Subscript):
            node = node.value
        if self.scope and isinstance(node, ast.Name):
            return self.scope.values.get(node.id)
        return None

    def texts(self, node: ast.AST) -> list[str] | None:
        """Every text `node` can evaluate to, or None when it is not a string expression."""
        if isinstance(node, ast.Constant):
            return [node.value] if isinstance(node.value, str) else None
        if isinstance(node, ast.JoinedStr):
            parts = []
            for v in node.values:
                if isinstance(v, ast.Constant):
                    parts.append([v.value])
                else:
                    parts.append(self._name(v.value) or [MARK])
            return ["".join(p) for p in itertools.product(*parts)]
        if isinstance(node, ast.BinOp) and isinstance(node.op, ast.Add):
            left, right = self.texts(node.left), self.texts(node.right)
            if left is None or right is None:
                return None
            return [a + b for a, b in itertools.product(left, right)]
        if isinstance(node, ast.IfExp | ast.BoolOp):  # both branches; `a or b`: each string operand
            branches = [node.body, node.orelse] if isinstance(node, ast.IfExp) else node.values
            texts = [self.texts(b) for b in branches]
            if self.strict and None in texts:
                return None
            return [t for b in texts for t in b or []] or None
        if isinstance(node, ast.Name):
            return self._name(node)
        return None


def _signatures(trees: dict[str, ast.Module]) -> dict[str, dict[str, list[str]]]:
    """module -> callable name -> parameter names (self dropped; dataclass fields in order)."""
    out: dict[str, dict[str, list[str]]] = {}
    for mod, tree in trees.items():
        sigs = out.setdefault(mod, {})
        for node in ast.walk(tree):
            if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
                names = [a.arg for a in node.args.posonlyargs + node.args.args]
                sigs[node.name] = names[1:] if names[:1] in (["self"], ["cls"]) else names
            elif isinstance(node, ast.ClassDef):
                fields = [
                    s.target.id
                    for s in node.body
                    if isinstance(s, ast.AnnAssign) and isinstance(s.target, ast.Name)
                ]
                if fields:
                    sigs[node.name] = fields
    return out


def _params(sigs: dict[str, dict[str, list[str]]], mod: str, name: str) -> list[str]:
    if name in sigs[mod]:
        return sigs[mod][name]
    return next((s[name] for s in sigs.values() if name in s), [])


def _own_nodes(scope: ast.AST):
    """The nodes of a function (or module) outside its nested functions."""
    stack = list(ast.iter_child_nodes(scope))
    while stack:
        node = stack.pop()
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef | ast.Lambda):
            continue
        yield node
        stack.extend(ast.iter_child_nodes(node))


def _items(value: ast.AST) -> list[ast.AST]:
    return list(value.elts) if isinstance(value, ast.List | ast.Tuple) else [value]


def _shown_name(name: str) -> bool:
    return name.lower().rsplit("_", 1)[-1] in SHOWN


def _candidates(node: ast.AST, mod: str, sigs, scope: ast.AST, message_functions: set[str]) -> list[ast.AST]:
    """The expressions in `node` whose value the rule counts as shown (rules 1-4)."""
    out: list[ast.AST] = []
    if isinstance(node, ast.Call):
        name = _callee(node)
        if name == "LmvizError":
            out.extend(node.args)
        if (
            name in ("append", "extend")
            and isinstance(node.func, ast.Attribute)
            and _is_shown(node.func.value)
        ):
            out.extend(a for arg in node.args for a in _items(arg))
        out.extend(k.value for k in node.keywords if k.arg and _shown_name(k.arg))
        params = _params(sigs, mod, name)
        out.extend(a for a, p in zip(node.args, params) if _shown_name(p))
    elif isinstance(node, ast.Assign | ast.AnnAssign | ast.AugAssign):
        targets = node.targets if isinstance(node, ast.Assign) else [node.target]
        for target in targets:
            if isinstance(target, ast.Tuple) and isinstance(node.value, ast.Tuple):
                out.extend(v for t, v in zip(target.elts, node.value.elts) if _is_shown(t))
            elif _is_shown(target) and node.value is not None:
                out.extend(_items(node.value))
    elif isinstance(node, ast.Return) and node.value is not None:
        fname = getattr(scope, "name", "")
        if fname in message_functions or FUNCTION_WORDS & set(fname.lower().strip("_").split("_")):
            out.extend(_items(node.value))
    return out


def _parse() -> dict[str, ast.Module]:
    files = [p for p in sorted((ROOT / "lmviz").rglob("*.py")) if not p.stem.startswith("i18n")]
    files += [
        ROOT / "lmviz_app" / f"{m}.py"
        for m in ("concepts", "attention_view", "bertviz_offline", "view_export")
    ]
    return {
        p.relative_to(ROOT).with_suffix("").as_posix(): ast.parse(p.read_text(encoding="utf-8"))
        for p in files
    }


def _scopes(tree: ast.Module) -> list[ast.AST]:
    return [tree, *(n for n in ast.walk(tree) if isinstance(n, ast.FunctionDef | ast.AsyncFunctionDef))]


def shown_strings(trees: dict[str, ast.Module] | None = None) -> list[Shown]:
    """Every shown string of lmviz/*.py (the rule in this module's docstring), as skeletons."""
    trees = trees or _parse()
    sigs = _signatures(trees)
    # Pass 1: helpers whose result lands in a shown place (`raise LmvizError(_not_text(name))`).
    message_functions: set[str] = set()
    for mod, tree in trees.items():
        for scope in _scopes(tree):
            for node in _own_nodes(scope):
                for expr in _candidates(node, mod, sigs, scope, set()):
                    if isinstance(expr, ast.Call) and _callee(expr) in sigs[mod]:
                        message_functions.add(_callee(expr))
    found: dict[str, Shown] = {}
    for mod, tree in trees.items():
        for scope in _scopes(tree):
            expand = _Expander(_Scope(scope))
            for node in _own_nodes(scope):
                for expr in _candidates(node, mod, sigs, scope, message_functions):
                    for text in expand.texts(expr) or []:
                        if PROSE.search(text.replace(MARK, " ")):
                            where = f"{mod}.py:{expr.lineno}"
                            found.setdefault(f"{where}|{text}", Shown(where, text))
    return sorted(
        found.values(), key=lambda s: (s.where.split(":")[0], int(s.where.split(":")[1]), s.skeleton)
    )


def unexplained_error_arguments(trees: dict[str, ast.Module] | None = None) -> list[str]:
    """LmvizError(...) arguments the rule cannot turn into text: each needs the rule (or the code) fixed."""
    trees = trees or _parse()
    sigs = _signatures(trees)
    bad = []
    for mod, tree in trees.items():
        for scope in _scopes(tree):
            expand = _Expander(_Scope(scope))
            for node in _own_nodes(scope):
                if isinstance(node, ast.Call) and _callee(node) == "LmvizError":
                    for arg in node.args:
                        ok = expand.texts(arg) is not None or (
                            isinstance(arg, ast.Call) and _callee(arg) in sigs[mod]
                        )
                        if not ok:
                            bad.append(f"lmviz/{mod}.py:{arg.lineno}: {ast.unparse(arg)}")
    return bad


# --- the tests ----------------------------------------------------------------------------------------

SHOWN_STRINGS = shown_strings()
CJK = re.compile(r"[\u4e00-\u9fff]")
# A run of non-Chinese text: a name, a number with a unit, code ("pip install" is two runs).
CHUNK = re.compile(r"[\w\-./=`<>\[\]+#:@]*[A-Za-z][\w\-./=`<>\[\]+#:@]*", re.ASCII)
NUMBER = re.compile(r"[\d.,+\-eE]*\d[\d.,+\-eE]*[KMGTB]?")  # 1e-06..0.01, 7M


def _chunks(text: str) -> set[str]:
    return {c.strip(".:") for c in CHUNK.findall(text)}


# What the Chinese templates themselves keep in Latin letters (LoRA, safetensors, `make run`, ...):
# any other Latin run in a translation, outside the message's own values, is English left over.
KEPT = {c for _, zh in i18n_core.CATALOGUE for c in _chunks(re.sub(r"\{\w+\}", " ", zh))}


def _leaked(translated: str, values: str = "") -> set[str]:
    return {c for c in _chunks(translated) - KEPT - _chunks(values) if not NUMBER.fullmatch(c)}


def test_the_rule_finds_the_known_messages():
    skeletons = {s.skeleton for s in SHOWN_STRINGS}
    assert len(SHOWN_STRINGS) > 100
    assert f"The text is {MARK} tokens; this view shows at most {MARK}: the rest was cut." in skeletons
    assert "Stopped before it started." in skeletons  # a tuple assignment in jobs.py
    assert "Stopped: the model keeps what it learned so far." in skeletons  # a positional `message`
    assert any(s.startswith(f"The file '{MARK}' does not look like text") for s in skeletons)  # via a helper
    assert not {"full", "lora", "causal", "done"} & skeletons


def test_every_lmviz_error_argument_is_understood():
    assert unexplained_error_arguments() == []


@pytest.mark.parametrize("shown", SHOWN_STRINGS, ids=lambda s: s.where)
def test_every_shown_string_has_a_chinese_entry(shown: Shown):
    found = i18n_core.find(shown.skeleton)
    assert found is not None, f"{shown.where}: no catalogue entry for {shown.skeleton.replace(MARK, '{…}')!r}"
    sample = shown.sample()
    zh = i18n_core.translate(sample, "zh")
    assert zh != sample and CJK.search(zh), (shown.where, zh)
    assert not _leaked(zh), f"{shown.where}: English left in {zh!r}"


@pytest.mark.parametrize("en, zh", i18n_core.CATALOGUE, ids=[en[:40] for en, _ in i18n_core.CATALOGUE])
def test_every_entry_is_a_translation(en: str, zh: str):
    names = re.compile(r"\{(\w+)\}")
    assert sorted(set(names.findall(en))) == sorted(set(names.findall(zh))), en
    assert CJK.search(zh) and zh != en, en
    assert "'" not in re.sub(r"\{\w+\}", "", zh) or "'" in en.replace("'s ", ""), en  # quotes become “”
    assert [e for e, _ in i18n_core.CATALOGUE].count(en) == 1, f"duplicate entry: {en}"


def test_translate():
    t = i18n_core.translate
    msg = "The text is 900 tokens; this model reads at most 512: the rest was cut."
    assert t(msg, "en") == msg
    assert t(msg, "zh") == "文本有 900 个词元；该模型最多读取 512 个：其余部分已截去。"
    assert t("Something lmviz never says.", "zh") == "Something lmviz never says."
    # notices the core joins with spaces, one of them unknown
    joined = "The text has 9,000 characters; only the first 5,000 were read. Some other note. " + msg
    assert t(joined, "zh") == (
        "文本有 9,000 个字符；只读取了前 5,000 个。Some other note. "
        "文本有 900 个词元；该模型最多读取 512 个：其余部分已截去。"
    )
    # an inner message, a kind and a repeated placeholder
    assert t(
        "The bundled model 'm' cannot be loaded: its weights are missing: run scripts/train_masked_lm.py.",
        "zh",
    ) == ("无法加载内置模型“m”：缺少它的权重：请运行 scripts/train_masked_lm.py。")
    assert t("'tiny-bert' is a masked model: it does not predict the next token. Pick a causal (GPT-style) "
             "model such as smollm2-135m.", "zh").startswith("“tiny-bert”是掩码模型：")  # fmt: skip
    assert (
        t("steps 50000 is outside 1..20000: using 20000.", "zh")
        == "步数 50000 超出 1..20000 的范围：改用 20000。"
    )
    # a value that looks like an entry but is a user's word is kept: only NESTED placeholders translate
    assert t("'pasted text' is not a word of the text: click a word in the sentence instead.", "zh") == (
        "“pasted text”不是文本中的词：请改为点击句子中的一个词。"
    )


# --- real messages, end to end ------------------------------------------------------------------------


def _error(call) -> str:
    with pytest.raises(LmvizError) as info:
        call()
    return str(info.value)


@pytest.fixture(scope="module")
def real_messages(tiny_gpt2, tiny_bert, tmp_path_factory) -> list[str]:
    from lmviz.analysis import compare, generation, inspection, surprisal
    from lmviz.training import data as train_data
    from lmviz.training import loop as train

    missing = tmp_path_factory.mktemp("models") / "no-such-folder"
    long_text = "The capital of France is Paris. " * 40
    messages = [
        _error(lambda: lmviz.load_model("")),
        _error(lambda: lmviz.load_model("no-such-org/no-such-model-xyz")),
        _error(lambda: lmviz.load_model(str(missing))),
        _error(lambda: lmviz.load_model("tiny-gpt2", device="tpu")),
        _error(lambda: inspection.inspect_text(tiny_gpt2, "")),
        _error(lambda: compare.masked_fills(tiny_bert, " ".join(["[MASK] word"] * (compare.MAX_BLANKS + 1)))),
        _error(lambda: compare.causal_word(tiny_bert, "The dog barked.", "dog")),
        _error(lambda: compare.pick_word("The dog barked.", "cat")),
        _error(lambda: train_data.decode_upload(b"", "notes.txt")),
        _error(lambda: train_data.decode_upload(b"%PDF-1.4\x00\x01\x02" * 50, "slides.pdf")),
        _error(lambda: train_data.corpus("no-such-corpus")),
        _error(lambda: generation.text_prompt_ids(tiny_gpt2, "  ")),
        _error(lambda: surprisal.prompt_loss(inspection.inspect_text(tiny_gpt2, "a"))),
        inspection.inspect_text(tiny_gpt2, long_text, max_tokens=16).notice,
        train.divergence(float("nan"), None, 4),
        train.divergence(50.0, 2.0, 10),
    ]
    _, notices = train.bound(train.TrainConfig(method="full", lr=10.0, steps=10**9), 2, 64)
    return messages + notices


def test_real_messages_come_out_in_chinese(real_messages):
    from lmviz.training.data import CORPORA

    assert len(real_messages) >= 17 and all(real_messages)
    for message in real_messages:
        zh = i18n_core.translate(message, "zh")
        assert zh != message and CJK.search(zh), message
        assert not _leaked(zh, values=f"{_quoted(message)} {' '.join(CORPORA)} nan inf"), (message, zh)


def _quoted(message: str) -> str:
    """The names a message quotes ('tiny-bert', 'notes.txt'): they stay as written."""
    return " ".join(re.findall(r"'([^']*)'", message))


def test_the_rule_on_a_made_up_module():
    source = """
def check(x, loaded):
    if x:
        raise LmvizError(f"The text has {x} words" + (" and more." if x > 9 else "."))
    raise LmvizError(_refusal(loaded.name))

def _refusal(name):
    return f"'{name}' says no."

def _shared_note(w):
    return f"A note about '{w}'."

def _more():
    return ["A third notice, from a helper."]

def run(n):
    reason = "this model reads at most" if n else "this view shows at most"
    notices = [f"Cut: {reason} {n}."]
    notices.append("Second notice here.")
    notices += _more()
    job.state, job.message = "stopped", "Stopped early on."
    return Record(status="done", message=f"Finished {n} steps.")
"""
    found = {s.skeleton for s in shown_strings({"made_up": ast.parse(source)})}
    assert found == {
        f"The text has {MARK} words and more.",
        f"The text has {MARK} words.",
        f"'{MARK}' says no.",
        f"A note about '{MARK}'.",
        "this model reads at most",
        "this view shows at most",
        f"Cut: this model reads at most {MARK}.",
        f"Cut: this view shows at most {MARK}.",
        "Second notice here.",
        "A third notice, from a helper.",
        "Stopped early on.",
        f"Finished {MARK} steps.",
    }
    assert unexplained_error_arguments({"made_up": ast.parse("def f(e):\n    raise LmvizError(str(e))\n")})
