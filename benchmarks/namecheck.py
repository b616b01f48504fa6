"""Precision and recall of the confidentiality check on the labelled Danish sentences, and its speed.

python benchmarks/namecheck.py
"""

import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from meetings.room.namecheck import Person, find_people
from tests.room.namecheck_cases import CASES, GROUP, HELD_OUT, REGISTER


def score(cases) -> tuple[float, float, int, int, int]:
    tp = fp = fn = 0
    for text, expected in cases:
        found = {f.text for f in find_people(text, register=REGISTER, group=GROUP)}
        tp, fp, fn = (
            tp + len(found & set(expected)),
            fp + len(found - set(expected)),
            fn + len(set(expected) - found),
        )
    return tp / (tp + fp), tp / (tp + fn), tp, fp, fn


for name, cases in [("tuned set", CASES), ("held-out set", HELD_OUT)]:
    precision, recall, tp, fp, fn = score(cases)
    print(
        f"{name:13} {len(cases):3} sentences  precision {precision:.3f}  recall {recall:.3f}  (tp {tp}, fp {fp}, fn {fn})"
    )

# A municipality's register (1,000 names) against a page-long summary.
register = [Person(f"Fornavn{k}", f"Efternavn{k}") for k in range(1000)] + REGISTER
text = " ".join(t for t, _e in CASES) * 3
started = time.perf_counter()
for _ in range(20):
    find_people(text, register=register, group=GROUP)
print(
    f"speed         {len(text):,} characters against {len(register):,} names: {(time.perf_counter() - started) / 20 * 1000:.1f} ms per check"
)
