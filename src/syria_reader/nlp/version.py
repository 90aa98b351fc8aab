"""The version of the extraction and linking output; part of the index's cache key.

Bump :data:`PIPELINE_VERSION` whenever a change to ``syria_reader.nlp`` changes what the
extractors produce, so every cached analysis is made again; bump :data:`LINKING_VERSION` when
only the linker's output changes, so indexes are re-linked from their cached analyses (a 50,000
article corpus is not analysed again for a linking fix). Imports nothing heavy.
"""

from __future__ import annotations

PIPELINE_VERSION: str = "nlp-5"
LINKING_VERSION: str = "link-2"
