"""One exception type whose message a user can act on; pages show it instead of a traceback."""


class LmvizError(Exception):
    """An error with a message meant for the person using lmviz (what happened, what to do)."""
