"""The Qt window over core.service (PySide6); nothing here is imported by core or the CLI."""
