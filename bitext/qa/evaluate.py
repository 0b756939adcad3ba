"""MT evaluation through sacrebleu, plus what general tools do not give: terminology
accuracy against a glossary and post-editing effort on reviewed records.

Inputs are plain text (one segment a line, read exactly as the sacrebleu command reads
them, so the numbers are identical) or any bitext corpus (JSONL, TMX, XLIFF, PO, TSV),
whose ``target`` is the text; a corpus hypothesis and a corpus reference are aligned by
segment id, anything else line by line.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from bitext.errors import EvaluationError
from bitext.formats import EXTENSIONS, read_corpus
from bitext.model import Corpus

METRIC_NAMES = ("bleu", "chrf", "chrf++", "ter")
CORPUS_EXTENSIONS = tuple(ext for name, extensions in EXTENSIONS.items() if name != "moses" for ext in extensions)


@dataclass
class Side:
    """A hypothesis or a reference: its lines, and ids/docs when it is a bitext corpus."""

    name: str
    lines: list[str]
    ids: list[str] | None = None
    docs: list[str] | None = None
    corpus: Corpus | None = None


def read_plain(path: str | Path) -> list[str]:
    """Lines as the sacrebleu command reads them (newline='\\n', trailing space stripped)."""
    try:
        with open(path, encoding="utf-8", newline="\n") as handle:
            return [line.rstrip() for line in handle]
    except OSError as error:
        raise EvaluationError(f"cannot read {path}: {error.strerror or error}") from None
    except UnicodeDecodeError as error:
        raise EvaluationError(f"{path}: not UTF-8 (byte offset {error.start})") from None


def read_side(path: str | Path) -> Side:
    """A hypothesis or reference file: plain text (one segment a line) or a bitext corpus (its targets)."""
    path = Path(path)
    if str(path).lower().endswith(CORPUS_EXTENSIONS):
        corpus = read_corpus(path)
        side = Side(str(path), [s.target for s in corpus], [s.id for s in corpus], [s.doc for s in corpus], corpus)
    else:
        side = Side(str(path), read_plain(path))
    if not side.lines:
        raise EvaluationError(f"{path}: empty file, nothing to score")
    return side


def align(hypothesis: Side, references: Sequence[Side]) -> list[list[str]]:
    """Reference streams in the hypothesis' order: by id for two corpora, else by line."""
    streams = []
    for reference in references:
        if hypothesis.ids is not None and reference.ids is not None:
            by_id = dict(zip(reference.ids, reference.lines))
            missing = [segment_id for segment_id in hypothesis.ids if segment_id not in by_id]
            if missing:
                raise EvaluationError(
                    f"{reference.name} has no reference for {len(missing)} hypothesis ids: {', '.join(missing[:5])}"
                )
            streams.append([by_id[segment_id] for segment_id in hypothesis.ids])
        else:
            if len(reference.lines) != len(hypothesis.lines):
                raise EvaluationError(
                    f"{hypothesis.name} has {len(hypothesis.lines)} lines but {reference.name} has "
                    f"{len(reference.lines)}; they must be line-aligned"
                )
            streams.append(reference.lines)
    return streams


def check_empty_lines(name: str, lines: Sequence[str]) -> None:
    """Refuse empty lines (sacrebleu scores them silently), naming the file and line."""
    empty = [number for number, line in enumerate(lines, 1) if not line.strip()]
    if empty:
        shown = ", ".join(map(str, empty[:10])) + (" ..." if len(empty) > 10 else "")
        raise EvaluationError(
            f"{name}: {len(empty)} empty line(s), line {shown}; fix them or pass --allow-empty to score them as they are"
        )


