"""Photo credits at the end of a caption or paragraph, found in linear time.

A credit closes a caption in one of a few shapes: in brackets (``(Gavriil Grigorov/ Pool
/ AFP)``, ``(Foto: Antara)``), bare after the last sentence (``... Moskow.
Sputnik/Mikhail Metzel/Kremlin via REUTERS``), after a copyright sign (``© Reuters``,
``©witnesstoguantanamo.com``, ``(c) HRC``), after a bar (``| jogja.panduanwisata.com``) or
a slash (``/Xinhua``). Each shape is found by looking back from the end of the line once,
never by a pattern that could backtrack over the whole line (a credit rule once took 48 s
on a 157-byte line).
"""

from __future__ import annotations

import re
from collections.abc import Iterable

_PHOTO_LABELS = ("foto", "photo", "sumber foto", "foto ilustrasi", "doc", "dok", "dokumentasi", "ilustrasi foto")
_COPYRIGHT = ("©", "(c)", "(C)", "Ⓒ")
_DOMAIN = re.compile(r"^(?:www\.)?[\w-]{1,63}(?:\.[\w-]{1,63}){1,4}$")
MAX_CREDIT_WORDS = 12
_SENTENCE_END = ".!?"


class CreditRules:
    """The credit shapes; ``agencies`` are lower-cased agency names (AFP, Reuters, ...)."""

    def __init__(self, agencies: Iterable[str]) -> None:
        self.agencies = frozenset(agencies)
        self._agency = re.compile(
            r"(?<!\w)(?:" + "|".join(sorted(map(re.escape, self.agencies), key=len, reverse=True)) + r")(?!\w)"
        ) if self.agencies else None

    def looks_like_credit(self, text: str) -> bool:
        """Names and agencies separated by / , or 'via': (Gavriil Grigorov/ Pool / AFP),
        (ANTARA FOTO/Sigid Kurniawan/foc). Digits, or lower-case words other than 'via'
        and editor initials, make it ordinary text: (19/6), (cybertheft)."""
        if any(ch.isdigit() for ch in text) or len(text.split()) > 14:
            return False
        parts = [part.strip() for part in re.split(r"[/,]", text) if part.strip()]
        for index, part in enumerate(parts):
            words = [word for word in part.split() if word.lower() not in ("via", "dan", "and")]
            initials = index > 0 and len(words) == 1 and words[0].isalpha() and words[0].islower() and len(words[0]) <= 4
            if not initials and not all(word[:1].isupper() or word[:1] == "©" for word in words):
                return False
        if "/" in text or " via " in f" {text} ":
            return True
        # "(Reuters)" alone is an attribution, not a photo credit; "(Budi Santoso, AFP)" is.
        has_agency = self._agency is not None and self._agency.search(text.lower()) is not None
        return has_agency and len(parts) >= 2

    def credit_tail(self, text: str) -> tuple[int, int] | None:
        """The span of a photo credit closing ``text`` (with the space or dash before
        it), or None."""
        text = text.rstrip()
        for finder in (self._bracketed, self._copyright, self._after_bar, self._after_slash, self._labelled,
                       self._bare):
            start = finder(text)
            if start is not None and start > 0:
                start = _include_joiner(text, start)
                if text[:start].strip():
                    return start, len(text)
        return None

    def _bracketed(self, text: str) -> int | None:
        """'(Foto: Antara)', '(ANTARA FOTO/Sigid Kurniawan/foc)' closing the line."""
        if not text.endswith(")"):
            return None
        open_ = text.rfind("(")
        if open_ < 0 or ")" in text[open_:-1]:
            return None
        inside = text[open_ + 1 : -1].strip()
        label, colon, rest = inside.partition(":")
        if colon and label.strip().lower() in _PHOTO_LABELS and rest.strip():
            return open_
        return open_ if self.looks_like_credit(inside) else None

    def _copyright(self, text: str) -> int | None:
        """'© Reuters', '©2021 Instagram @humasbdg/editorial Merdeka.com', '(c) HRC'."""
        best = -1
        for sign in _COPYRIGHT:
            best = max(best, text.rfind(sign))
        if best <= 0:
            return None
        before = text[best - 1]
        if not (before.isspace() or before in _SENTENCE_END + "”\")"):
            return None  # "Apple© dijual": a sign glued to a word is part of the text
        tail = text[best:]
        words = tail.split()
        sign = next(sign for sign in _COPYRIGHT if tail.startswith(sign))
        first = tail[len(sign) :].split()[:1]
        if not first or not (first[0][:1].isupper() or first[0][:1].isdigit() or "." in first[0].strip(".")):
            return None  # "(c) pendidikan gratis": a lettered item, not a credit
        if len(words) > MAX_CREDIT_WORDS or any(ch in _SENTENCE_END and i + 1 < len(tail) and tail[i + 1] == " "
                                                for i, ch in enumerate(tail)):
            return None
        return best

    def credited_bar(self, text: str) -> bool:
        """'Caption words | site.com': the one bar of the line sets off a credit."""
        start = self._after_bar(text)
        return start is not None and len(text[:start].split()) >= 3

    def _after_bar(self, text: str) -> int | None:
        """'Becak di Jogja | jogja.panduanwisata.com': a site's name after a bar."""
        bar = text.rfind(" | ")
        if bar < 0:
            return None
        tail = text[bar + 3 :].strip()
        return bar if _DOMAIN.match(tail) and any(ch.isalpha() for ch in tail) else None

    def _after_slash(self, text: str) -> int | None:
        """'... Kiamat Dunia /Xinhua': a space, a slash, then one to three capitalised words."""
        slash = text.rfind(" /")
        if slash < 0:
            return None
        words = text[slash + 2 :].split()
        if 1 <= len(words) <= 3 and all(word[:1].isupper() for word in words) and "/" not in text[slash + 2 :]:
            return slash
        return None

    def _labelled(self, text: str) -> int | None:
        """'... Progresnya Foto: Grandyos Zafna': a photo label and a name or two closing the line."""
        lowered = text.lower()
        for label in ("foto:", "foto :", "photo:", "sumber foto:"):
            at = lowered.rfind(" " + label)
            if at >= 0:
                tail = text[at + 1 + len(label) :].split()
                if 1 <= len(tail) <= 5 and all(word[:1].isupper() or word[:1] in "@(" for word in tail):
                    return at
        return None

    def _bare(self, text: str) -> int | None:
        """'... Moskow. Sputnik/Mikhail Metzel/Kremlin via REUTERS' after the last sentence."""
        index = max(text.rfind(". "), text.rfind("! "), text.rfind("? "))
        if index <= 0 or len(text) - index > 200:
            return None  # a credit is short; a long tail is a sentence
        tail = text[index + 1 :].strip()
        if tail[:1].isupper() and ("/" in tail or " via " in tail) and self.looks_like_credit(tail):
            return index + 1
        return None


def _include_joiner(text: str, start: int) -> int:
    """Take the ' - ' or ' – ' that joins a credit to its caption along with it."""
    head = text[:start].rstrip()
    if head.endswith((" -", " –", " —")):
        return len(head) - 1
    return start
