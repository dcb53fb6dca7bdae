"""Scale data and the benchmark runner (``make bench``); not part of ``make test``."""
