"""The labelled Danish sentences for the confidentiality check, read from the TSV files beside this.

held_out.tsv was written and committed before the check was tuned; tuning.tsv is what it was tuned
on. Each sentence is scored by the words it expects to be found ("expect"): a finding that covers
no expected word is a false positive, an expected word that no finding covers a false negative.
"""

from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path

from meetings.room.namecheck import Finding, Person

HERE = Path(__file__).resolve().parent
PARTS = ("held_out", "tuning")


@dataclass(frozen=True)
class Sentence:
    part: str
    category: str
    label: str  # "person" or "none"
    expect: tuple[str, ...]
    text: str


@dataclass(frozen=True)
class Corpus:
    sentences: list[Sentence]
    register: list[Person]
    group: list[Person]


def _people(line: str) -> list[Person]:
    names = [n.strip() for n in line.split(":", 1)[1].split(";") if n.strip()]
    return [Person(*n.rsplit(" ", 1)) for n in names]


def load(part: str) -> Corpus:
    sentences, register, group = [], [], []
    lines = (HERE / f"{part}.tsv").read_text(encoding="utf-8").splitlines()
    header = True
    for line in lines:
        if line.startswith("# register:"):
            register = _people(line)
        elif line.startswith("# group:"):
            group = _people(line)
        elif line.startswith("#") or not line.strip():
            continue
        elif header:
            header = False  # the column names
        else:
            category, label, expect, text = line.split("\t")
            expected = tuple(e for e in expect.split("|") if e)
            sentences.append(Sentence(part, category, label, expected, text))
    # The group are in the register too, as in the app.
    return Corpus(sentences, register + group, group)


@dataclass
class Score:
    tp: int = 0
    fp: int = 0
    fn: int = 0

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0


def judge(sentence: Sentence, findings: list[Finding]) -> tuple[int, int, int, list[str]]:
    """(true positives, false positives, false negatives, what went wrong) for one sentence."""
    spans = []
    for word in sentence.expect:
        start = sentence.text.find(word)
        assert start >= 0, (word, sentence.text)
        spans.append((start, start + len(word)))
    tp = fn = fp = 0
    wrong = []
    for (start, end), word in zip(spans, sentence.expect, strict=True):
        if any(f.start < end and start < f.end for f in findings):
            tp += 1
        else:
            fn += 1
            wrong.append(f"missed {word!r}")
    for f in findings:
        if not any(f.start < end and start < f.end for start, end in spans):
            fp += 1
            wrong.append(f"flagged {f.text!r}")
    return tp, fp, fn, wrong


def score(sentences: list[Sentence], found: dict[str, list[Finding]]) -> dict[str, Score]:
    """Scores per category and "overall", from the findings for each sentence's text."""
    scores: dict[str, Score] = defaultdict(Score)
    for sentence in sentences:
        tp, fp, fn, _wrong = judge(sentence, found[sentence.text])
        for key in (sentence.category, "overall"):
            scores[key].tp += tp
            scores[key].fp += fp
            scores[key].fn += fn
    return dict(scores)
