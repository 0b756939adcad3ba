"""Engines run the translate stage chunk by chunk: in this process or on Ray."""
