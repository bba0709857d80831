"""The JSON Schema of plan files and of the agency registry, from the pydantic models."""

from __future__ import annotations

import json

from pydantic import BaseModel

from .agency import AgencyFile
from .plan import Plan
from .progress import ProgressFile

MODELS: dict[str, type[BaseModel]] = {"plan": Plan, "registry": AgencyFile, "progress": ProgressFile}


def json_schema(kind: str = "plan") -> str:
    """The JSON Schema of a plan file, of the registry or of a progress file."""
    model = MODELS[kind]
    schema = model.model_json_schema(by_alias=True)
    schema = {"$schema": "https://json-schema.org/draft/2020-12/schema", **schema}
    return json.dumps(schema, ensure_ascii=False, indent=2) + "\n"
