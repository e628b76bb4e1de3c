"""The review document for the steering group and the discussion guide (`aicourse review`)."""

from aicourse_build.review.output import write_review

__all__ = ["write_review"]
