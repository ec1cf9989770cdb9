"""Rules for note-style and reported actions: imperative bullets, offers, plans and
suggestions ("Send the slides", "The Faculty is happy to advertise", "Ravi plans
to provide", "It was suggested that the Clerk contact ...")."""

from __future__ import annotations

from ingest.extractors.actions_clauses import clause_start, spaced_dash
from ingest.extractors.actions_owner import owner_text, subject_tokens
from ingest.extractors.actions_rules import Clause, Rule, Verdict
from ingest.extractors.actions_words import GROUP_WORDS, STATE_VERBS, words

# Verbs of work that open a to-do bullet ("Buy chairs in bulk"). Verbs that
# are mostly nouns at a line's start ("Report", "Review", "Update") or that the
# meeting does itself ("Approve", "Discuss") are left out.
WORK_VERBS = words("""
send email e-mail mail circulate distribute forward upload submit contact phone ring
ask invite remind notify inform tell write draft prepare produce create build design
develop implement fix repair replace install book reserve buy purchase pay invoice
reimburse transfer collect obtain get find source research investigate explore check
verify confirm revise edit amend correct complete finish finalise finalize clean
cleanup paint print remove delete add allocate assign schedule arrange organise
organize coordinate follow chase liaise brainstorm encourage promote
advertise recruit hire train register renew translate test deploy migrate
archive compile gather identify define outline summarise summarize map sort
consolidate approach lobby engage keep take put bring give provide publish share post
look set figure sign write-up tag merge
""")
# A word after the verb that shows it is a noun heading: "Post of treasurer",
# "Contact details", "Check is ...".
_NOT_OBJECT = words("""
of on about from is are was were will would has have had should can could may might
must 's details list
""")
_LEADING = words("just also then and please")
# "I am happy to report ..." announces; it offers no work.
_SAYING = words("report announce say confirm inform welcome note add")
_BARE_VERB_NOT = words("""
will would should shall must can could may might is are was were be been has have
had to not also do does did 's 're
""")
_SUBJECT_WORDS = GROUP_WORDS | {"the", "and", "&", ".", "/"}
_SUBJECT_MAX = 7
_ADVERBS = words("better also first then still further all")
_RULE_VERBS = words("avoid refrain")  # "X needs to avoid ...": a rule, not work
_MEETING_VERBS = words("approve vote decide agree discuss adopt debate have")


def imperative(c: Clause) -> Verdict | None:
    """ "Send slide with details for TV": a bullet that opens with a verb of work."""
    doc, i = c.doc, c.span.start
    lead = i - 1 if i > c.start and doc[i - 1].lower_ in _LEADING else i
    # "We were given some paint - paint the back wall": a dash opens it too.
    after_dash = lead > c.start and spaced_dash(doc[lead - 1])
    if not c.bullet or (lead != c.start and not after_dash) or i + 1 >= c.end:
        return None
    after = doc[i + 1]
    if after.lower_ in _NOT_OBJECT or not (after.is_alpha or after.text[:1] in "@#\"“"):
        return None
    named = [t for t in doc[i:c.end] if t.is_alpha]
    if all(t.text[:1].isupper() for t in named):
        return None  # "Book Club", "Post Office Savings": a title, not a task
    return Verdict(None, lead)


def happy_to(c: Clause) -> Verdict | None:
    """ "The Faculty is happy to advertise", "They are willing to host": an offer."""
    doc = c.doc
    verb = doc[c.span.end - 1]
    if verb.lower_ in STATE_VERBS or verb.lower_ in _SAYING:
        return None
    begin = clause_start(doc, c.start, c.span.start)
    subject = subject_tokens(doc[begin:c.span.start])
    if len(subject) == 1 and subject[0].lower_ == "i":
        return Verdict(c.speaker, c.start) if c.speaker else None
    owner = owner_text(subject)
    return Verdict(owner, c.start) if owner is not None else None


def suggested_that(c: Clause) -> Verdict | None:
    """ "It was suggested that the Clerk contact the Borough Council": the bare
    verb after a named subject gives that subject the work."""
    doc, k = c.doc, c.span.end
    while k < c.end and k - c.span.end < _SUBJECT_MAX and (
            doc[k].text[:1].isupper() or doc[k].lower_ in _SUBJECT_WORDS):
        k += 1
    if k >= c.end or k == c.span.end:
        return None
    verb = doc[k]
    if not (verb.is_alpha and verb.is_lower) or verb.lower_ in _BARE_VERB_NOT \
            or verb.lower_.endswith("ed") or verb.lower_ in STATE_VERBS \
            or (verb.lower_.endswith("s") and not verb.lower_.endswith("ss")):
        return None  # "that the Clerk contacts", "that X will": not a bare verb
    owner = owner_text(list(doc[c.span.end:k]))
    return Verdict(owner, c.start) if owner is not None else None


def suggested_to(c: Clause) -> Verdict | None:
    """ "It is suggested to get quotes ...": a recommendation of work to no one."""
    doc, i = c.doc, c.span.start
    impersonal = i >= c.start + 1 and doc[i - 1].lower_ == "it"
    return Verdict(None, c.start) if impersonal else None


