"""Fuzzing parts: choice sources (random or hypothesis), a ruleset generator,
mutators of cases and ruleset files, and the checks every outcome must pass."""
