"""The bilingual lexicon of the aligner, and Indonesian/English word keys."""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import lru_cache
from importlib import resources
from pathlib import Path

WORD_PATTERN = re.compile(r"\w+(?:[-'’]\w+)*")

# English words with no Indonesian counterpart (articles, auxiliaries): they would only
# lower every bead's coverage alike.
ENGLISH_UNMATCHED = frozenset({"the", "a", "an", "is", "are", "was", "were", "be", "been", "being", "of", "to", "'s", "s"})
_ENGLISH_UNMATCHED = ENGLISH_UNMATCHED  # the name the aligner first used

_CLITICS = ("nya", "lah", "kah", "pun", "ku", "mu")

_SUFFIXES = ("kan", "an", "i")

_PREFIXES = (
    ("memper", ""), ("diper", ""), ("meny", "s"), ("peny", "s"), ("meng", ""), ("peng", ""), ("mem", "p"),
    ("pem", "p"), ("men", "t"), ("pen", "t"), ("mem", ""), ("men", ""), ("pen", ""), ("pem", ""), ("me", ""),
    ("pe", ""), ("ber", ""), ("be", ""), ("ter", ""), ("di", ""), ("ke", ""), ("se", ""), ("per", ""),
)


@lru_cache(maxsize=1 << 16)
def english_key(word: str) -> str:
    """A light English stem, applied alike to lexicon entries and text: plural -s/-es/-ies,
    -ed and -ing (so "symptoms" finds "symptom"). Cached: text repeats its words."""
    word = word.lower().replace("’", "'")
    for suffix, replacement in (("ies", "y"), ("ing", ""), ("ed", ""), ("es", ""), ("s", "")):
        if word.endswith(suffix) and len(word) - len(suffix) >= 3:
            word = word[: -len(suffix)] + replacement
            if suffix in ("ed", "es") and word.endswith("e"):
                word += "e"  # "agreed", "frees": "agree", "free"
            elif suffix in ("ing", "ed") and len(word) >= 4 and word[-1] == word[-2] and word[-1] not in "aeiouls":
                word = word[:-1]  # "stopped", "running": "stop", "run"
            break
    # A final silent "e" goes, so "close" and "closed", "replicate" and "replicating" meet.
    return word[:-1] if len(word) >= 4 and word.endswith("e") and not word.endswith("ee") else word


# English function words: like the Indonesian ones (bitext/data/stopwords-id.txt) they
# occur in nearly every sentence, so they would explain a misaligned pair as well as a
# translation. General vocabulary.
ENGLISH_FUNCTION_WORDS = frozenset(english_key(word) for word in (
    "a an the and or but nor so yet if then than that this these those there here which who whom whose what when "
    "where why how all any both each few more most other some such no not only own same too very can will just "
    "should would could may might must shall do does did done have has had having be is are was were been being "
    "am i me my we us our you your he him his she her it its they them their of at by for with about against "
    "between into through during before after above below to from up down in out on off over under again further "
    "once as until while also said says").split())


@lru_cache(maxsize=1)
def indonesian_function_words() -> frozenset[str]:
    """The Indonesian function words of ``bitext/data/stopwords-id.txt``."""
    from bitext.data import packaged

    return frozenset(word for line in packaged("stopwords-id.txt").splitlines() if not line.startswith("#")
                     for word in line.split())


_COGNATE_SPELLING = (("ph", "f"), ("ce", "se"), ("ci", "si"), ("cy", "si"), ("c", "k"), ("q", "k"), ("x", "ks"),
                     ("y", "i"), ("th", "t"), ("rh", "r"))

COGNATE_PREFIX = 5


@lru_cache(maxsize=1 << 16)
def cognate_key(word: str) -> str:
    """The first letters of a word in Indonesian spelling, or "" for a short word: a
    loanword and its English source meet ("replikasi" and "replication", "ekonomi" and
    "economy", "fenotipe" and "phenotype"), through the regular correspondences of
    Indonesian spelling (c before e, i, y is s, else k; ph is f; y is i; x is ks)."""
    word = word.lower()
    if len(word) < COGNATE_PREFIX + 1 or not word.isalpha():
        return ""
    for english, indonesian in _COGNATE_SPELLING:
        word = word.replace(english, indonesian)
    return word[:COGNATE_PREFIX]


# English endings and their usual Indonesian loanword form ("-tion" is "-si": "infection",
# "infeksi"; "-ity" is "-itas"; "-ic" is "-ik"; "-ive" is "-if"), longest first.
_LOANWORD_ENDINGS = (("ization", "isasi"), ("ical", "is"), ("tion", "si"), ("logy", "logi"), ("ized", "isasi"),
                     ("ize", "isasi"), ("ity", "itas"), ("ism", "isme"), ("ous", "us"), ("phy", "fi"), ("ive", "if"),
                     ("ic", "ik"))


