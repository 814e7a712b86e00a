"""Training and evaluation of Pantau's Indonesian NER pipeline (issue #10)."""
