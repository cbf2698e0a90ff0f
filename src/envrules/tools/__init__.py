"""Tools on the public API: the command line, lint, scenario files, the pytest
plugin, schemas and the rule tables of the docs."""