def metrics(names: Sequence[str] = METRIC_NAMES, sentence: bool = False) -> dict[str, Any]:
    """sacrebleu metric objects with the sacrebleu command's defaults."""
    from sacrebleu.metrics import BLEU, CHRF, TER

    factories = {
        "bleu": lambda: BLEU(effective_order=sentence),
        "chrf": lambda: CHRF(),
        "chrf++": lambda: CHRF(word_order=2),
        "ter": lambda: TER(),
    }
    if not names:
        raise EvaluationError(f"no metric given; choose from {', '.join(METRIC_NAMES)}")
    unknown = [name for name in names if name not in factories]
    if unknown:
        raise EvaluationError(f"unknown metric {unknown[0]!r}; choose from {', '.join(METRIC_NAMES)}")
    return {name: factories[name]() for name in names}


def corpus_scores(hypotheses: Sequence[str], references: Sequence[Sequence[str]],
                  names: Sequence[str] = METRIC_NAMES) -> dict[str, dict[str, Any]]:
    """sacrebleu corpus scores and signatures of ``hypotheses`` against ``references``."""
    results = {}
    for name, metric in metrics(names).items():
        score = metric.corpus_score(list(hypotheses), [list(r) for r in references])
        results[name] = {"score": score.score, "signature": str(metric.get_signature()), "text": str(score)}
    return results


def sentence_scores(hypotheses: Sequence[str], references: Sequence[Sequence[str]], ids: Sequence[str],
                    names: Sequence[str] = METRIC_NAMES) -> list[dict[str, Any]]:
    """Sentence-level scores of each segment, with its id."""
    scorers = metrics(names, sentence=True)
    rows = []
    for index, (segment_id, hypothesis) in enumerate(zip(ids, hypotheses)):
        refs = [reference[index] for reference in references]
        row: dict[str, Any] = {"id": segment_id}
        for name, metric in scorers.items():
            row[name] = metric.sentence_score(hypothesis, refs).score
        rows.append(row)
    return rows


def worst(rows: list[dict[str, Any]], count: int, metric: str) -> list[dict[str, Any]]:
    """The ``count`` lowest-scoring segments (highest for TER, an error rate)."""
    return sorted(rows, key=lambda row: -row[metric] if metric == "ter" else row[metric])[:count]


def per_document(side: Side, references: Sequence[Sequence[str]], names: Sequence[str]) -> dict[str, dict[str, float]]:
    """Corpus scores of each document of a corpus hypothesis."""
    if side.docs is None:
        raise EvaluationError("per-document scores need a bitext corpus (JSONL, TMX, ...) as hypothesis")
    documents: dict[str, list[int]] = {}
    for index, doc in enumerate(side.docs):
        documents.setdefault(doc, []).append(index)
    result = {}
    for doc, indices in documents.items():
        hypotheses = [side.lines[i] for i in indices]
        refs = [[reference[i] for i in indices] for reference in references]
        result[doc] = {name: value["score"] for name, value in corpus_scores(hypotheses, refs, names).items()}
    return result


def paired_bootstrap(systems: Sequence[tuple[str, Sequence[str]]], references: Sequence[Sequence[str]],
                     names: Sequence[str], samples: int = 1000) -> dict[str, Any]:
    """sacrebleu's paired bootstrap resampling: the first system is the baseline."""
    from sacrebleu.significance import PairedTest

    test = PairedTest(
        [(name, list(lines)) for name, lines in systems],
        metrics(names),
        [list(r) for r in references],
        test_type="bs",
        n_samples=samples,
    )
    signatures, scores = test()
    table: dict[str, Any] = {"systems": scores.pop("System"), "signatures": {k: str(v) for k, v in signatures.items()}}
    for metric_name, results in scores.items():
        table[metric_name] = [
            {"score": _number(r.score), "mean": _number(r.mean), "ci": _number(r.ci), "p_value": _number(r.p_value)}
            for r in results
            if not isinstance(r, str)
        ]
    return table


def _number(value: Any) -> float | None:
    """sacrebleu's bootstrap returns numpy floats; JSON wants Python ones."""
    return None if value is None else float(value)


