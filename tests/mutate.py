"""Byte mutations of a file (flips, deletions, insertions): one mutator for the hostile-input
tests and ``bench/hostile.py``."""

from __future__ import annotations

import random
from collections.abc import Sequence


def mutate(rng: random.Random, data: bytes, rounds: Sequence[int] = (1, 3, 10, 50)) -> bytes:
    """``data`` with ``rng.choice(rounds)`` random edits: 60 % byte flips, 20 % deletions of up to
    63 bytes, 20 % insertions of up to 15 random bytes."""
    b = bytearray(data)
    for _ in range(rng.choice(rounds)):
        if not b:
            break
        i = rng.randrange(len(b))
        op = rng.random()
        if op < 0.6:
            b[i] = rng.randrange(256)
        elif op < 0.8:
            del b[i:i + rng.randrange(1, 64)]
        else:
            b[i:i] = bytes(rng.randrange(256) for _ in range(rng.randrange(1, 16)))
    return bytes(b)
