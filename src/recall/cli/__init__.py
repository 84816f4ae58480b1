"""The ``recall`` command line: thin commands that parse, call the core and store, render."""
