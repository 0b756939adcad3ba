"""Vocabulary shortlists: the target pieces a batch can need, for CTranslate2's ``use_vmap``.

opus-mt's output layer (512 x ~58k) is most of the work of each decoding step. A
CTranslate2 *vocabulary map* lists, for source n-grams, the target tokens a translation of
them may use; with ``use_vmap`` each batch's output layer is cut to the union of the
entries its sources hit, plus the always-kept ones (the line whose source side is empty).
A piece outside that union cannot be produced, so a shortlist trades a little risk for
speed. :func:`build_shortlist` collects general evidence only:

* the most frequent target pieces in English text, always kept: each piece counts the
  frequency of every English word whose pieces include it (the shipped word list
  ``bitext/data/frequencies-en.tsv``, 99,700 words from wordfreq, CC BY-SA 4.0), with the
  bare form of each frequent word (no word-start mark: a word right after a bracket or
  a quote), the word-internal pieces (endings) among a larger number of the most
  frequent, and the target side of a parallel corpus when one is given;
* copies: every source piece maps to the target pieces of its own text (names, numbers
  and foreign words that a model copies through), save the lexicons' lower-case words;
* cognates and loanwords: English words (target pieces, and the lexicons' English words
  of several pieces) keyed by the source pieces of their Indonesian spelling
  ("therapeutic" by "terapeutik", "phase" by "fase", "diagnostic" by "diagnostik");
* the shipped lexicons: an Indonesian word's pieces map to the pieces of its English
  translations in the FreeDict-derived ``bitext/data/lexicon-id-en.tsv`` (9,400 words) and
  the Wordnet Bahasa + Princeton WordNet ``bitext/data/lexicon-id-en-wordnet.tsv`` (33,000
  lemmas), with regular English inflections, and the English words of the same stem
  and case ("hospital": "hospitals", "hospitalized"; Snowball's English stemmer);
* glossary targets, keyed by the pieces of their source terms;
* co-occurrence counts from a parallel corpus: for each source piece, the target pieces
  that occur with it far more often than chance (count x pointwise mutual information).

:func:`coverage` is the model-free risk measure: on held-out parallel text, the share of
the reference translations' target pieces that each sentence's own shortlist contains.
"""

from __future__ import annotations

import hashlib
import logging
import math
from collections import Counter
from collections.abc import Container, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path

from bitext.errors import BitextError
from bitext.translation.hub import cache_dir

_log = logging.getLogger(__name__)

VMAP_NAME = "vmap.txt"
SPECIAL = ("<unk>", "<s>", "</s>", "<pad>")


class ShortlistError(BitextError):
    """A shortlist that cannot be built or read."""


@dataclass(frozen=True)
class ShortlistOptions:
    """How much evidence a shortlist keeps (larger: safer and slower)."""

    frequent: int = 11300  # most frequent target pieces (of ~32k in opus-mt), always candidates
    word_pieces: int = 18000  # word-internal pieces (endings) among this many most frequent, always candidates
    corpus_frequent: int = 1000  # most frequent target pieces of the corpus, always candidates
    per_source: int = 30  # co-occurring target pieces kept per source piece
    min_pair_count: int = 2  # a co-occurrence seen fewer times is noise
    max_ngram: int = 3  # source pieces of a lexicon or glossary word keyed together (longer: by first pieces)
    stems: bool = True  # a rule's English words bring the words of the same stem


