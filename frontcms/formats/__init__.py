"""Date, time and number formats per language (FORMAT_MODULE_PATH); Django's own fill the gaps."""
