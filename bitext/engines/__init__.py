"""Engines run the translate stage chunk by chunk: in this process or on Ray.

    engine = make_engine(EngineOptions(name="ray", workers=4), settings)
"""

from __future__ import annotations

from bitext.engines.base import ENGINES, ChunkEngine, EngineOptions
from bitext.errors import BitextError
from bitext.translation.base import TranslationSettings


def make_engine(options: EngineOptions, settings: TranslationSettings) -> ChunkEngine:
    """The engine ``options.name`` names (Ray is imported only when it runs)."""
    if options.name == "local":
        from bitext.engines.local import LocalEngine

        return LocalEngine()
    if options.name == "ray":
        from bitext.engines.ray_cluster import RayEngine

        return RayEngine(settings, options)
    raise BitextError(f"unknown engine {options.name!r}; choose one of {', '.join(ENGINES)}")


__all__ = ["ENGINES", "ChunkEngine", "EngineOptions", "make_engine"]