@dataclass
class Shortlist:
    """A vocabulary map: always-kept target pieces, and target pieces by source n-gram."""

    fixed: set[str] = field(default_factory=set)
    rules: dict[str, set[str]] = field(default_factory=dict)  # "p1 p2" (source pieces) -> target pieces
    max_ngram: int = 1

    def add(self, key: Sequence[str], targets: Iterable[str]) -> None:
        """Map the source n-gram ``key`` to ``targets`` (added to what it had)."""
        if not key:
            self.fixed.update(targets)
            return
        self.rules.setdefault(" ".join(key), set()).update(targets)
        self.max_ngram = max(self.max_ngram, len(key))

    def candidates(self, pieces: Sequence[str]) -> set[str]:
        """The target pieces a sentence of source ``pieces`` may use (as CTranslate2
        computes them: the fixed ones plus every n-gram's entry)."""
        found = set(self.fixed) | set(SPECIAL)
        for size in range(1, self.max_ngram + 1):
            for start in range(len(pieces) - size + 1):
                found |= self.rules.get(" ".join(pieces[start : start + size]), set())
        return found

    def lines(self) -> Iterable[str]:
        """The CTranslate2 vocabulary map, line by line, in a stable order."""
        yield "\t" + " ".join(sorted(self.fixed))
        for key in sorted(self.rules):
            extra = self.rules[key] - self.fixed
            if extra:
                yield key + "\t" + " ".join(sorted(extra))

    def write(self, path: str | Path) -> Path:
        """Write the map as CTranslate2 reads it (``vmap.txt``); returns the path."""
        path = Path(path)
        path.parent.mkdir(parents=True, exist_ok=True)
        temporary = path.with_name(f".{path.name}.partial")
        with open(temporary, "w", encoding="utf-8", newline="\n") as handle:
            for line in self.lines():
                handle.write(line + "\n")
        temporary.replace(path)
        return path

    @classmethod
    def read(cls, path: str | Path) -> Shortlist:
        """A map written by :meth:`write` (or any CTranslate2 vocabulary map)."""
        shortlist = cls()
        try:
            with open(path, encoding="utf-8") as handle:
                for number, line in enumerate(handle, 1):
                    key, tab, targets = line.rstrip("\n").partition("\t")
                    if not tab:
                        raise ShortlistError(f"{path}, line {number}: not a vocabulary map (no tab)")
                    shortlist.add(key.split(" ") if key else [], targets.split())
        except (OSError, UnicodeDecodeError) as error:
            raise ShortlistError(f"cannot read the shortlist {path}: {error}") from None
        return shortlist

    def digest(self) -> str:
        """A short hash of the map's content (it goes into the signature)."""
        hasher = hashlib.sha256()
        for line in self.lines():
            hasher.update(line.encode("utf-8") + b"\n")
        return hasher.hexdigest()[:12]


class PieceCoders:
    """The source and target SentencePiece models of a model folder."""

    def __init__(self, folder: str | Path) -> None:
        import sentencepiece

        folder = Path(folder)
        for name in ("source.spm", "target.spm"):
            if not (folder / name).is_file():
                raise ShortlistError(f"{folder} has no {name}: a shortlist is built for an opus-mt (Marian) model")
        self.source = sentencepiece.SentencePieceProcessor(model_file=str(folder / "source.spm"))
        self.target = sentencepiece.SentencePieceProcessor(model_file=str(folder / "target.spm"))
        self.vocabulary = _vocabulary(folder)

    def source_pieces(self, text: str) -> list[str]:
        """Source-side pieces of ``text``."""
        return self.source.encode(text, out_type=str)

    def target_pieces(self, text: str) -> list[str]:
        """Target-side pieces of ``text`` (those the decoder's vocabulary has)."""
        pieces = self.target.encode(text, out_type=str)
        return [p for p in pieces if not self.vocabulary or p in self.vocabulary]

    def target_vocabulary(self) -> list[str]:
        """Every piece of the target SentencePiece model (the decoder's own vocabulary)."""
        return [self.target.id_to_piece(i) for i in range(self.target.get_piece_size())
                if not (self.target.is_control(i) or self.target.is_unknown(i))]

    def frequent_target_pieces(self, count: int, frequencies: Mapping[str, float] | None = None) -> list[str]:
        """The ``count`` most frequent target pieces in English text. A piece counts the
        frequency of every word in ``frequencies`` (word -> occurrences a word of text;
        default: the shipped English list) whose pieces include it, lower case and, for
        TITLE_CASE_SHARE of its uses, capitalised. Pieces no listed word uses follow in
        the order of the target SentencePiece model's unigram scores: those follow its
        training corpus (mostly film subtitles for opus-mt), a poorer guide to news text
        than a general word list ("hospitalized" ranks 22,305th there, 17,734th here)."""
        frequencies = english_frequencies() if frequencies is None else frequencies
        words = list(frequencies)
        totals: dict[str, float] = {}
        for share, forms in ((1 - TITLE_CASE_SHARE, words), (TITLE_CASE_SHARE, [w[:1].upper() + w[1:] for w in words])):
            for word, pieces in zip(words, self.target.encode(forms, out_type=str)):
                for piece in pieces:
                    totals[piece] = totals.get(piece, 0.0) + frequencies[word] * share
        known = set(self.target_vocabulary())
        ranked = [piece for piece in sorted(totals, key=totals.__getitem__, reverse=True) if piece in known]
        seen = set(ranked)
        size = self.target.get_piece_size()
        by_score = sorted((i for i in range(size) if self.target.id_to_piece(i) in known),
                          key=lambda i: -self.target.get_score(i))
        ranked += [piece for piece in map(self.target.id_to_piece, by_score) if piece not in seen]
        return ranked[:count]


