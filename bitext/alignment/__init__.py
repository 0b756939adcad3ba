"""Sentence alignment of documents that exist in both languages."""
