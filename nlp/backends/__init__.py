"""Optional heavy NLP backends (transformers). Nothing here is imported unless configured.

``transformers_ner.TransformersNER`` runs any local token-classification model directory;
``loading`` holds the offline-only model loading and device choice shared with the
violation classifier. Install with ``pip install '.[transformers]'``.
"""