def _vocabulary(folder: Path) -> set[str]:
    import json

    for name in ("vocab.json", "shared_vocabulary.json", "target_vocabulary.json"):
        if (folder / name).is_file():
            data = json.loads((folder / name).read_text("utf-8"))
            return set(data) if isinstance(data, (dict, list)) else set()
    return set()


def build_shortlist(
    model_folder: str | Path,
    corpus: Iterable[tuple[str, str]] = (),
    glossary_pairs: Iterable[tuple[str, str]] = (),
    options: ShortlistOptions | None = None,
    lexicon: bool = True,
) -> Shortlist:
    """A shortlist for the model in ``model_folder`` (its ``source.spm``/``target.spm``)
    from the evidence described in the module docstring. ``corpus`` yields (Indonesian,
    English) sentence pairs; ``glossary_pairs`` (source term, target term)."""
    options = options or ShortlistOptions()
    coders = PieceCoders(model_folder)
    shortlist = Shortlist()
    ranked = coders.frequent_target_pieces(max(options.frequent, options.word_pieces))
    frequent = ranked[: options.frequent]
    shortlist.add([], frequent)
    shortlist.add([], _bare_forms(frequent, coders))
    shortlist.add([], [p for p in ranked[: options.word_pieces] if not p.startswith("\u2581")])
    shortlist.add([], ["\u2581"] + [p for p in coders.target_vocabulary() if _is_symbol(p) or _is_name_piece(p)])
    words = shipped_lexicon() if lexicon else {}
    _add_copies(shortlist, coders, words)
    _add_cognates(shortlist, coders)
    _add_loanwords(shortlist, coders, _english_words(words))
    for word, translations in words.items():
        _add_word(shortlist, coders, word, translations, options.max_ngram)
    _add_inflected_words(shortlist, coders, words)
    for source, target in glossary_pairs:
        _add_word(shortlist, coders, source, [target], options.max_ngram)
    if options.stems:
        _add_same_stem_words(shortlist, coders)
    _add_cooccurrences(shortlist, coders, corpus, options)
    return shortlist


def _bare_forms(pieces: Iterable[str], coders: PieceCoders) -> list[str]:
    """The forms without a word-start mark of whole-word ``pieces`` ("first" for
    "▁first"), where the vocabulary has them: a word right after a bracket, a quote or a
    hyphen is cut without the mark ("(first" is "▁( first")."""
    known = set(coders.target_vocabulary())
    return [piece[1:] for piece in pieces if piece.startswith("\u2581") and piece[1:] in known]


def _is_symbol(piece: str) -> bool:
    """Digits and punctuation pieces: always cheap to keep, costly to miss."""
    text = piece.replace("\u2581", "")
    return bool(text) and not any(ch.isalpha() for ch in text)


def _is_name_piece(piece: str) -> bool:
    """Short capitalised pieces: names and acronyms are copied through, and the target
    side cuts them differently from the source side ("SARS": "▁SAR S" / "▁SA RS")."""
    text = piece.replace("\u2581", "")
    return 0 < len(text) <= 3 and text.isalpha() and any(ch.isupper() for ch in text)


