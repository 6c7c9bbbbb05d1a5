// Placeholder entry point; the CLI lands with issue 3.
print("remindd: not built yet")
