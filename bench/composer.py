"""Sentences of generated minutes, drawn from one seeded random generator.

The composer keeps what minutes keep consistent: who is present, the meeting date
(dates mentioned fall before or after it as the tense says), and every action it
writes, so the closing action table restates them.
"""

from __future__ import annotations

import random
from datetime import date, timedelta

from bench import vocabulary as v

PRESENT, SECRETARIAT, APOLOGIES = 36, 3, 5
_DATE_STYLES = ("long", "long", "weekday", "numeric", "iso", "no_year")


class _Fields(dict[str, str]):
    """A sentence's fields, each drawn the first time the frame asks for it."""

    def __init__(self, composer: Composer) -> None:
        super().__init__()
        self.composer = composer

    def __missing__(self, key: str) -> str:
        value = self.composer.field(key, self)
        self[key] = value
        return value


class Composer:
    """Draws people, dates and sentences for one generated document."""

    def __init__(self, rng: random.Random) -> None:
        self.rng = rng
        self.meeting = date(2024, 1, 8) + timedelta(days=rng.randrange(300))
        names = [f"{first} {last}" for first in v.FIRST_NAMES for last in v.LAST_NAMES]
        chosen = rng.sample(names, PRESENT + SECRETARIAT + APOLOGIES)
        self.names = chosen[:PRESENT]
        self.people = [(rng.choice(v.HONORIFICS) + name, self._organisation())
                       for name in self.names]
        self.secretariat = chosen[PRESENT:PRESENT + SECRETARIAT]
        self.secretariat_label = v.SECRETARIAT
        self.apologies = [(name, self._organisation())
                          for name in chosen[PRESENT + SECRETARIAT:]]
        self.actions: list[tuple[str, str, str]] = []  # text, owner, due
        self.action_words = 0

    def _organisation(self) -> str:
        return "–" if self.rng.random() < 0.1 else self.rng.choice(v.ORGANISATIONS)

    # Dates: varied styles, as minutes mix them.
    def long_date(self, day: date) -> str:
        """`12 March 2024`."""
        return f"{day.day} {day.strftime('%B %Y')}"

    def date_text(self, day: date) -> str:
        """The date in one of the styles minutes use."""
        style = self.rng.choice(_DATE_STYLES)
        if style == "weekday":
            return f"{day.strftime('%A')}, {self.long_date(day)}"
        if style == "numeric":
            return day.strftime("%d/%m/%Y")
        if style == "iso":
            return day.isoformat()
        if style == "no_year":
            return f"{day.day} {day.strftime('%B')}"
        return self.long_date(day)

    def later(self, after: date | None = None, days: int = 200) -> date:
        """A day after the meeting (or after `after`)."""
        return (after or self.meeting) + timedelta(days=self.rng.randint(1, days))

    def field(self, key: str, fields: _Fields) -> str:  # noqa: C901 - one branch a field
        """Draw the value of one sentence field."""
        rng = self.rng
        if key == "person":
            name, org = rng.choice([p for p in self.people if p[1] != "–"])
            fields["org"] = org
            return name
        if key in ("topic", "observation", "question", "body", "verb"):
            pool = {"topic": v.TOPICS, "observation": v.OBSERVATIONS,
                    "question": v.QUESTIONS, "body": v.BODIES, "verb": v.VERBS}[key]
            return rng.choice(pool)
        if key in ("topic_cap", "object_cap"):
            value = fields[key[:-4]]
            return value[:1].upper() + value[1:]
        if key == "event":
            return rng.choice(v.EVENTS).format_map(_Fields(self))
        if key == "object":
            return rng.choice(v.OBJECTS).format_map(fields)
        if key == "owner":
            return self._owner()
        if key == "date":
            fields["_day"] = self.later().isoformat()
            return self.date_text(date.fromisoformat(fields["_day"]))
        if key == "date2":
            return self.long_date(self.later(date.fromisoformat(fields["_day"]), 40))
        if key == "past":
            return self.long_date(self.meeting - timedelta(days=rng.randint(7, 120)))
        if key in ("time", "time2"):
            hour = rng.randint(9, 15) + (2 if key == "time2" else 0)
            return f"{hour:02d}:{rng.choice(('00', '15', '30'))}"
        if key == "place":
            return rng.choice(v.PLACES)
        if key == "n":
            return str(rng.randint(12, 400))
        if key == "secretariat":
            return "secretariat"
        raise KeyError(key)

    def _owner(self) -> str:
        roll = self.rng.random()
        name = self.rng.choice(self.names)
        if roll < 0.15:
            return "The secretariat"
        if roll < 0.5:  # "A. Brandt", as action tables write owners
            first, last = name.split(" ", 1)
            return f"{first[0]}. {last}"
        return name

    def sentence(self, frames: tuple[str, ...]) -> str:
        """One sentence from one of `frames`, its fields drawn at random."""
        fields = _Fields(self)
        text = self.rng.choice(frames).format_map(fields)
        if frames is v.ACTIONS:
            self._record_action(text, fields)
        return text

    def _record_action(self, text: str, fields: _Fields) -> None:
        owner = fields.get("owner") or ("All members" if "asked" in text else "")
        due = fields.get("_day", "")
        due = date.fromisoformat(due).strftime("%d/%m/%Y") if due else ""
        # Action tables name the task, not the sentence: "Circulate the list..."
        verb = fields.get("verb", "share")
        text = f"{verb[:1].upper()}{verb[1:]} {fields['object']}"
        self.actions.append((text, owner, due))
        self.action_words += len(text.split()) + len(owner.split()) + 2

    def paragraph(self) -> str:
        """A paragraph of discussion with, now and then, a dated event or an action."""
        sentences = []
        for _ in range(self.rng.randint(3, 6)):
            roll = self.rng.random()
            # Mostly discussion, as in real minutes; one sentence in ten is an action.
            frames = (v.DISCUSSION if roll < 0.7 else v.DATED if roll < 0.9
                      else v.ACTIONS)
            sentences.append(self.sentence(frames))
        return " ".join(sentences)

    def bullet(self) -> str:
        """A list item."""
        return self.sentence(v.BULLETS)

    def subheading(self) -> str:
        """A sub-section heading."""
        topic = self.rng.choice(v.TOPICS)
        return topic[:1].upper() + topic[1:]

    def section_title(self, number: int) -> str:
        """The title of agenda item `number` (0-based), each one different."""
        if number < len(v.SECTION_TITLES):
            return v.SECTION_TITLES[number]
        extra = number - len(v.SECTION_TITLES)
        topic = v.TOPICS[extra % len(v.TOPICS)]
        rounds = extra // len(v.TOPICS)
        return f"Working group on the {topic}" + (f" ({rounds + 1})" if rounds else "")

    def small_table(self) -> list[tuple[str, ...]]:
        """A motions or budget table, header row first."""
        if self.rng.random() < 0.5:
            rows = [("Motion", "Moved by", "Seconded by", "Status")]
            for _ in range(self.rng.randint(2, 4)):
                a, b = self.rng.sample(self.people, 2)
                status = self.rng.choice(("Passed", "Deferred", "Passed unanimously"))
                rows.append((f"Approve the {self.rng.choice(v.TOPICS)}", a[0], b[0],
                             status))
            return rows
        rows = [("Item", "Amount (EUR)", "Status")]
        for _ in range(self.rng.randint(3, 6)):
            rows.append((self.subheading(), f"{self.rng.randint(5, 900) * 100:,}",
                         self.rng.choice(("Approved", "Pending", "Paid"))))
        return rows

    def next_meeting_line(self) -> str:
        """`Tuesday, 8 October 2024, 09:30–17:00 CET (hybrid).`"""
        day = self.meeting + timedelta(days=7 * self.rng.randint(8, 20))
        return f"{day.strftime('%A')}, {self.long_date(day)}, 09:30–17:00 CET (hybrid)."