def _add_cognates(shortlist: Shortlist, coders: PieceCoders) -> None:
    """Whole-word source pieces map to the target's whole words that share their first
    letters in Indonesian spelling: loanwords ("transmisi", "transmission")."""
    from bitext.alignment.lexicon import cognate_key

    english: dict[str, list[str]] = {}
    for piece in coders.target_vocabulary():
        if piece.startswith("\u2581") and (key := cognate_key(piece[1:])):
            english.setdefault(key, []).append(piece)
    for index in range(coders.source.get_piece_size()):
        piece = coders.source.id_to_piece(index)
        if piece.startswith("\u2581") and (key := cognate_key(piece[1:])) and key in english:
            shortlist.add([piece], english[key][:MAX_COGNATES])


MAX_COGNATES = 40


def _add_loanwords(shortlist: Shortlist, coders: PieceCoders, english_words: Iterable[str] = ()) -> None:
    """Each English whole word the fixed set lacks, keyed by the source pieces of its
    Indonesian loanword spelling ("therapeutic" by those of "terapeutik"): the first piece
    when it is a long one, else the first two. The words are the target vocabulary's
    whole-word pieces and ``english_words`` (the lexicons' English words, which the
    target side may cut into several pieces: "diagnostic" is "▁dia gnostic"). Catches
    the loanwords the source vocabulary splits, which single-piece cognates miss; costs
    a few candidates a sentence."""
    from bitext.alignment.lexicon import loanword_spelling

    words = {piece[1:]: {piece} for piece in coders.target_vocabulary()
             if piece.startswith("\u2581") and piece not in shortlist.fixed}
    for word in english_words:
        if word not in words:
            words[word] = set(coders.target_pieces(word)) | set(coders.target_pieces(word.capitalize()))
    for word, targets in words.items():
        if len(word) < 4 or not word.isalpha():
            continue
        spelled = loanword_spelling(word)
        for form in {spelled, spelled[:1].upper() + spelled[1:]}:
            pieces = coders.source_pieces(form)
            if pieces:
                shortlist.add(pieces[:1] if len(pieces[0].lstrip("\u2581")) >= 4 else pieces[:2], targets)


def _english_words(words: dict[str, list[str]]) -> list[str]:
    """The lower-case single English words of a lexicon's translations (five letters or
    more: shorter ones are single pieces, which the target vocabulary already lists)."""
    found = {word for translations in words.values() for translation in translations for word in translation.split()}
    return sorted(word for word in found if len(word) >= 5 and word.isalpha() and word.islower())


def _add_same_stem_words(shortlist: Shortlist, coders: PieceCoders) -> None:
    """Every whole-word target piece a rule brings also brings the whole-word pieces of
    the same English stem and the same case (Snowball's English stemmer: "hospital",
    "hospitals", "hospitalized"; "Rapid", "Rapidly"): a lexicon lists one form, a
    translation uses another, which regular inflection alone does not give. Case is kept
    apart because the rules already bring each word's capitalised form, and capitals
    ("HOSPITALS") follow a source written in capitals, whose own pieces key them: across
    cases a stem class brought 336 more pieces to a 64-sentence news batch for 0.012
    points of TICO-19 coverage."""
    import snowballstemmer

    stemmer = snowballstemmer.stemmer("english")
    classes_of: dict[str, tuple[str, str]] = {}
    classes: dict[tuple[str, str], set[str]] = {}
    for piece in coders.target_vocabulary():
        word = piece[1:]
        if piece.startswith("\u2581") and len(word) >= 3 and word.isalpha():
            classes_of[piece] = key = (stemmer.stemWord(word.lower()), _case(word))
            classes.setdefault(key, set()).add(piece)
    for targets in shortlist.rules.values():
        for key in {classes_of[piece] for piece in targets if piece in classes_of}:
            targets |= classes[key]


def _case(word: str) -> str:
    """"upper" (two letters or more, all capitals), "title" or "lower"."""
    if len(word) > 1 and word.isupper():
        return "upper"
    return "title" if word[:1].isupper() else "lower"


