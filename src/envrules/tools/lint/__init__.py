"""``envrules lint``: static checks of rulesets, before any case runs.

* E001 the rulesets do not load (schema, YAML, unknown facts or values, ids, duplicates)
* E002 overlapping rules with conflicting outcomes in a unique-hit table
* E003 a rule that can never fire: shadowed by an earlier rule (first hit)
* E004 a condition that can never hold (contradictory constraints)
* E005 a tier or adjustment whose dates lie outside every version it belongs to
* E006 a gap between consecutive versions of a kind
* E007 a kind whose tiers do not cover every case (no catch-all tier)
* E008 a region that no jurisdiction rule reaches
* E009 a violation kind without an office, where the profile has an office table
* E010 a rule without an article or section in its legal basis
* E011 an adjustment that lets the permitted maximum exceed the statutory cap
* E012 a tier that selects on a fact negatively which adjustments also test (禁止重复评价)
* E013 an id used twice: a version, tier, benchmark item, factor or level, a table, or a
  replacement of something already replaced (a decision would name the wrong one)
"""

from .checks import Finding, lint_plan
from .run import lint_profile, run_lint

__all__ = ["Finding", "lint_plan", "lint_profile", "run_lint"]
