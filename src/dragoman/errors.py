"""Why an article could not be coded: one reason, shown on one line."""


class Skip(Exception):
    """An article that cannot be coded; the batch goes on without it."""

    def __init__(self, reason: str, origin: str = "-"):
        super().__init__(reason)
        self.reason = reason
        self.origin = origin
        self.document = None  # the cleaned Document, where cleaning got that far

    def line(self) -> str:
        return f"dragoman: skipped {self.origin}: {self.reason}"


class UsageError(Exception):
    """Bad usage (exit 2): unknown option, bad date, missing argument."""


class StoreError(RuntimeError):
    """The store cannot be used (corrupt, locked by another writer, not writable): exit 1,
    shown as one line naming the file and the cause."""
