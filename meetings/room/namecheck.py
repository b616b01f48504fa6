"""The confidentiality check: people named or pointed out in a text meant for others.

What is found: full names from the register; first names of the group's own members and host;
any register first name used as the source of a statement ("Hanne sagde", "ifølge Lars", "som
Mette nævnte"); and statements attributed to one person by role ("skolelederen sagde", "hun
fortalte"). What is left alone: parts of words ("Bo" in "bolig"), first names that are also
everyday words ("Vi", "Bo", "Hans"…) unless they are the source of a statement, role words on
their own, and places.
"""

import re
from dataclasses import dataclass

# Verbs that make the word before them the source of a statement.
SPEECH = (
    r"(?:sagde|siger|fortalte|fortæller|mente|mener|nævnte|nævner|foreslog|foreslår|påpegede|"
    r"påpeger|syntes|synes|spurgte|spørger|erkendte|indrømmede|oplevede|oplever|udtalte|"
    r"understregede|beskrev|delte|har sagt|har fortalt|har nævnt)"
)
# First names that are also ordinary Danish words, or begin sentences as pronouns.
EVERYDAY_WORDS = {"Bo", "Vi", "Hans", "Max", "Per", "Sol", "Storm", "Glad", "Mark", "Sten"}
# Role words that point at one person when they are the source of a statement.
ROLE = r"(?:[a-zæøå]*(?:lederen|chefen|direktøren|koordinatoren|konsulenten)|han|hun)"
# "Lederen fra jobcentret fortalte", "en kollega fra Børn og Unge delte": one person, pointed out.
POINTED_OUT = (
    r"(?:[a-zæøå]*(?:lederen|chefen|direktøren|kollegaen)|en (?:kollega|leder|chef))"
    r"\s+fra\s+(?:[\wæøåÆØÅ-]+\s+){1,4}?"
)
NAME = r"[A-ZÆØÅ][a-zæøåéü]+(?:-[A-ZÆØÅ][a-zæøåéü]+)?"


@dataclass(frozen=True)
class Person:
    first_name: str
    last_name: str

    @property
    def full_name(self) -> str:
        return f"{self.first_name} {self.last_name}".strip()


@dataclass(frozen=True)
class Finding:
    text: str
    start: int
    end: int
    person: str  # the register's name, or "" for an attribution by role

    def as_dict(self) -> dict:
        return {"text": self.text, "start": self.start, "end": self.end, "person": self.person}


def find_people(text: str, *, register: list[Person], group: list[Person] = ()) -> list[Finding]:
    findings: dict[tuple[int, int], Finding] = {}

    def add(match: re.Match, person: str, group_name: int = 0) -> None:
        start, end = match.span(group_name)
        if not any(s <= start and end <= e for s, e in findings):
            findings[(start, end)] = Finding(match.group(group_name), start, end, person)

    by_first: dict[str, list[Person]] = {}
    for person in register:
        if person.first_name:
            by_first.setdefault(person.first_name, []).append(person)
    # Full names in one pass, longest first so "Anne Marie Holm" wins over "Marie Holm".
    full_names = {p.full_name for p in register if p.first_name and p.last_name}
    if full_names:
        alternatives = "|".join(re.escape(n) for n in sorted(full_names, key=len, reverse=True))
        for match in re.finditer(rf"\b(?P<full>{alternatives})s?\b", text):
            add(match, match.group("full"))
    # The group's own first names, wherever they stand (and with a genitive s).
    own = {p.first_name: p for p in group if p.first_name and p.first_name not in EVERYDAY_WORDS}
    for first, person in own.items():
        # "Mette Frederiksen" is somebody else: a first name followed by another surname is not ours.
        pattern = rf"\b{re.escape(first)}s?\b(?!\s+(?!{re.escape(person.last_name)}\b){NAME})"
        for match in re.finditer(pattern, text):
            add(match, person.full_name)
    # Anyone's first name as the source of a statement.
    attributions = [
        rf"(?P<name>{NAME})\s+{SPEECH}\b",
        rf"\bifølge\s+(?P<name>{NAME})",
        rf"\bsom\s+(?P<name>{NAME})\s+{SPEECH}\b",
        rf"\b(?:{SPEECH})\s+(?P<name>{NAME})(?=\s*[,.:])",
    ]
    for pattern in attributions:
        for match in re.finditer(pattern, text):
            name = match.group("name")
            people = by_first.get(name) or ([own[name]] if name in own else [])
            if people or name in {p.first_name for p in group}:
                person = people[0].full_name if len(people) == 1 else name
                add(match, person, "name")
    # One person pointed out by role: "skolelederen sagde", "hun fortalte".
    for pattern in (rf"\b{POINTED_OUT}{SPEECH}\b", rf"\b{ROLE}\s+{SPEECH}\b"):
        for match in re.finditer(pattern, text, re.IGNORECASE):
            add(match, "")
    return sorted(findings.values(), key=lambda f: f.start)
