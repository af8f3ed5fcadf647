"""Bulk content for load tests and query-plan reviews (``manage.py make_bench_data``).

The portal's pages must stay fast with years of content: a hundred thousand
articles, thousands of meetings with galleries of thirty photos. This package makes
such content from Vietnamese word lists, the same every run for the same seed
(dates are counted back from today, so scheduled articles stay in the future).

Rows are written with ``bulk_create``, which skips ``save()`` and signals, so every
field ``save()`` derives (folded titles, search text, sort keys, slugs, the cleaned
body) is filled here with the same helpers ``save()`` uses: the rows are exactly what
saving them one by one would give, thousands of times faster. Photos share a handful
of image files, each made once through the portal's upload processing, so pages
render real ``<picture>`` markup; deleting one such photo in the admin deletes the
files the others show.

``generator`` runs the steps, one module for each kind of content (``people``,
``events``, ``news``, ``awards``), with what they share in ``common``; ``database``
empties and analyses the content tables; ``targets`` names the pages to measure.
What the commands and the benchmarks use is importable from here.
"""

from devtools.bench_data.database import (
    analyse,
    content_models,
    reset_content,
    row_counts,
)
from devtools.bench_data.events import SHARED_IMAGES
from devtools.bench_data.generator import (
    DEFAULT_SEED,
    BenchData,
    make_bench_data,
    non_negative_int,
)
from devtools.bench_data.targets import bench_urls

__all__ = [
    "DEFAULT_SEED",
    "SHARED_IMAGES",
    "BenchData",
    "analyse",
    "bench_urls",
    "content_models",
    "make_bench_data",
    "non_negative_int",
    "reset_content",
    "row_counts",
]