def plan(c: Clause) -> Verdict | None:
    """ "Plan to ...", "Ravi plans to provide ...", "The Department needs to see":
    a to-do line, or the plan or need of someone named."""
    if c.span.start == c.start:
        return Verdict(None, c.start)
    doc, k = c.doc, c.span.end
    while k < c.end and (doc[k].lower_.endswith("ly") or doc[k].lower_ in _ADVERBS):
        k += 1
    verb = doc[k].lower_ if k < c.end else ""
    after = doc[k + 1].lower_ if k + 1 < c.end else ""
    # "All that they need to do is ...", "The Society needs to avoid ...": no task.
    if verb in STATE_VERBS or verb in _RULE_VERBS or after in {"is", "was"} \
            or not verb.isalpha():
        return None
    begin = clause_start(doc, c.start, c.span.start)
    subject = subject_tokens(doc[begin:c.span.start])
    if len(subject) == 1 and subject[0].lower_ == "we":
        # "We need to approve the change" is the meeting's own business.
        return None if verb in _MEETING_VERBS else Verdict(None, c.start)
    owner = owner_text(subject)
    if owner is None or owner.lower() in {"the", "a", "an"}:
        return None  # "The plan to ...": a noun, no one named
    if len(subject) == 1 and owner.lower() in _OPENING_ADVERBS:
        return None  # "Really need to get ...": an adverb opening the line
    return Verdict(owner, c.start)


# Adverbs that open a terse line and look like a capitalised name.
_OPENING_ADVERBS = words("""
really definitely actually certainly clearly urgently ideally likely possibly
probably finally additionally eventually hopefully seriously obviously generally
basically still maybe perhaps also
""")
# Nouns that state an aim, not a person given work: "The goal is to ...".
_GOALS = words("""
aim aims goal goals outcome outcomes purpose objective objectives idea intention
mission vision plan hope point focus priority priorities target intent
""")


def is_to(c: Clause) -> Verdict | None:
    """ "The Clerk is to write to the council": work assigned to someone named;
    "The aim is to ..." names no one."""
    doc = c.doc
    verb = doc[c.span.end - 1].lower_
    if verb in STATE_VERBS or verb == "be":
        return None
    begin = clause_start(doc, c.start, c.span.start)
    owner = owner_text(subject_tokens(doc[begin:c.span.start]))
    if owner is None or owner.lower() in {"the", "a", "an"} \
            or owner.split()[-1].lower() in _GOALS:  # "Outcome is to maintain"
        return None
    return Verdict(owner, c.start)


def formed_to(c: Clause) -> Verdict | None:
    """ "A working group was formed to revisit the policy": the body set up does
    the work."""
    begin = clause_start(c.doc, c.start, c.span.start)
    subject = subject_tokens(c.doc[begin:c.span.start])
    last = subject[-1].lower_ if subject else ""
    if last not in GROUP_WORDS and not last.endswith(("committee", "group")):
        return None
    owner = owner_text(subject)
    if owner is None and subject[0].lower_ in {"a", "an"}:
        owner = c.doc[subject[0].i:subject[-1].i + 1].text
    return Verdict(owner, c.start)


NOTE_RULES: dict[str, Rule] = {
    "IMPERATIVE": imperative, "HAPPY_TO": happy_to,
    "SUGGESTED_THAT": suggested_that, "SUGGESTED_TO": suggested_to,
    "NEED": plan, "PLAN": plan, "IS_TO": is_to, "FORMED_TO": formed_to,
}

_BE = ["is", "are", "am", "'m", "’m", "'re", "’re", "was", "were"]
NOTE_PATTERNS: dict[str, list[list[dict]]] = {
    "IMPERATIVE": [[{"LOWER": {"IN": sorted(WORK_VERBS)}}]],
    "HAPPY_TO": [[{"LOWER": {"IN": _BE}},
                  {"LOWER": {"IN": ["also", "still", "very", "more", "quite"]},
                   "OP": "?"},
                  {"LOWER": {"IN": ["happy", "willing", "glad", "keen", "prepared"]}},
                  {"LOWER": "to"}, {"IS_ALPHA": True}]],
    "SUGGESTED_THAT": [[{"LOWER": {"IN": ["suggested", "recommended", "agreed",
                                          "decided", "resolved", "requested"]}},
                        {"LOWER": "that"}]],
    "FORMED_TO": [[{"LOWER": {"IN": ["was", "were", "is", "are", "been"]}},
                   {"LOWER": {"IN": ["formed", "created", "established", "set",
                                     "appointed", "convened"]}},
                   {"LOWER": "up", "OP": "?"}, {"LOWER": "to"},
                   {"IS_ALPHA": True, "IS_LOWER": True}]],
    "IS_TO": [[{"LOWER": {"IN": ["is", "are"]}}, {"LOWER": "to"},
               {"IS_ALPHA": True, "IS_LOWER": True}]],
    "SUGGESTED_TO": [[{"LOWER": {"IN": _BE}},
                      {"LOWER": "suggested"},
                      {"LOWER": "to"}, {"IS_ALPHA": True}]],
}
