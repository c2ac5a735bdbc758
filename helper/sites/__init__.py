"""Site profiles (``rules/sites/*.toml``) and what the helper reads from workbench pages."""
