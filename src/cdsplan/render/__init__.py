"""Documents from plans: the context templates see, the sandboxed templates, Markdown and DOCX."""
