"""kapdiary: an integration diary for ketamine-assisted therapy."""

__version__ = "0.1.0"
