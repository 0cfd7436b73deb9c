"""The core's messages in English, by code (see lmviz.messages)."""

MESSAGES: dict[str, str] = {}
