"""Entity, date and figure extraction and cross-article linking; the only place spaCy is imported.

Entry points: :func:`pipeline.load_extractor` (spaCy, or :mod:`rules` without it),
:func:`linking.link`, :func:`gazetteer.load_gazetteer` (and its cheap
:func:`gazetteer.gazetteer_fingerprint`), :func:`model_info.model_fingerprint` and
:data:`version.PIPELINE_VERSION`. Only :mod:`pipeline` imports spaCy, and only when an
extractor is loaded; everything the index needs on a warm start is spaCy-free.
"""
