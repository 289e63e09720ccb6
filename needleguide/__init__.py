"""needleguide: an offline dry-needling safety reference."""

__version__ = "0.1.0"
