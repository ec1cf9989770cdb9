"""Letters that case-insensitive matching folds (ſ -> s, K -> k) do not break dates."""

from __future__ import annotations

from ingest.extractors.dates import find_dates


def test_long_s_month_is_read_like_its_ascii_spelling() -> None:
    assert len(find_dates("ſep 5")) == len(find_dates("sep 5"))


def test_kelvin_sign_is_no_crash() -> None:
    find_dates("\u212aoct 5 and 5 \u212aov")  # must not raise
