"""Hardware generators' own rules, as code: which designs a generator builds (one checker per generator, used by
the export and, later, by the search space). Each rule is ported from the generator's source and named as it names
it, so a refused design says which rule it breaks."""