def post_edit_effort(corpus: Corpus) -> dict[str, Any]:
    """HTER and chrF of the machine translation against the reviewed target, and the
    share of reviewed segments the translator left as they were."""
    reviewed = [s for s in corpus if s.status == "reviewed" and s.mt is not None]
    if not reviewed:
        raise EvaluationError("no reviewed records with their machine translation (status reviewed, mt) to measure")
    machine, human = [s.mt for s in reviewed], [s.target for s in reviewed]
    scores = corpus_scores(machine, [human], ("ter", "chrf"))
    unchanged = sum(1 for s in reviewed if " ".join(s.mt.split()) == " ".join(s.target.split()))
    return {
        "reviewed": len(reviewed),
        "unchanged": unchanged,
        "unchanged_share": unchanged / len(reviewed),
        "hter": scores["ter"]["score"],
        "chrf": scores["chrf"]["score"],
        "signatures": {name: value["signature"] for name, value in scores.items()},
    }


def reviewed_as_reference(side: Side) -> tuple[Side, list[list[str]]]:
    """Hypothesis = machine translation, reference = reviewed target, reviewed records only."""
    corpus = side.corpus
    reviewed = [s for s in corpus if s.status == "reviewed" and s.mt is not None] if corpus else []
    if not reviewed:
        raise EvaluationError(
            f"{side.name}: no --ref given and no reviewed records to use as references; pass --ref FILE"
        )
    assert corpus is not None  # reviewed records come from a corpus
    hypothesis = Side(f"{side.name} (mt of reviewed)", [s.mt for s in reviewed], [s.id for s in reviewed],
                      [s.doc for s in reviewed], Corpus(reviewed, corpus.source_lang, corpus.target_lang))
    return hypothesis, [[s.target for s in reviewed]]


@dataclass(frozen=True)
class EvaluateOptions:
    """What ``bitext evaluate`` reports besides the corpus scores, with the library's defaults."""

    metrics: tuple[str, ...] = METRIC_NAMES  # sacrebleu metric names
    sentence: bool = False  # sentence-level scores for every segment
    worst: int = 0  # list the N worst segments (by chrF)
    per_doc: bool = False  # scores per document of a corpus hypothesis
    glossaries: tuple[str, ...] = ()  # terminology accuracy against these glossaries
    bootstrap_samples: int = 1000  # resamples of the paired bootstrap test (two hypotheses)
    allow_empty: bool = False  # score empty lines instead of refusing them


def evaluate(hyps: Sequence[str], refs: Sequence[str], options: EvaluateOptions | None = None) -> dict[str, Any]:
    """Everything ``bitext evaluate`` prints, as one dictionary (its JSON output)::

        result = evaluate(["out/id-en.jsonl"], ["reference.en"], EvaluateOptions(metrics=("chrf",)))
        result["chrf"]["score"]
    """
    options = options or EvaluateOptions()
    names, sentence, worst_count, per_doc = list(options.metrics), options.sentence, options.worst, options.per_doc
    glossaries, samples, allow_empty = options.glossaries, options.bootstrap_samples, options.allow_empty
    metrics(names)  # unknown metric names fail before any file is read
    systems = [read_side(path) for path in hyps]
    if refs:
        references = [read_side(path) for path in refs]
        streams = align(systems[0], references)
        for other in systems[1:]:
            if align(other, references) != streams:
                raise EvaluationError(f"{other.name} does not cover the same segments as {systems[0].name}")
        reference_names = [r.name for r in references]
    elif len(systems) == 1:
        systems[0], streams = reviewed_as_reference(systems[0])
        reference_names = [f"{hyps[0]} (reviewed targets)"]
    else:
        raise EvaluationError("a paired test needs --ref")
    if not allow_empty:
        for side in systems:
            check_empty_lines(side.name, side.lines)
        for name, stream in zip(reference_names, streams):
            check_empty_lines(name, stream)
    main_side = systems[0]
    result: dict[str, Any] = {
        "hypothesis": main_side.name,
        "references": reference_names,
        "segments": len(main_side.lines),
        **corpus_scores(main_side.lines, streams, names),
    }
    if len(systems) > 1:
        result["systems"] = [{"name": s.name, **corpus_scores(s.lines, streams, names)} for s in systems]
        result["paired_bootstrap"] = paired_bootstrap([(s.name, s.lines) for s in systems], streams, names, samples)
    if sentence or worst_count:
        ids = main_side.ids or [str(number) for number in range(1, len(main_side.lines) + 1)]
        rows = sentence_scores(main_side.lines, streams, ids, names)
        if sentence:
            result["sentences"] = rows
        if worst_count:
            result["worst"] = worst(rows, worst_count, "chrf" if "chrf" in names else names[0])
    if per_doc:
        result["documents"] = per_document(main_side, streams, names)
    if glossaries:
        result["term_accuracy"] = _term_accuracy(main_side, glossaries)
    corpus = main_side.corpus
    if corpus is not None and any(s.status == "reviewed" and s.mt is not None for s in corpus):
        result["post_edit"] = post_edit_effort(corpus)
    return result


