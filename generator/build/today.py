"""The build's "today": the one clock the generator reads.

Listings (upcoming forums, open proposals) and feed stamps depend on the date,
so two builds of the same input must agree on it: `SOURCE_DATE_EPOCH`, the
reproducible-builds convention, wins over the wall clock.
"""

from __future__ import annotations

import os
from datetime import UTC, date, datetime


def build_now() -> datetime:
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if epoch and epoch.strip().isdigit():
        return datetime.fromtimestamp(int(epoch), UTC)
    return datetime.now(UTC)


def build_today() -> date:
    return build_now().date()
