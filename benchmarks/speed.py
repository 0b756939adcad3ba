"""Translation speed and memory: naive loop, batched transformers, raw CTranslate2, bitext.

Builds a random-weight model of the real opus-mt-id-en shape from the tokenizer and config
in ``../shared/models/opus-mt-id-en`` (no weights needed), with the end-of-sentence logit
pushed very low so every sentence decodes exactly ``--max-length`` target tokens, converts
it to CTranslate2 int8, and times greedy decoding of about a thousand news sentences (the
UD Indonesian-CSUI gold sentences plus the seed articles) in five ways. Each runs in a
fresh process, so its peak resident memory is its own.

    python benchmarks/speed.py [--shared ../shared] [--max-length 40] [--text tico19] [--device cuda]

Target tokens/s counts decoding steps: sentences x max-length. The CTranslate2 rows
alternate raw CTranslate2, ``bitext translate`` (``--degenerate flag``, no glossary, no
cache: the pipeline's own cost) and the same with ``--shortlist auto`` in one process tree,
and print each ratio to raw with its spread, in wall-clock and in CPU seconds (which a
busy neighbour on a shared machine does not inflate). ``--text tico19`` times the
Indonesian side of TICO-19 instead of the UD and seed sentences. The shortlist's effect on
decoding alone is timed in one process, slice by slice, without and with the map in turn.
The shortlist's coverage (the share of a held-out reference's target pieces its
sentence's shortlist contains) is measured on TICO-19 documents held out of the build.
``--device cuda`` runs every row on a GPU (CTranslate2 int8_float16, one batch at a time,
at the best of larger batches; transformers float16); CI never needs one.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

SLICE = 128  # sentences a slice of the decoding-only comparison: one chunk of bitext's on 2 cores
COPY_FILES = ["source.spm", "target.spm", "vocab.json", "tokenizer_config.json", "generation_config.json"]


# -- preparation -----------------------------------------------------------------------------

def prepare(shared: Path, work: Path, source: str = "news") -> tuple[Path, Path, Path]:
    """(transformers model, CTranslate2 model, input text file), built once into ``work``."""
    from bitext.testing import build_random_marian

    hf_dir, ct2_dir, text = work / "opus-shape", work / "opus-shape-ct2", work / "news.txt"
    if not (hf_dir / "model.safetensors").exists():
        print(f"building a random model of the real shape in {hf_dir} ...", flush=True)
        build_random_marian(hf_dir, tokenizer_dir=shared / "models" / "opus-mt-id-en", eos_bias=-1e9)
    if not (ct2_dir / "model.bin").exists():
        print(f"converting it to CTranslate2 int8 in {ct2_dir} ...", flush=True)
        from ctranslate2.converters import TransformersConverter

        TransformersConverter(str(hf_dir), copy_files=COPY_FILES).convert(str(ct2_dir), quantization="int8", force=True)
    if source == "tico19":
        text = work / "tico19-id.txt"
        if not text.exists():
            from bitext.formats import read_corpus

            corpus = read_corpus(shared / "data" / "tico19-all.en-id.tmx", source_lang="id", target_lang="en")
            text.write_text("\n\n".join(s.source for s in corpus.segments) + "\n", "utf-8")
    elif not text.exists():
        sys.path.insert(0, str(ROOT / "benchmarks"))
        from segmentation import gold_sentences

        lines = gold_sentences(shared / "data" / "id_csui-ud-train.conllu")
        seeds = [p.read_text("utf-8") for p in sorted((ROOT / "seeds").glob("*.txt"))]
        text.write_text("\n".join(lines) + "\n\n" + "\n\n".join(seeds), "utf-8")
    return hf_dir, ct2_dir, text


def sentences_of(text: Path) -> list[str]:
    """Exactly what bitext translates from the file: cleaned, segmented, de-duplicated."""
    from bitext.ingest.reader import read_documents
    from bitext.segmentation.documents import segment_documents

    segments, _ = segment_documents(read_documents([str(text)]))
    return list(dict.fromkeys(segment.source for segment in segments))


# -- measurements (each runs in a child process) ------------------------------------------------

def torch_model(hf_dir: str, device: str):
    """(tokenizer, model) as scripts load them: float32 on a CPU, float16 on a GPU."""
    import torch
    from transformers import MarianMTModel, MarianTokenizer

    tokenizer = MarianTokenizer.from_pretrained(hf_dir)
    dtype = torch.float16 if device == "cuda" else torch.float32
    return tokenizer, MarianMTModel.from_pretrained(hf_dir, dtype=dtype).to(device).eval()


def finished(device: str) -> None:
    """Wait for queued GPU work, so a timer stopped after this counts it."""
    if device == "cuda":
        import torch

        torch.cuda.synchronize()


def naive_transformers(hf_dir: str, text: str, max_length: int, limit: int, device: str = "cpu") -> dict:
    import torch

    sentences = sentences_of(Path(text))[:limit]
    started = time.perf_counter()
    tokenizer, model = torch_model(hf_dir, device)
    with torch.inference_mode():
        for sentence in sentences:  # what most scripts do: one sentence a call
            inputs = tokenizer([sentence], return_tensors="pt").to(device)
            model.generate(**inputs, num_beams=1, max_new_tokens=max_length)
    finished(device)
    return {"sentences": len(sentences), "seconds": time.perf_counter() - started}


def batched_transformers(hf_dir: str, text: str, max_length: int, batch: int, device: str = "cpu") -> dict:
    import torch

    sentences = sentences_of(Path(text))
    started = time.perf_counter()
    tokenizer, model = torch_model(hf_dir, device)
    order = sorted(sentences, key=lambda s: len(tokenizer(s)["input_ids"]))
    with torch.inference_mode():
        for start in range(0, len(order), batch):
            encoded = tokenizer(order[start : start + batch], return_tensors="pt", padding=True).to(device)
            output = model.generate(**encoded, num_beams=1, max_new_tokens=max_length)
            tokenizer.batch_decode(output, skip_special_tokens=True)
    finished(device)
    return {"sentences": len(sentences), "seconds": time.perf_counter() - started}


def ct2_compute_type(device: str) -> str:
    """What bitext uses by default: int8 on a CPU, int8_float16 on a GPU."""
    return "int8_float16" if device == "cuda" else "int8"


def raw_ctranslate2(ct2_dir: str, text: str, max_length: int, inter: int, intra: int, size: int,
                    kind: str = "tokens", device: str = "cpu") -> dict:
    import ctranslate2
    import sentencepiece

    sentences = sentences_of(Path(text))
    started, cpu_started = time.perf_counter(), time.process_time()
    translator = ctranslate2.Translator(ct2_dir, device=device, compute_type=ct2_compute_type(device),
                                        inter_threads=inter, intra_threads=intra)
    source = sentencepiece.SentencePieceProcessor(model_file=f"{ct2_dir}/source.spm")
    target = sentencepiece.SentencePieceProcessor(model_file=f"{ct2_dir}/target.spm")
    pieces = [p + ["</s>"] for p in source.encode(sentences, out_type=str)]
    results = translator.translate_batch(
        pieces, beam_size=1, max_decoding_length=max_length, max_batch_size=size, batch_type=kind
    )
    [target.decode(result.hypotheses[0]) for result in results]
    steps = sum(len(result.hypotheses[0]) for result in results)
    return {"sentences": len(sentences), "seconds": time.perf_counter() - started, "steps": steps,
            "cpu": time.process_time() - cpu_started}


def decoding_pairs(ct2_dir: str, text: str, max_length: int, inter: int, intra: int, slice_size: int,
                   size: int = 0, kind: str = "examples", device: str = "cpu") -> dict:
    """The shortlist's effect on decoding alone, in one process: length-sorted slices of
    ``slice_size`` sentences, each decoded without the map in raw CTranslate2's best
    batches (``size`` ``kind``; 0: one batch per worker; a token budget capped so the
    slice still splits over every worker) and with the ``auto`` map in bitext's (one batch
    per worker, as its chunks), in turn (the order alternating), so a slow spell of the
    machine hits both sides of a slice alike."""
    import ctranslate2
    import sentencepiece

    from bitext.translation.hub import content_revision
    from bitext.translation.shortlist import shortlisted_model

    view, _ = shortlisted_model(Path(ct2_dir), "auto", content_revision(Path(ct2_dir)))
    source = sentencepiece.SentencePieceProcessor(model_file=f"{ct2_dir}/source.spm")
    pieces = sorted((p + ["</s>"] for p in source.encode(sentences_of(Path(text)), out_type=str)), key=len)
    translators = {use: ctranslate2.Translator(str(view if use else ct2_dir), device=device,
                                               compute_type=ct2_compute_type(device), inter_threads=inter,
                                               intra_threads=intra) for use in (False, True)}
    ratios, totals = [], {False: 0.0, True: 0.0}
    for turn, start in enumerate(range(0, len(pieces), slice_size)):
        part, seconds = pieces[start : start + slice_size], {}
        per_worker = (-(-len(part) // inter), "examples")
        # A slice is small: a token budget is capped so it still splits over every worker.
        budget = min(size, per_worker[0] * max(map(len, part))) if kind == "tokens" else size
        batches = {True: per_worker, False: (budget, kind) if size else per_worker}
        for use in ((False, True) if turn % 2 == 0 else (True, False)):
            started = time.perf_counter()
            translators[use].translate_batch(part, beam_size=1, max_decoding_length=max_length, use_vmap=use,
                                             max_batch_size=batches[use][0], batch_type=batches[use][1])
            seconds[use] = time.perf_counter() - started
            totals[use] += seconds[use]
        ratios.append(seconds[True] / seconds[False])
    return {"slices": len(ratios), "median": middle(ratios), "low": min(ratios), "high": max(ratios),
            "total": totals[True] / totals[False], "plain": totals[False], "shortlisted": totals[True]}


def prepared(shared: str, work: str, source: str) -> dict:
    """:func:`prepare` in a child process: the parent stays small, and Linux hands a parent's
    peak memory down to every process it starts (``ru_maxrss`` survives fork and exec), so
    a parent that had built the model in-process would inflate every peak it reports."""
    return {"paths": [str(path) for path in prepare(Path(shared), Path(work), source)]}


CHILDREN = {"prepare": prepared, "decoding-pairs": decoding_pairs, "naive": naive_transformers,
            "batched": batched_transformers, "raw-ct2": raw_ctranslate2}


def run_child(mode: str, *args) -> dict:
    """Run a measurement in a fresh process; add its peak RSS."""
    command = [sys.executable, __file__, "_child", mode, *map(str, args)]
    return run_measured(command, parse_json=True)


def run_measured(command: list[str], parse_json: bool = False, cwd: str | None = None) -> dict:
    started = time.perf_counter()
    with tempfile.TemporaryFile() as output:
        process = subprocess.Popen(command, stdout=output, stderr=subprocess.PIPE, cwd=cwd, text=False)
        _, status, usage = os.wait4(process.pid, 0)
        wall = time.perf_counter() - started
        stderr = process.stderr.read().decode("utf-8", "replace")
        if os.waitstatus_to_exitcode(status) != 0:
            sys.exit(f"{' '.join(command)} failed:\n{stderr[-2000:]}")
        output.seek(0)
        result = json.loads(output.read().decode().strip().splitlines()[-1]) if parse_json else {}
    result.setdefault("seconds", wall)
    result["wall"] = wall
    # CPU seconds of all its threads: what another tenant's load (steal) does not inflate.
    result.setdefault("cpu", usage.ru_utime + usage.ru_stime)
    result["peak_mb"] = usage.ru_maxrss / 1024  # Linux reports KiB
    return result


def bitext_run(text: Path, model: Path, backend: str, max_length: int, out: Path, glossary: bool = False,
               extra: tuple[str, ...] = (), device: str = "cpu") -> dict:
    command = [sys.executable, "-m", "bitext", "translate", str(text), "-o", str(out), "--model", str(model),
               "--backend", backend, "--beam-size", "1", "--max-length", str(max_length), "--no-cache", "-q",
               "--device", device, *extra]
    # From a folder without glossary/, so only glossary=True picks up the project's; the
    # packaged default glossary applies unless the caller passes --no-glossary.
    cwd = str(ROOT) if glossary else tempfile.gettempdir()
    result = run_measured(command, cwd=cwd)
    if "--shortlist" in extra:
        result["shortlist"] = json.loads((out / "manifest.json").read_text("utf-8"))["signature"]
    result["seconds"] = result["wall"]  # end to end: interpreter start, imports, model load, writing
    manifest = json.loads((out / "manifest.json").read_text("utf-8"))
    result["sentences"] = manifest["counts"]["translated"]
    result["terms"] = manifest["counts"].get("terms_matched", 0)
    return result


# -- report ------------------------------------------------------------------------------------

def middle(values: list[float]) -> float:
    """The median as the benchmark takes it: the upper middle of an even count, a real run."""
    return sorted(values)[len(values) // 2]


def median_run(runs: list[dict]) -> dict:
    """The run with the median time, carrying the highest peak memory of all runs."""
    ordered = sorted(runs, key=lambda run: run["seconds"])
    return {**ordered[len(ordered) // 2], "peak_mb": max(run["peak_mb"] for run in runs)}


def rate(result: dict, max_length: int) -> float:
    return result["sentences"] * max_length / result["seconds"]


def spread(runs: list[dict], raw_runs: list[dict], key: str = "seconds") -> str:
    """Each run's time over the raw run it alternated with: min-max."""
    ratios = sorted(run[key] / raw[key] for run, raw in zip(runs, raw_runs))
    return f"{ratios[0]:.3f}-{ratios[-1]:.3f}"


