"""What every model class shares: unknown keys refused, places in the file, one-or-many ids."""

from __future__ import annotations

from typing import Annotated

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field, WithJsonSchema

PLAN_ID = r"^[a-z0-9][a-z0-9-]*$"  # plan and agency ids: ascii slugs, safe in paths and URLs


class Strict(BaseModel):
    """Unknown keys are errors: a misspelt key must not silently vanish."""

    model_config = ConfigDict(extra="forbid", populate_by_name=True)


class Located(Strict):
    """A model element whose place in its file the loader records (see `place`)."""

    @property
    def line(self) -> int:
        return int((self.__pydantic_private__ or {}).get("line", 0))

    @property
    def column(self) -> int:
        return int((self.__pydantic_private__ or {}).get("column", 0))


def place(element: Located, line: int, column: int, **more: str) -> None:
    """Record where element stands in its file.

    Kept in pydantic's private slot without declaring private attributes: declared
    ones cost a default-initialisation per model, tens of thousands per national run."""
    object.__setattr__(element, "__pydantic_private__", {"line": line, "column": column, **more})


def _as_list(value: object) -> object:
    return [value] if isinstance(value, str) else value


# One string or a list of strings in YAML (`lead: bo-yt`), always a list in the model;
# the JSON Schema says both, so that editors accept what the loader accepts.
OneOrMany = Annotated[
    list[str],
    BeforeValidator(_as_list),
    WithJsonSchema({"anyOf": [{"type": "string"}, {"type": "array", "items": {"type": "string"}}]}),
]
AgencyIds = Annotated[OneOrMany, Field(default_factory=list)]
