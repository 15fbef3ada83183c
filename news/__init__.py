"""News: articles, categories, tags, related-news logic and feeds."""
