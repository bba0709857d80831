"""The JSON Schema of plan files and of the agency registry, from the pydantic models."""

from __future__ import annotations

import json

from .agency import AgencyFile
from .plan import Plan


def json_schema(registry: bool = False) -> str:
    model = AgencyFile if registry else Plan
    schema = model.model_json_schema(by_alias=True)
    schema = {"$schema": "https://json-schema.org/draft/2020-12/schema", **schema}
    return json.dumps(schema, ensure_ascii=False, indent=2) + "\n"