def _add_copies(shortlist: Shortlist, coders: PieceCoders, known_words: Container[str] = frozenset()) -> None:
    """Each source piece may come out as itself (names and numbers are copied), except
    a lower-case whole word in ``known_words`` (the lexicons' Indonesian words): a model
    translates "pemerintah", it does not copy it, and the lexicon keys its translations.
    Those copies brought 377 pieces to a 64-sentence news batch for 0.001 points of
    TICO-19 coverage."""
    for index in range(coders.source.get_piece_size()):
        if coders.source.is_control(index) or coders.source.is_unknown(index):
            continue
        piece = coders.source.id_to_piece(index)
        word = piece[1:]
        if piece.startswith("\u2581") and word.isalpha() and word.islower() and word in known_words:
            continue
        text = piece.replace("\u2581", " ")
        targets = set(coders.target_pieces(text)) | set(coders.target_pieces(text.strip()))
        if piece in coders.vocabulary:
            targets.add(piece)
        shortlist.add([piece], targets)


def _add_word(shortlist: Shortlist, coders: PieceCoders, word: str, translations: Iterable[str],
              max_ngram: int) -> None:
    """Key a word (or term) by its source pieces, up to ``max_ngram`` of them."""
    pieces = coders.source_pieces(word)
    if not pieces:
        return
    shortlist.add(pieces[:max_ngram], _translation_pieces(coders, translations))


def _translation_pieces(coders: PieceCoders, translations: Iterable[str]) -> set[str]:
    """Target pieces of English translations in every inflected and capitalised form."""
    targets: set[str] = set()
    for translation in translations:
        for form in english_forms(translation):
            targets.update(coders.target_pieces(form))
            targets.update(coders.target_pieces(form[:1].upper() + form[1:]))
    return targets


def english_forms(word: str) -> list[str]:
    """A word with the regular English inflections (plural or third person, past, -ing):
    a lexicon lists "patient", a text says "patients"."""
    forms = [word]
    if not word.isalpha() or len(word) < 3:
        return forms
    if word.endswith("y") and word[-2:-1] not in "aeiou":
        forms += [word[:-1] + "ies", word[:-1] + "ied"]
    elif word.endswith(("s", "x", "z", "ch", "sh")):
        forms.append(word + "es")
    else:
        forms.append(word + "s")
    if word.endswith("e"):
        forms += [word + "d", word[:-1] + "ing"]
    else:
        forms += [word + "ed", word + "ing"]
    return forms


def _add_inflected_words(shortlist: Shortlist, coders: PieceCoders, words: dict[str, list[str]]) -> None:
    """Whole-word source pieces with affixes ("▁menyerang", "▁pasiennya") map to the
    translations of the stem the lexicon knows (the aligner's affix stripping)."""
    from bitext.alignment.lexicon import indonesian_candidates

    for index in range(coders.source.get_piece_size()):
        piece = coders.source.id_to_piece(index)
        word = piece[1:] if piece.startswith("\u2581") else ""
        if len(word) < 4 or not word.isalpha():
            continue
        for form in indonesian_candidates(word):
            if form in words:
                shortlist.add([piece], _translation_pieces(coders, words[form]))
                break


LEXICONS = ("lexicon-id-en.tsv", "lexicon-id-en-wordnet.tsv")  # in bitext/data, each with its LICENSE file
FREQUENCIES = "frequencies-en.tsv"  # in bitext/data, with its LICENSE file
TITLE_CASE_SHARE = 0.1  # of a word's uses written capitalised (sentence starts, titles, names)


def english_frequencies() -> dict[str, float]:
    """English word -> its share of the words of running text, from the shipped list
    (Zipf frequencies: log10 of occurrences a billion words)."""
    text = resources.files("bitext.data").joinpath(FREQUENCIES).read_text("utf-8")
    frequencies: dict[str, float] = {}
    for line in text.splitlines():
        if line and not line.startswith("#"):
            word, _, zipf = line.partition("\t")
            frequencies[word] = 10 ** (float(zipf) - 9)
    return frequencies


def shipped_lexicon() -> dict[str, list[str]]:
    """Indonesian word -> English translations, from every lexicon bitext ships (the
    FreeDict-derived one first)."""
    words: dict[str, list[str]] = {}
    for name in LEXICONS:
        text = resources.files("bitext.data").joinpath(name).read_text("utf-8")
        for line in text.splitlines():
            if line and not line.startswith("#"):
                word, _, translations = line.partition("\t")
                known = words.setdefault(word, [])
                for translation in translations.split("|"):
                    if translation and translation not in known:
                        known.append(translation)
    return words


