"""``bitext filter``: score every pair of a parallel corpus, keep the good ones, say why.

Each filter is a small named unit (:mod:`bitext.filtering.registry` lists them, one
module a filter or family); :mod:`~bitext.filtering.config` holds their thresholds;
:func:`~bitext.filtering.driver.filter_segments` streams any iterator of segments
through them; :func:`~bitext.filtering.inputs.read_pairs` reads the inputs.

    from bitext.filtering import FilterConfig, filter_segments
    for judged in filter_segments(segments, workdir, FilterOptions(FilterConfig())):
        print(judged.segment.id, judged.reasons, judged.segment.scores)
"""

from bitext.filtering.config import FilterConfig, FilterConfigError
from bitext.filtering.driver import FilterOptions, FilterTally, Judged, filter_segments
from bitext.filtering.inputs import read_pairs

__all__ = ["FilterConfig", "FilterConfigError", "FilterOptions", "FilterTally", "Judged", "filter_segments", "read_pairs"]
