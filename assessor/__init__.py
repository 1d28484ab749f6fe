"""Policy navigator for 包府发〔2019〕47号: the policy as data and its rules engine.

`assess(answers, as_of=None)` says which measures of the plan may apply to a
household (assessor/API.md); `InvalidAnswers` carries the errors when the
answers cannot be assessed. Standard library only: it also runs in Pyodide.
"""

from .result import assess
from .validation import InvalidAnswers

__all__ = ["assess", "InvalidAnswers"]
