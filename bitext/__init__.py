"""bitext: Indonesian news articles to a reviewed, evaluated Indonesian-English parallel corpus.

The pipeline stages are importable on their own::

    from bitext import read_documents, Cleaner, Segmenter, Glossary, load_translator
    from bitext.formats import read_corpus, write_corpus

Heavy dependencies (torch, transformers, ctranslate2) are imported on first use.
"""

__version__ = "0.1.0"

_LAZY = {
    "BitextError": "bitext.errors",
    "Segment": "bitext.model",
    "TermMatch": "bitext.model",
    "Corpus": "bitext.model",
    "Document": "bitext.ingest.reader",
    "read_documents": "bitext.ingest.reader",
    "Cleaner": "bitext.cleaning.cleaner",
    "Segmenter": "bitext.segmentation.sentences",
    "Glossary": "bitext.terms.glossary",
    "load_glossaries": "bitext.terms.glossary",
    "load_translator": "bitext.translation",
    "TranslationSettings": "bitext.translation",
    "TranslateOptions": "bitext.project.run",
    "run_translation": "bitext.project.run",
}


def __getattr__(name: str):
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module 'bitext' has no attribute {name!r}")
    import importlib

    return getattr(importlib.import_module(module), name)


__all__ = ["__version__", *_LAZY]
