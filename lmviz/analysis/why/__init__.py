"""Why did the model say that: input attribution (captum), head types, ablation, activation patching and
steering. Every intervention runs the shared model through `edits.editing`, whose hooks act on the calling
thread's passes only and are removed in `finally`."""
