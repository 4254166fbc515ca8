"""Corpora written for the tests (see :mod:`corpus.wrenfield`) and fixtures that load them."""
