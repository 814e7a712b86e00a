"""``pantau_violation_classifier_v1``: an optional model signal on the rule-found reports.

Runs after ``pantau_violations_v1`` and only when ``PANTAU_VIOLATION_CLASSIFIER`` names a
local model directory. It adjusts confidence and may demote a report to a mention; it never
adds reports or changes evidence (see ``nlp.backends.violation_classifier``).
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING

from spacy.language import Language
from spacy.tokens import Doc

if TYPE_CHECKING:
    from nlp.backends.violation_classifier import ViolationClassifier

log = logging.getLogger(__name__)

_MODELS: dict[tuple[str, str], ViolationClassifier] = {}


class ViolationSignal:
    def __init__(self, classifier: ViolationClassifier) -> None:
        self.classifier = classifier

    def __call__(self, doc: Doc) -> Doc:
        if doc._.violations:
            doc._.violations, mentioned = self.classifier.adjust(
                doc._.violations, doc._.mentioned_violations or []
            )
            doc._.mentioned_violations = mentioned
        return doc


@Language.factory("pantau_violation_classifier_v1", default_config={"model": "", "device": "auto"})
def make_violation_classifier(nlp: Language, name: str, model: str, device: str) -> ViolationSignal:
    from nlp.backends.violation_classifier import ViolationClassifier

    key = (model, device)
    if key not in _MODELS:
        _MODELS[key] = ViolationClassifier(model, device)
    return ViolationSignal(_MODELS[key])
