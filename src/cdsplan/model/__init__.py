"""The model at the centre: what a plan file, the agency registry and a progress record may say
(schema cdsplan/v1), as pydantic classes. Every other module reads files only through them."""
