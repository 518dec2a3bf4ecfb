"""Scorers: every task kind's judge behind one protocol (:class:`Scorer`), found by :func:`get_scorer`.

- ``simulation`` (spec-to-rtl, completion): extraction, checks, build and the task's testbench
  (the workbench's cocotb tests, or an imported suite's own HDL or pytest testbench);
- ``formal`` (assertion, nl2sva): the open formal judge, mutants, equivalence;
- ``hls`` (hls-debug): C simulation, sanitizers, random vectors, the static pragma check.

Every scorer returns :class:`Result`. Importing this package loads none of them.
"""

from workbench.scorer._scorer import (
                                      ScoreOptions,
                                      Scorer,
                                      SimulatorNotAllowedError,
                                      get_scorer,
                                      score,
                                      score_many,
                                      scorer_label,
)
from workbench.scorer.result import FormalScore, HlsScore, Result, Stage, Status

__all__ = ["FormalScore", "HlsScore", "Result", "ScoreOptions", "Scorer", "SimulatorNotAllowedError", "Stage", "Status",
           "get_scorer", "score", "score_many", "scorer_label"]
