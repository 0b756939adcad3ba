"""Glossaries: reading them, finding their terms, checking and enforcing their targets."""