def _add_cooccurrences(shortlist: Shortlist, coders: PieceCoders, corpus: Iterable[tuple[str, str]],
                       options: ShortlistOptions) -> None:
    """For each source piece, the target pieces seen with it far more often than chance."""
    source_counts: Counter[str] = Counter()
    target_counts: Counter[str] = Counter()
    target_tokens: Counter[str] = Counter()
    pairs: Counter[tuple[str, str]] = Counter()
    sentences = 0
    for source, target in corpus:
        source_set = set(coders.source_pieces(source))
        target_list = coders.target_pieces(target)
        target_set = set(target_list)
        target_tokens.update(target_list)
        source_counts.update(source_set)
        target_counts.update(target_set)
        pairs.update((s, t) for s in source_set for t in target_set)
        sentences += 1
    if not sentences:
        return
    shortlist.add([], [piece for piece, _ in target_tokens.most_common(options.corpus_frequent)])
    ranked: dict[str, list[tuple[float, str]]] = {}
    for (s, t), count in pairs.items():
        if count < options.min_pair_count or t in shortlist.fixed:
            continue
        association = math.log(count * sentences / (source_counts[s] * target_counts[t]))
        if association > 0:
            ranked.setdefault(s, []).append((count * association, t))
    for s, scored in ranked.items():
        scored.sort(reverse=True)
        shortlist.add([s], [t for _, t in scored[: options.per_source]])


@dataclass(frozen=True)
class Coverage:
    """How much of a reference's target pieces a shortlist lets a model produce."""

    sentences: int
    pieces: int  # reference target pieces
    covered: int  # of those, in the sentence's shortlist
    mean_candidates: float  # candidate pieces per sentence

    @property
    def share(self) -> float:
        """Covered pieces / reference pieces (1.0 on no data)."""
        return self.covered / self.pieces if self.pieces else 1.0


def coverage(shortlist: Shortlist, model_folder: str | Path, pairs: Iterable[tuple[str, str]]) -> Coverage:
    """The model-free risk measure: for each (Indonesian, English reference) pair, the
    share of the reference's target pieces that the sentence's shortlist contains."""
    coders = PieceCoders(model_folder)
    sentences = pieces = covered = candidates = 0
    for source, reference in pairs:
        allowed = shortlist.candidates(coders.source_pieces(source))
        wanted = coders.target_pieces(reference)
        sentences += 1
        pieces += len(wanted)
        covered += sum(1 for piece in wanted if piece in allowed)
        candidates += len(allowed)
    return Coverage(sentences, pieces, covered, candidates / sentences if sentences else 0.0)


SHORTLIST_VERSION = 5  # of build_shortlist's evidence: a new version builds new "auto" maps


def auto_shortlist(model_folder: Path, revision: str) -> Path:
    """The ``auto`` shortlist of a model: built once (shipped evidence only, default
    options) into ``$BITEXT_CACHE_DIR/shortlists`` and reused."""

    key = hashlib.sha256(f"{revision}|{SHORTLIST_VERSION}|{ShortlistOptions()}".encode()).hexdigest()[:16]
    path = cache_dir() / "shortlists" / f"{model_folder.name}-{key}.vmap"
    if not path.is_file():
        # Tens of seconds, once per model: say so, or the first run seems to hang.
        _log.info("Building the vocabulary shortlist of %s once (about 15 s on 2 cores) into %s",
                  model_folder.name, path.parent)
        build_shortlist(model_folder).write(path)
    return path


