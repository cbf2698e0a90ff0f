"""Where a generator's choices come from: a seeded ``random.Random`` (fast,
for the long fuzz run) or a hypothesis ``draw`` (shrinkable, for property
tests). Generators and mutators are written once against :class:`Choices`."""

from __future__ import annotations

import random
from collections.abc import Sequence
from typing import Any, Protocol, TypeVar

T = TypeVar("T")


class Choices(Protocol):
    def integer(self, lo: int, hi: int) -> int:
        """An integer in [lo, hi]."""
        ...

    def choice(self, items: Sequence[T]) -> T: ...

    def boolean(self) -> bool: ...


class RandomChoices:
    """Choices from a seeded ``random.Random``."""

    def __init__(self, rnd: random.Random) -> None:
        self.rnd = rnd

    def integer(self, lo: int, hi: int) -> int:
        return self.rnd.randint(lo, hi)

    def choice(self, items: Sequence[T]) -> T:
        return items[self.rnd.randrange(len(items))]

    def boolean(self) -> bool:
        return self.rnd.random() < 0.5


class DrawChoices:
    """Choices drawn by hypothesis (they shrink towards the first item, 0, False)."""

    def __init__(self, draw: Any) -> None:
        from hypothesis import strategies as st

        self.draw = draw
        self.st = st

    def integer(self, lo: int, hi: int) -> int:
        value: int = self.draw(self.st.integers(lo, hi))
        return value

    def choice(self, items: Sequence[T]) -> T:
        index: int = self.draw(self.st.integers(0, len(items) - 1))
        return items[index]

    def boolean(self) -> bool:
        value: bool = self.draw(self.st.booleans())
        return value
