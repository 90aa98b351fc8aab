"""The version of the extraction and linking output; part of the index's cache key.

Bump :data:`PIPELINE_VERSION` whenever a change to ``syria_reader.nlp`` changes what the
extractors or the linker produce, so every cached index is rebuilt. Imports nothing heavy.
"""

from __future__ import annotations

PIPELINE_VERSION: str = "nlp-5"
