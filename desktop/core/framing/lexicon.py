"""The word lists behind framing analysis, in one place a reader can audit.

Every cue the analysis looks for lives here, not scattered through regexes, so that
`docs/framing-lexicon.md` can be generated from it (`lexicon_doc.render_markdown()`) and a test
can check the two never drift apart. Regenerate the document after editing a list:

    .venv/bin/python -m desktop.core.framing.lexicon_doc

Lists are lower case unless the cue is only a cue when capitalised (titles, outlets). Patterns
(regular expressions) are used only where a phrase has too many variants to list; each one comes
with a plain description and examples, and the examples are tested.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Pattern:
    """A cue with too many surface forms to list: a regex, described for people.

    `before` lists words that belong to the cue when they come right before the match ("does"
    in "does not rule out"); with `before_required` the cue needs one of them. Keeping them out
    of the regex keeps it fast: it can then fail on the first letter at most positions.
    """

    regex: str
    description: str
    examples: tuple[str, ...]
    before: tuple[str, ...] = ()
    before_required: bool = False


_BE = ("is", "are", "was", "were", "be", "been", "being")
_AUXILIARIES = ("do", "does", "did", "has", "have", "had", "would", "will", "could", "can",
                "should")  # fmt: skip


# -- hedges -------------------------------------------------------------------------------------

#: The kinds of hedge. At one position patterns are tried before listed phrases, in this order,
#: and the longest listed phrase wins, so "could not rule out" is openness, not the modal "could".
HEDGE_KINDS = ("openness", "conditional", "expectation", "distance", "probability", "modal")

HEDGE_WORDS: dict[str, tuple[str, ...]] = {
    "modal": (
        "may well", "might well", "could well", "would likely", "would probably",
        "would possibly", "may", "might", "could",
    ),
    "probability": (
        "in all likelihood", "it is possible that", "it's possible that", "most likely",
        "likely", "unlikely", "possibly", "probably", "perhaps", "maybe", "potentially",
        "presumably", "conceivably",
    ),
    "distance": (
        "is said to", "are said to", "was said to", "were said to",
        "is believed to", "are believed to", "was believed to", "were believed to",
        "is thought to", "are thought to", "is understood to", "are understood to",
        "is reported to", "are reported to", "appears to", "appear to", "appeared to",
        "reportedly", "allegedly", "purportedly", "apparently", "supposedly", "ostensibly",
        "seemingly", "seems", "seem", "seemed",
    ),
    "expectation": (
        "in the works", "plans to", "plan to", "planning to", "aims to", "aim to", "aiming to",
        "intends to", "intend to", "hopes to", "hope to",
    ),
    "openness": (),
    "conditional": (
        "if necessary", "if needed", "if required", "if need be", "where necessary",
        "when necessary", "under certain conditions", "under certain circumstances",
        "in principle", "on condition that", "provided that", "depending on",
    ),
}  # fmt: skip

HEDGE_PATTERNS: dict[str, tuple[Pattern, ...]] = {
    "modal": (),
    "probability": (),
    "distance": (),
    "expectation": (
        Pattern(
            r"expected\s+to",
            "expected to, with the form of *be* before it when there is one",
            ("is expected to", "were expected to", "expected to"),
            before=_BE,
        ),
        Pattern(
            r"(?:set|due|poised|scheduled)\s+to",
            "*be* set / due / poised / scheduled to (never bare: 'set to music', 'due to rain')",
            ("is set to", "are due to", "was scheduled to"),
            before=_BE,
            before_required=True,
        ),
    ),
    "openness": (
        Pattern(
            r"(?:not|never|cannot|(?:do|does|did|has|have|had|would|wo|could|ca|should)n[’']t|"
            r"(?:refus|declin)(?:e|es|ed|ing)\s+to|without)\s+"
            r"(?:be\s+|been\s+)?rul(?:e|es|ed|ing)\s+out",
            "not … rule out in any tense, with its *do/have/modal* auxiliary (a form of *be* "
            "before it is left out, so 'was not ruling out' gives 'not ruling out')",
            (
                "does not rule out",
                "has not ruled out",
                "would not rule out",
                "not ruling out",
                "won't rule out",
                "cannot be ruled out",
                "refused to rule out",
                "without ruling out",
            ),
            before=_AUXILIARIES,
        ),
        Pattern(
            r"(?:leave|leaves|left|leaving)\s+(?:the|that|a|this)\s+door\s+open",
            "leave the door open",
            ("leaves the door open", "leaving that door open"),
        ),
        Pattern(
            r"(?:leave|leaves|left|leaving)\s+room\s+for",
            "leave room for",
            ("leaves room for",),
        ),
        Pattern(
            r"(?:keep|keeps|kept|keeping)\s+(?:\w+\s+)?options\s+open",
            "keep (its / all / …) options open",
            ("keeping its options open", "keep options open"),
        ),
        Pattern(
            r"nothing\s+(?:is|was|has\s+been|had\s+been)\s+(?:taken\s+)?off\s+the\s+table",
            "nothing is / has been (taken) off the table",
            ("nothing is off the table", "nothing has been taken off the table"),
        ),
        Pattern(
            r"(?:all|every)\s+options?\s+(?:is|are|remain|remains)\s+on\s+the\s+table",
            "all options are on the table",
            ("all options are on the table",),
        ),
        Pattern(
            r"open\s+to",
            "*be* / remain open to",
            ("is open to", "remains open to"),
            before=(*_BE, "remain", "remains", "remained"),
            before_required=True,
        ),
    ),
    "conditional": (
        Pattern(
            r"if\s+(?:\w+\s+){1,3}?(?:necessary|needed|required|appropriate)",
            "if … necessary / needed / required / appropriate, up to three words between",
            ("if they prove necessary", "if it becomes necessary"),
        ),
    ),
}

#: Phrases that look like hedges but are decided not to be (documented, and tested).
NOT_HEDGES: dict[str, str] = {
    "no red line": "a claim about policy, asserted in the outlet's or speaker's voice; it is "
    "handled as negation ('no red line' against 'a red line' is a conflict), not as caution",
    "could not": "inability, stated flatly ('could not be done'); 'could' alone is a hedge",
    "would": "alone it is reported speech or a conditional, not caution ('said it would act')",
    "will": "the assertive counterpart a hedge is compared against",
    "appears": "alone it is usually literal ('appeared in court'); only 'appears to' is a hedge",
}

# -- attribution --------------------------------------------------------------------------------

#: Reporting verbs and phrases: the `cue` of an attribution is one of these, as written.
SPEECH_CUES: tuple[str, ...] = (
    "according to",
    "said", "says", "say", "saying", "told", "tells", "telling",
    "warned", "warns", "reported", "reports", "called", "calls",
    "argued", "argues", "arguing", "insisted", "insists", "noted", "notes",
    "added", "adds", "adding", "claimed", "claims", "stressed", "stresses",
    "wrote", "writes", "described", "describes", "announced", "announces",
    "stated", "confirmed", "confirms", "denied", "denies", "acknowledged", "admitted",
    "explained", "asserted", "declared", "pledged", "promised", "vowed", "urged",
    "calling", "characterised", "characterized",
)  # fmt: skip

#: Cues that may come before their speaker ("…," said Lavrov).
INVERTIBLE_CUES: frozenset[str] = frozenset(
    ("said", "says", "added", "wrote", "writes", "noted", "explained", "argued", "insisted")
)

#: Participles whose speaker is the subject of the sentence ("Trump spoke, saying …").
PARTICIPLE_CUES: frozenset[str] = frozenset(("saying", "telling", "adding", "arguing", "calling"))

#: Known outlets: canonical name and the spellings that name it. Matching is case-sensitive.
OUTLETS: dict[str, tuple[str, ...]] = {
    "Politico": ("Politico", "POLITICO"),
    "The Washington Post": ("The Washington Post", "Washington Post"),
    "The New York Times": ("The New York Times", "New York Times", "NYT"),
    "The Wall Street Journal": ("The Wall Street Journal", "Wall Street Journal", "WSJ"),
    "Reuters": ("Reuters",),
    "Associated Press": ("The Associated Press", "Associated Press", "AP"),
    "AFP": ("AFP", "Agence France-Presse", "Agence France Presse"),
    "BBC": ("BBC", "BBC News"),
    "CNN": ("CNN",),
    "Bloomberg": ("Bloomberg", "Bloomberg News"),
    "Financial Times": ("Financial Times", "The Financial Times", "FT"),
    "The Guardian": ("The Guardian",),
    "The Economist": ("The Economist",),
    "The Telegraph": ("The Telegraph", "The Daily Telegraph"),
    "Axios": ("Axios",),
    "NBC News": ("NBC News", "NBC"),
    "CBS News": ("CBS News", "CBS"),
    "ABC News": ("ABC News",),
    "Fox News": ("Fox News",),
    "NPR": ("NPR",),
    "Al Jazeera": ("Al Jazeera",),
    "Der Spiegel": ("Der Spiegel", "Spiegel"),
    "Le Monde": ("Le Monde",),
    "Deutsche Welle": ("Deutsche Welle", "DW"),
    "Sky News": ("Sky News",),
    "TASS": ("TASS", "Tass"),
    "RIA Novosti": ("RIA Novosti", "RIA"),
    "Interfax": ("Interfax",),
    "Kommersant": ("Kommersant",),
    "Meduza": ("Meduza",),
    "Kyiv Independent": ("The Kyiv Independent", "Kyiv Independent"),
    "Kyiv Post": ("The Kyiv Post", "Kyiv Post"),
    "Ukrainska Pravda": ("Ukrainska Pravda",),
    "Ukrinform": ("Ukrinform",),
}

#: Words that make the speaker anonymous wherever they appear in the speaker's phrase.
ANONYMITY_MARKERS: tuple[str, ...] = (
    "familiar with", "close to", "briefed on", "with knowledge of", "condition of anonymity",
    "asked not to be named", "declined to be named", "not authorized to", "not authorised to",
    "speaking anonymously", "requested anonymity", "who asked not to be identified",
)  # fmt: skip

#: Heads of a speaker's phrase that name nobody ("a senior official", "sources", "estimates"),
#: unless a name follows them ("aide Yury Ushakov" is named).
ANONYMOUS_NOUNS: frozenset[str] = frozenset(
    """
    official officials source sources people person diplomat diplomats aide aides insider
    insiders adviser advisers advisor advisors analyst analysts expert experts observer
    observers lawmaker lawmakers officer officers negotiator negotiators estimates reports
    witnesses residents
    """.split()
)

#: Heads that name a specific person or body by office ("the minister", "the Foreign Ministry").
ROLE_NOUNS: frozenset[str] = frozenset(
    """
    minister ministry president spokesman spokeswoman spokesperson government administration
    embassy statement army military police prosecutor prosecutors court agency company
    department office council commission parliament secretary chancellor premier leader
    leaders general commander chief kremlin
    """.split()
)

#: Titles before a name. Capitalised ones are kept as written; lower-case ones ("Kremlin aide
#: Yury Ushakov", "NATO chief Mark Rutte") join a name only when a capitalised word follows.
TITLES: tuple[str, ...] = (
    "President", "Vice President", "Prime Minister", "Foreign Minister", "Defence Minister",
    "Defense Minister", "Minister", "Chancellor", "Secretary General", "Secretary-General",
    "Secretary of State", "Secretary", "Senator", "Sen.", "Rep.", "Representative", "Governor",
    "Gov.", "Mayor", "Ambassador", "General", "Gen.", "Admiral", "Adm.", "King", "Queen",
    "Prince", "Pope", "Commissioner", "Chairman", "Chairwoman", "Director", "Spokesman",
    "Mr.", "Mrs.", "Ms.", "Dr.", "Prof.",
    "aide", "adviser", "advisor", "spokesman", "spokeswoman", "spokesperson", "chief", "envoy",
    "minister", "president", "head", "leader", "commander", "official", "negotiator",
    "manager", "director", "secretary", "commissioner", "chairman", "governor", "general",
)  # fmt: skip

PRONOUNS: frozenset[str] = frozenset(("he", "she", "they", "it", "we", "i"))

#: Heads of a speaker's phrase that name a body, not a person: "it said" may refer back to one
#: of these (or to an outlet, or an acronym such as NATO), never to a person.
INSTITUTION_NOUNS: frozenset[str] = frozenset(
    """
    ministry government administration embassy army military police court agency company
    department office council commission parliament kremlin operator firm authority
    authorities service committee union alliance bank airline lines group organisation
    organization coalition board navy coastguard
    """.split()
)

# -- negation -----------------------------------------------------------------------------------

#: Words that turn the predicate after them (skipping auxiliaries and adverbs) negative.
NEGATORS: tuple[str, ...] = (
    "not", "n't", "never", "no", "no longer", "cannot", "without",
    "refused to", "declined to", "failed to", "unable to", "unwilling to",
)  # fmt: skip

#: Phrases that contain a negator but negate nothing (checked before NEGATORS).
NOT_NEGATIONS: tuple[str, ...] = (
    "not only", "not just … but", "not merely … but", "not simply … but", "whether or not",
    "if not", "not least", "not to mention", "no doubt", "no matter", "no more than",
    "no less than", "no fewer than", "no later than", "no sooner", "no one",
)  # fmt: skip

#: Words skipped between a negator and the predicate it negates ("has not yet been addressed").
NEGATION_SKIP: frozenset[str] = frozenset(
    """
    be been being is are was were am have has had do does did will would shall should can could
    may might must yet ever even always also currently immediately necessarily fully really
    quite so too very to any
    """.split()
)

#: Words of opposite outcome. Where the word diff of two linked sentences puts a word of one side
#: of a pair in place of a word of the other, with nothing else changed around it but function
#: words, the link conflicts ("the council approved the plan" / "the council rejected the plan").
#: Negators ("refused to", "declined to", "failed to") are left to the negation rule.
OPPOSITES: tuple[tuple[tuple[str, ...], tuple[str, ...]], ...] = (
    (("agree", "agrees", "agreed", "accept", "accepts", "accepted"),
     ("reject", "rejects", "rejected")),
    (("approve", "approves", "approved"), ("reject", "rejects", "rejected", "veto", "vetoes",
                                           "vetoed")),
    (("confirm", "confirms", "confirmed", "admit", "admits", "admitted"),
     ("deny", "denies", "denied")),
    (("win", "wins", "won"), ("lose", "loses", "lost")),
    (("rise", "rises", "rose", "risen", "increase", "increases", "increased", "grow", "grows",
      "grew"), ("fall", "falls", "fell", "fallen", "decrease", "decreases", "decreased", "drop",
                "drops", "dropped")),
    (("support", "supports", "supported"), ("oppose", "opposes", "opposed")),
    (("lift", "lifts", "lifted"), ("impose", "imposes", "imposed")),
    (("acquit", "acquits", "acquitted"), ("convict", "convicts", "convicted")),
)  # fmt: skip

# -- numbers, dates, durations ------------------------------------------------------------------

NUMBER_WORDS: dict[str, int] = {
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
    "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14,
    "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19,
    "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70,
    "eighty": 80, "ninety": 90, "dozen": 12,
}  # fmt: skip

SCALES: dict[str, float] = {
    "hundred": 1e2, "thousand": 1e3, "million": 1e6, "billion": 1e9, "trillion": 1e12,
    "k": 1e3, "m": 1e6, "mn": 1e6, "mln": 1e6, "bn": 1e9, "b": 1e9, "tn": 1e12,
}  # fmt: skip

#: Currency marks and words, to ISO codes. "bn" alone ("90bn") is money of unknown currency.
CURRENCIES: dict[str, str] = {
    "$": "USD", "US$": "USD", "USD": "USD", "dollar": "USD", "dollars": "USD",
    "€": "EUR", "EUR": "EUR", "euro": "EUR", "euros": "EUR",
    "£": "GBP", "GBP": "GBP", "pound": "GBP", "pounds": "GBP",
    "¥": "JPY", "yen": "JPY", "RUB": "RUB", "rouble": "RUB", "roubles": "RUB", "ruble": "RUB",
    "rubles": "RUB", "UAH": "UAH", "hryvnia": "UAH", "hryvnias": "UAH",
}  # fmt: skip

#: Duration units in days, so "a week" and "seven days" compare equal.
DURATION_UNITS: dict[str, float] = {
    "minute": 1 / 1440, "hour": 1 / 24, "day": 1, "week": 7, "fortnight": 14, "month": 30,
    "year": 365,
}  # fmt: skip

#: Words before a duration that belong to it ("within ten days").
DURATION_PREPOSITIONS: tuple[str, ...] = (
    "within", "in", "for", "over", "after", "under", "about", "nearly", "around", "almost",
)  # fmt: skip

#: Words before a figure that loosen it, and how: "~" within 10%, ">=" at least, "<=" at most.
QUALIFIERS: dict[str, str] = {
    "about": "~", "around": "~", "roughly": "~", "approximately": "~", "nearly": "~",
    "almost": "~", "some": "~", "an estimated": "~", "close to": "~", "circa": "~",
    "more than": ">=", "over": ">=", "at least": ">=", "upwards of": ">=",
    "up to": "<=", "less than": "<=", "fewer than": "<=", "under": "<=", "at most": "<=",
}  # fmt: skip

MONTHS: dict[str, int] = {
    "january": 1, "february": 2, "march": 3, "april": 4, "may": 5, "june": 6, "july": 7,
    "august": 8, "september": 9, "october": 10, "november": 11, "december": 12,
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "jun": 6, "jul": 7, "aug": 8, "sep": 9,
    "sept": 9, "oct": 10, "nov": 11, "dec": 12,
}  # fmt: skip

WEEKDAYS: tuple[str, ...] = (
    "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday",
)  # fmt: skip

# -- words that are never names or content -----------------------------------------------------

FUNCTION_WORDS: frozenset[str] = frozenset(
    """
    a about above after again against all also an and any are as at be because been before
    being below between both but by can could did do does during each few for from further had
    has have he her here his how i if in into is it its just many may might more most much must
    my no nor not of off on once only or other our out over own same she should so some such
    than that the their them then there these they this those through to too under until up
    very was we were what when where which while who whom why will with would you your within
    since via per upon among amid across despite several another every either neither
    meanwhile however still yet even already later earlier now today once again
    """.split()
)

DETERMINERS: frozenset[str] = frozenset(
    """
    a an the this that these those some several many most few both all each any other another
    one two three four five six seven eight nine ten his her its their our my your
    """.split()
)
