"""The core's messages in Chinese, by code (see lmviz.messages)."""

MESSAGES: dict[str, str] = {}
