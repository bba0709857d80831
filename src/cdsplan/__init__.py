"""cdsplan: Vietnam's digital-transformation plans as YAML in git."""

__version__ = "0.1.0"

# The plan file format this cdsplan reads and writes (`schema:` in every file).
SCHEMA_V1 = "cdsplan/v1"