def shortlisted_model(model_folder: Path, spec: str, revision: str) -> tuple[Path, str]:
    """(a CTranslate2 model folder that holds the shortlist as ``vmap.txt``, the map's
    digest). ``spec`` is ``auto`` or a vocabulary map file. The folder is a view of
    ``model_folder`` (links to its files) in the bitext cache, made once per map."""
    from bitext.files import sha256_file

    path = auto_shortlist(model_folder, revision) if spec == "auto" else Path(spec)
    if not path.is_file():
        raise ShortlistError(f"--shortlist {spec}: no such file (give a map from bitext shortlist build, or auto)")
    with open(path, encoding="utf-8", errors="replace") as handle:
        if "\t" not in handle.readline():
            raise ShortlistError(f"--shortlist {spec}: not a vocabulary map (lines of source<TAB>targets)")
    digest = sha256_file(path)[:12]
    folder_key = hashlib.sha256(str(model_folder.resolve()).encode()).hexdigest()[:8]
    view = cache_dir() / "ct2-shortlisted" / f"{model_folder.name}-{folder_key}-{digest}"
    if not (view / VMAP_NAME).is_file():
        _make_view(model_folder, path, view)
    return view, digest


def _make_view(model_folder: Path, vmap: Path, view: Path) -> None:
    """Build the view beside its final place, then move it there in one rename (two runs
    making it at once both end with a whole view)."""
    import shutil
    import tempfile

    view.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{view.name}.", dir=view.parent))
    try:
        for item in model_folder.iterdir():
            if item.name != VMAP_NAME:
                (staging / item.name).symlink_to(item.resolve())
        shutil.copyfile(vmap, staging / VMAP_NAME)
        try:
            staging.rename(view)
        except OSError:  # another run made it first
            if not (view / VMAP_NAME).is_file():
                raise
    finally:
        if staging.exists():
            shutil.rmtree(staging, ignore_errors=True)


@dataclass
class ShortlistReport:
    """What :func:`make_shortlist` built and, with held-out documents, how it covers them."""

    path: Path
    digest: str
    fixed: int  # always-kept target pieces
    rules: int  # source n-grams with their own target pieces
    training_pairs: int
    coverage: Coverage | None = None  # on the held-out documents, if any were held out


def model_tokenizer_folder(model: str, revision: str | None = None) -> Path:
    """The folder holding a model's ``source.spm``/``target.spm``: the model folder
    itself, or a hub model's snapshot."""
    from bitext.translation.hub import check_model_folder, resolve_hub_model

    folder = check_model_folder(model)
    if folder is None:
        folder = Path(resolve_hub_model(model, revision)[0])
    return folder


def corpus_pairs(paths: Iterable[str | Path], source_lang: str = "id",
                 target_lang: str = "en") -> Iterator[tuple[str, str, str]]:
    """(document id, source, target) of every translated pair of bilingual files bitext reads."""
    from bitext.formats import iter_segments

    for path in paths:
        for segment in iter_segments(path, source_lang=source_lang, target_lang=target_lang):
            if segment.source.strip() and segment.target.strip():
                yield f"{path}#{segment.id.split(':')[0]}", segment.source, segment.target


def make_shortlist(model: str, output: str | Path, corpora: Sequence[str | Path] = (),
                   glossaries: Sequence[str | Path] = (), options: ShortlistOptions | None = None,
                   hold_out: float = 0.0) -> ShortlistReport:
    """Build a shortlist for ``model`` into ``output`` (the ``bitext shortlist build``
    command). With ``hold_out`` > 0, that share of the corpora's documents (every n-th
    document) is kept out of the build and the map's coverage measured on it."""
    from bitext.terms.defaults import resolve_glossary

    folder = model_tokenizer_folder(model)
    glossary = resolve_glossary(list(glossaries)) if glossaries else None
    documents: dict[str, list[tuple[str, str]]] = {}
    for document, source, target in corpus_pairs(corpora):
        documents.setdefault(document, []).append((source, target))
    step = round(1 / hold_out) if hold_out > 0 else 0
    held = {name for i, name in enumerate(documents) if step and i % step == step - 1}
    training = [pair for name, pairs in documents.items() if name not in held for pair in pairs]
    terms = [(source, target) for entry in (glossary.entries if glossary else ())
             for source in entry.sources for target in entry.targets]
    shortlist = build_shortlist(folder, training, terms, options)
    path = shortlist.write(output)
    tested = [pair for name in held for pair in documents[name]]
    return ShortlistReport(path, shortlist.digest(), len(shortlist.fixed), len(shortlist.rules), len(training),
                           coverage(shortlist, folder, tested) if tested else None)
