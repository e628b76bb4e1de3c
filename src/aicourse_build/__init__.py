"""aicourse-build: compiles course manuscripts into packages for learning platforms."""

__version__ = "0.1.0"