def cpu_ratio(runs: list[dict], raw_runs: list[dict]) -> str:
    """Median CPU seconds over raw's median, with the per-pair spread."""
    ratio = middle([run["cpu"] for run in runs]) / middle([raw["cpu"] for raw in raw_runs])
    return f"{ratio:.3f}x (per pair {spread(runs, raw_runs, 'cpu')})"


def shortlist_coverage(shared: Path, ct2_dir: Path) -> list[tuple[str, object]]:
    """Coverage of the ``auto`` map and of one built with TICO-19 co-occurrences, both on
    TICO-19 documents held out of the build (every fifth document)."""
    from bitext.translation.hub import content_revision
    from bitext.translation.shortlist import Shortlist, auto_shortlist, coverage, make_shortlist

    tmx = shared / "data" / "tico19-all.en-id.tmx"
    with tempfile.TemporaryDirectory() as scratch:
        built = make_shortlist(str(ct2_dir), Path(scratch) / "tico.vmap", [tmx], hold_out=0.2)
        auto = Shortlist.read(auto_shortlist(ct2_dir, content_revision(ct2_dir)))
        from bitext.translation.shortlist import corpus_pairs

        documents: dict[str, list[tuple[str, str]]] = {}
        for document, source, target in corpus_pairs([tmx]):
            documents.setdefault(document, []).append((source, target))
        held = [pair for i, pairs in enumerate(documents.values()) if i % 5 == 4 for pair in pairs]
        return [("auto (shipped evidence only)", coverage(auto, ct2_dir, held)),
                ("built with -c TICO-19 (other documents)", built.coverage)]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    parser.add_argument("--work", type=Path, default=ROOT / ".bench")
    parser.add_argument("--text", choices=["news", "tico19"], default="news",
                        help="news: UD Indonesian-CSUI and seed sentences; tico19: TICO-19's Indonesian side")
    parser.add_argument("--max-length", type=int, default=40)
    parser.add_argument("--naive-sentences", type=int, default=48, help="sentences for the slow one-a-call loop")
    parser.add_argument("--repeat", type=int, default=5,
                        help="alternate raw and bitext CTranslate2 runs this many times and compare medians")
    parser.add_argument("--skip-transformers", action="store_true", help="only the CTranslate2 rows")
    parser.add_argument("--device", choices=["cpu", "cuda"], default="cpu",
                        help="cuda: every row on the GPU (CTranslate2 int8_float16, transformers float16)")
    args = parser.parse_args()
    if not (args.shared / "models" / "opus-mt-id-en" / "config.json").exists():
        sys.exit(f"no opus-mt-id-en tokenizer and config under {args.shared}/models; pass --shared")
    args.work.mkdir(parents=True, exist_ok=True)
    # The bitext cache (converted models, the auto shortlist) of the benchmark is its own.
    os.environ["BITEXT_CACHE_DIR"] = str(args.work.resolve() / "cache")
    # A pip install compiles the package, and an editable one writes its bytecode on first
    # import, unless PYTHONDONTWRITEBYTECODE is set (as on some CI and sandbox machines):
    # then every run would compile bitext's modules again (0.1 s), which no user pays.
    subprocess.run([sys.executable, "-m", "compileall", "-q", str(ROOT / "bitext")], check=True)
    print(f"models and text in {args.work} (built on first use) ...", flush=True)
    paths = run_child("prepare", args.shared.resolve(), args.work.resolve(), args.text)["paths"]
    hf_dir, ct2_dir, text = map(Path, paths)
    length, cores, device = args.max_length, os.cpu_count() or 1, args.device
    print(f"{len(sentences_of(text))} sentences ({args.text}), greedy, {length} target tokens each, {cores} cores"
          + (", CUDA" if device == "cuda" else ""), flush=True)

    rows: dict[str, dict] = {}
    # Batches by token budget and by sentence count: CTranslate2's token batches of short
    # sentences grow to 200 sentences, slower on 2 cores than 64 (0.85-0.94 of the time).
    configs = [(cores, 1, 4096, "tokens"), (cores, 1, 2048, "tokens"), (cores, 1, 64, "examples"),
               (cores, 1, 32, "examples"), (1, cores, 64, "examples")]
    if device == "cuda":  # one batch at a time, as bitext runs a GPU; larger batches pay there
        configs = [(1, cores, 8192, "tokens"), (1, cores, 4096, "tokens"), (1, cores, 128, "examples"),
                   (1, cores, 64, "examples")]
    trials = [run_child("raw-ct2", ct2_dir, text, length, *config, device) for config in configs]
    best = configs[min(range(len(trials)), key=lambda i: trials[i]["seconds"])]
    plain = ("--degenerate", "flag", "--no-glossary")
    shortlisted = (*plain, "--shortlist", "auto")
    raw_runs: list[dict] = []
    bitext_runs: list[dict] = []
    short_runs: list[dict] = []
    with tempfile.TemporaryDirectory() as scratch:
        # The first run builds the map.
        bitext_run(text, ct2_dir, "ctranslate2", length, Path(scratch) / "warm", extra=shortlisted, device=device)
        for turn in range(args.repeat):  # alternate, so a slow spell of the machine hits all three
            # A new folder each time: a rerun into the same one would update its store, not translate.
            raw_runs.append(run_child("raw-ct2", ct2_dir, text, length, *best, device))
            bitext_runs.append(bitext_run(text, ct2_dir, "ctranslate2", length, Path(scratch) / f"ct2-{turn}",
                                          extra=plain, device=device))
            short_runs.append(bitext_run(text, ct2_dir, "ctranslate2", length, Path(scratch) / f"sl-{turn}",
                                         extra=shortlisted, device=device))
        raw, bitext_ct2, bitext_short = median_run(raw_runs), median_run(bitext_runs), median_run(short_runs)
        inter, intra, size, kind = best
        batches = f"{size}-token batches" if kind == "tokens" else f"batches of {size}"
        settings = f"best of {len(configs)}: inter {inter}, intra {intra}, {batches}"
        rows[f"CTranslate2 {ct2_compute_type(device)}, raw ({settings})"] = raw
        rows["bitext translate --backend ctranslate2 --degenerate flag"] = bitext_ct2
        rows["  same, --shortlist auto"] = bitext_short
        rows["  same as the first, default --degenerate redecode"] = bitext_run(
            text, ct2_dir, "ctranslate2", length, Path(scratch) / "redo", extra=("--no-glossary",), device=device)
        rows["  same as the first, with the default glossary (forced terms)"] = bitext_run(
            text, ct2_dir, "ctranslate2", length, Path(scratch) / "ct2g", glossary=True, extra=("--degenerate", "flag"),
            device=device)
        if not args.skip_transformers:
            rows["transformers, one sentence a call (naive)"] = naive = run_child(
                "naive", hf_dir, text, length, args.naive_sentences, device)
            rows["transformers, batches of 32, length-sorted"] = batched = run_child(
                "batched", hf_dir, text, length, 32, device)
            rows["bitext translate --backend transformers --degenerate flag"] = bitext_hf = bitext_run(
                text, hf_dir, "transformers", length, Path(scratch) / "hf", extra=plain, device=device)
            rows["  same, --compute-type bfloat16"] = bitext_run(
                text, hf_dir, "transformers", length, Path(scratch) / "hfbf",
                extra=(*plain, "--compute-type", "bfloat16"), device=device)

    print(f"\n| {'mode':<66} | sentences | seconds | target tok/s | peak RSS MB |")
    print(f"|{'-' * 68}|----------:|--------:|-------------:|------------:|")
    for name, result in rows.items():
        print(f"| {name:<66} | {result['sentences']:>9} | {result['seconds']:>7.1f} | {rate(result, length):>12.0f} |"
              f" {result['peak_mb']:>11.0f} |")
    print()
    print(f"CTranslate2 rows: median of {args.repeat} alternating runs; raw "
          + ", ".join(f"{r['seconds']:.1f}" for r in raw_runs) + " s; bitext "
          + ", ".join(f"{r['seconds']:.1f}" for r in bitext_runs) + " s; --shortlist auto "
          + ", ".join(f"{r['seconds']:.1f}" for r in short_runs) + " s")
    print(f"bitext end to end / raw CTranslate2: {bitext_ct2['seconds'] / raw['seconds']:.3f}x "
          f"(per pair {spread(bitext_runs, raw_runs)}; goal <= 1.05)")
    print(f"bitext --shortlist auto / raw CTranslate2: {bitext_short['seconds'] / raw['seconds']:.3f}x "
          f"(per pair {spread(short_runs, raw_runs)}; goal <= 0.80)")
    print("CPU seconds (all threads; raw from its model load, bitext the whole command): raw "
          + ", ".join(f"{r['cpu']:.1f}" for r in raw_runs) + "; bitext "
          + ", ".join(f"{r['cpu']:.1f}" for r in bitext_runs) + f" = {cpu_ratio(bitext_runs, raw_runs)};"
          f" --shortlist auto {cpu_ratio(short_runs, raw_runs)}")
    pairs = run_child("decoding-pairs", ct2_dir, text, length, inter, intra, SLICE, size, kind, device)
    print(f"decoding only, in one process, {pairs['slices']} slices of {SLICE} sentences each decoded without the map"
          f" (raw's best batches) and with the auto map (bitext's) in turn: {pairs['median']:.3f}x (slices {pairs['low']:.3f}-{pairs['high']:.3f};"
          f" in all {pairs['shortlisted']:.1f} s / {pairs['plain']:.1f} s = {pairs['total']:.3f}x)")
    print(f"bitext ctranslate2 peak memory: {bitext_ct2['peak_mb']:.0f} MB (goal <= 1024)")
    for name, cover in shortlist_coverage(args.shared, ct2_dir):
        print(f"shortlist {name}: coverage {cover.share:.2%} of {cover.pieces} held-out TICO-19 reference pieces, "
              f"{cover.mean_candidates:.0f} candidates a sentence (goal >= 99%)")
    if not args.skip_transformers:
        print(f"bitext ctranslate2 / naive transformers tokens/s: {rate(bitext_ct2, length) / rate(naive, length):.1f}x"
              " (goal >= 20)")
        print(f"bitext transformers / batched-32 transformers tokens/s: "
              f"{rate(bitext_hf, length) / rate(batched, length):.2f}x (goal >= 1)")


if __name__ == "__main__":
    if len(sys.argv) > 2 and sys.argv[1] == "_child":
        mode, *rest = sys.argv[2:]
        function = CHILDREN[mode]
        typed = [int(value) if value.isdigit() else value for value in rest]
        print(json.dumps(function(*typed)))
    else:
        main()
