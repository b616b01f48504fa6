"""Precision and recall of the confidentiality check on the labelled Danish sentences, and its speed.

python benchmarks/namecheck.py

The corpus is tests.room.namecheck_corpus/: held_out.tsv was written before the check was tuned,
tuning.tsv is what it was tuned on. Figures are per category and overall, with the group known (as
in the app) and, for comparison, with the register alone (the command line without --group).
"""

import random
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from meetings.room.namecheck import FIRST_NAMES, SURNAMES, Person, find_people
from tests.room.namecheck_corpus import PARTS, load, score


def figures(part: str, *, group_known: bool) -> dict:
    corpus = load(part)
    group = corpus.group if group_known else []
    found = {
        s.text: find_people(s.text, register=corpus.register, group=group) for s in corpus.sentences
    }
    return corpus, score(corpus.sentences, found)


for part in PARTS:
    corpus, scores = figures(part, group_known=True)
    _corpus, without = figures(part, group_known=False)
    counts = {}
    for s in corpus.sentences:
        counts[s.category] = counts.get(s.category, 0) + 1
    print(f"\n{part}: {len(corpus.sentences)} sentences, group known")
    print(f"  {'category':18} {'n':>3}  precision  recall    tp  fp  fn")
    for category in [*sorted(counts), "overall"]:
        s = scores.get(category)
        n = counts.get(category, len(corpus.sentences))
        print(
            f"  {category:18} {n:3}  {s.precision:9.3f}  {s.recall:6.3f}  {s.tp:4} {s.fp:3} {s.fn:3}"
        )
    o = without["overall"]
    print(
        f"  {'register only':18} {len(corpus.sentences):3}  {o.precision:9.3f}  {o.recall:6.3f}"
        f"  {o.tp:4} {o.fp:3} {o.fn:3}   (no --group)"
    )

# A municipality's register of 5,000 leaders against a 6,000-character summary.
rng = random.Random(16)
first, last = sorted(FIRST_NAMES), sorted(SURNAMES)
register = [
    Person(rng.choice(first).title(), f"{rng.choice(last).title()}{k}", pk=k) for k in range(5000)
]
corpus = load("tuning")
group = corpus.group
sentences = [s.text for s in corpus.sentences]
text = ""
while len(text) < 6000:
    text += rng.choice(sentences) + " "
text = text[:6000]
runs = 30
find_people(text, register=register, group=group)
started = time.perf_counter()
for _ in range(runs):
    find_people(text, register=register, group=group)
elapsed = (time.perf_counter() - started) / runs * 1000
print(
    f"\nspeed: {len(text):,} characters against {len(register):,} names: {elapsed:.1f} ms per check"
    " (goal: 50 ms)"
)