def _term_accuracy(side: Side, glossaries: Sequence[str]) -> dict[str, Any]:
    from bitext.terms.glossary import load_glossaries, term_accuracy

    if side.corpus is None:
        raise EvaluationError("terminology accuracy needs the source text: give a bitext corpus (JSONL, TMX, ...)")
    glossary = load_glossaries(glossaries)
    matches = []
    for segment in side.corpus:
        matches.extend(glossary.annotate(segment.source, segment.target))
    return {"glossaries": list(glossaries), **term_accuracy(matches)}


def report_text(result: dict[str, Any]) -> str:
    """The evaluation report as text, the way ``bitext evaluate`` prints it."""
    lines = [f"{result['hypothesis']} against {', '.join(result['references'])}: {result['segments']} segments"]
    for name in METRIC_NAMES:
        if name in result:
            lines.append(f"{result[name]['text']}  [{result[name]['signature']}]")
    if "paired_bootstrap" in result:
        table = result["paired_bootstrap"]
        lines.append("Paired bootstrap resampling (the first system is the baseline):")
        for metric_name, rows in table.items():
            if metric_name in ("systems", "signatures"):
                continue
            for system, row in zip(table["systems"], rows):
                p_value = "" if row["p_value"] is None else f"  p = {row['p_value']:.4f}"
                lines.append(f"  {metric_name:<8} {row['score']:7.2f} ({row['mean']:.2f} ± {row['ci']:.2f})"
                             f"{p_value}  {system}")
    if "worst" in result:
        lines.append("Worst segments:")
        lines += [f"  {row['id']}: " + ", ".join(f"{k} {v:.1f}" for k, v in row.items() if k != "id")
                  for row in result["worst"]]
    if "documents" in result:
        lines.append("Per document:")
        lines += [f"  {doc}: " + ", ".join(f"{k} {v:.2f}" for k, v in scores.items())
                  for doc, scores in result["documents"].items()]
    if "term_accuracy" in result:
        accuracy = result["term_accuracy"]
        share = "n/a" if accuracy["accuracy"] is None else f"{accuracy['accuracy']:.1%}"
        lines.append(f"Terminology accuracy: {accuracy['met']}/{accuracy['matched']} ({share})")
        lines += [f"  {term}: {entry['met']}/{entry['matched']}" for term, entry in accuracy["entries"].items()]
    if "post_edit" in result:
        effort = result["post_edit"]
        lines.append(f"Post-edit effort on {effort['reviewed']} reviewed segments: HTER {effort['hter']:.2f}, "
                     f"chrF {effort['chrf']:.2f}, unchanged {effort['unchanged']} ({effort['unchanged_share']:.1%})")
    if "sentences" in result:
        lines.append("Sentences:")
        lines += ["  " + "\t".join(str(v if not isinstance(v, float) else round(v, 2)) for v in row.values())
                  for row in result["sentences"]]
    return "\n".join(lines)
