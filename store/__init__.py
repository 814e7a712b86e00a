"""Records and the Store contract with its backends (SQLite; Elasticsearch/OpenSearch)."""