def loanword_spelling(word: str) -> str:
    """How Indonesian would spell an English word it borrowed ("therapeutic":
    "terapeutik", "infection": "infeksi", "phase": "fase"): the regular ending and
    spelling correspondences of :func:`cognate_key`, applied to the whole word."""
    word = word.lower()
    for english, indonesian in _LOANWORD_ENDINGS:
        if word.endswith(english) and len(word) - len(english) >= 3:
            word = word[: -len(english)] + indonesian
            break
    for english, indonesian in _COGNATE_SPELLING:
        word = word.replace(english, indonesian)
    return word


@lru_cache(maxsize=1 << 16)
def indonesian_candidates(word: str) -> tuple[str, ...]:
    """The word and the stems affix stripping gives (clitics, then suffixes, then
    prefixes with nasal restoration: "menyerang" -> "serang", "pemerintahannya" ->
    "perintah"), most specific first. Cached: a document repeats its words, and every
    token is looked up for both the lexicon and the comparison key."""
    word = word.lower()
    forms = [word]
    if "-" in word:  # reduplication: "negara-negara" -> "negara"
        forms.append(word.split("-")[0])
    for clitic in _CLITICS:
        if word.endswith(clitic) and len(word) - len(clitic) >= 3:
            forms.append(word[: -len(clitic)])
            break
    for form in list(forms):
        for suffix in _SUFFIXES:
            if form.endswith(suffix) and len(form) - len(suffix) >= 3:
                forms.append(form[: -len(suffix)])
    for form in list(forms):
        for prefix, restored in _PREFIXES:
            if form.startswith(prefix) and len(form) - len(prefix) >= 3:
                forms.append(restored + form[len(prefix) :])
    return tuple(dict.fromkeys(forms))


class Lexicon:
    """Indonesian-English word pairs, looked up through affix stripping on the Indonesian
    side and a light stem on the English side."""

    def __init__(self, pairs: Iterable[tuple[str, str]] = ()) -> None:
        self.to_english: dict[str, set[str]] = {}
        self.to_indonesian: dict[str, set[str]] = {}
        for indonesian, english in pairs:
            self.add(indonesian, english)

    def add(self, indonesian: str, english: str) -> None:
        """Pair every Indonesian word of ``indonesian`` with the light stem of every English
        word of ``english``, both ways (English words the aligner never matches are skipped)."""
        for id_word in WORD_PATTERN.findall(indonesian.lower()):
            for en_word in WORD_PATTERN.findall(english.lower()):
                key = english_key(en_word)
                if key in _ENGLISH_UNMATCHED:
                    continue
                self.to_english.setdefault(id_word, set()).add(key)
                self.to_indonesian.setdefault(key, set()).add(id_word)

    def __len__(self) -> int:
        return len(self.to_english)

    @classmethod
    def default(cls) -> Lexicon:
        """The lexicon shipped with bitext (FreeDict English-Indonesian, CC BY-SA 3.0)."""
        return _default_lexicon()

    @classmethod
    def load(cls, path: str | Path) -> Lexicon:
        """A lexicon file: ``indonesian<TAB>english|english...`` lines, ``#`` comments."""
        return cls(_pairs(Path(path).read_text("utf-8")))

    def with_glossary(self, glossary) -> Lexicon:
        """This lexicon plus every source variant and target form of a glossary."""
        extended = Lexicon()
        extended.to_english = {k: set(v) for k, v in self.to_english.items()}
        extended.to_indonesian = {k: set(v) for k, v in self.to_indonesian.items()}
        for entry in glossary.entries if glossary else ():
            for source in entry.sources:
                for target in entry.targets:
                    extended.add(source, target)
        return extended

    def english_for(self, word: str) -> set[str]:
        """The English keys of the first form of ``word`` (see :func:`indonesian_candidates`) the
        lexicon knows; empty when it knows none."""
        for form in indonesian_candidates(word):
            found = self.to_english.get(form)
            if found:
                return found
        return set()

    def indonesian_for(self, word: str) -> set[str]:
        """Indonesian words the lexicon gives for an English word (through its light stem)."""
        return self.to_indonesian.get(english_key(word), set())

    def indonesian_key(self, token: str) -> str:
        """The form under which an Indonesian token is compared: its first form the
        lexicon knows (so "pemerintahannya" and "pemerintah" meet), else the token."""
        for form in indonesian_candidates(token):
            if form in self.to_english:
                return form
        return token.lower()

    def expected_english(self, token: str) -> set[str]:
        """English keys an Indonesian token may stand for: its translations, and itself
        (names, numbers, acronyms and loanwords are their own translation)."""
        return self.english_for(token) | {english_key(token)}

    def expected_indonesian(self, key: str) -> set[str]:
        """Indonesian comparison keys an English key may stand for, and the key itself."""
        return {self.indonesian_key(word) for word in self.to_indonesian.get(key, ())} | {key}


def _pairs(text: str) -> Iterable[tuple[str, str]]:
    for line in text.splitlines():
        if line.strip() and not line.startswith("#"):
            indonesian, _, english = line.partition("\t")
            for word in english.split("|"):
                yield indonesian, word


@lru_cache(maxsize=1)
def _default_lexicon() -> Lexicon:
    text = resources.files("bitext.data").joinpath("lexicon-id-en.tsv").read_text("utf-8")
    return Lexicon(_pairs(text))
