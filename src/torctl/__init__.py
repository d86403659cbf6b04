"""torctl: terms of reference for public-sector boards, as validated YAML."""

__version__ = "0.1.0"
