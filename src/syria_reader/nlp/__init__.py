"""Entity, date and figure extraction and cross-article linking; the only place spaCy is imported."""
