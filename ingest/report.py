"""What one ingestion did to the graph: outcomes per node type, unresolved names."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any, Literal

Outcome = Literal["insert", "update", "noop", "delete"]


@dataclass(slots=True)
class Report:
    """Inserted / updated / unchanged / deleted rows per type, plus name issues."""

    counts: dict[str, dict[str, int]] = field(
        default_factory=lambda: defaultdict(lambda: defaultdict(int))
    )
    unresolved: list[str] = field(default_factory=list)
    ambiguous: list[dict[str, Any]] = field(default_factory=list)
    duplicate_of: int | None = None  # the document whose rendition this one is

    def count(self, kind: str, outcome: Outcome, n: int = 1) -> None:
        """Record `n` rows of `kind` with this outcome."""
        if n:
            self.counts[kind][outcome] += n

    def changed(self) -> bool:
        """True when anything but noops happened."""
        return any(
            n
            for per in self.counts.values()
            for outcome, n in per.items()
            if outcome != "noop"
        )

    def merge(self, other: Report) -> None:
        """Add another report's numbers to this one."""
        for kind, per in other.counts.items():
            for outcome, n in per.items():
                self.counts[kind][outcome] += n
        self.unresolved.extend(other.unresolved)
        self.ambiguous.extend(other.ambiguous)

    def as_dict(self) -> dict[str, Any]:
        """JSON form (stored on the IngestJob)."""
        return {
            "counts": {k: dict(v) for k, v in sorted(self.counts.items())},
            "unresolved": list(self.unresolved),
            "ambiguous": list(self.ambiguous),
            "duplicate_of": self.duplicate_of,
        }
