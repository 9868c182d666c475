"""Rich rendering of a ParseResult (placeholder)."""
def render_parse(console, result):  # type: ignore[no-untyped-def]
    console.print(result.to_json())
