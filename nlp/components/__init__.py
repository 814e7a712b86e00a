"""Pantau's spaCy components, registered as versioned factories: ``pantau_<name>_v1``
(spaCy forbids dots in factory names).

Importing this package registers them; ``nlp.pipeline.build_pipeline`` assembles them.
"""

from nlp.components import (  # noqa: F401 - imported for factory registration
    _ext,
    keywords,
    officials,
    org_merge,
    organizations,
    quotes,
    regions,
    transformers_ner,
    violation_classifier,
    violations,
)
