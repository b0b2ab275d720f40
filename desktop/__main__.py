"""`python -m desktop` runs the command line."""

from desktop.cli import main

# The guard matters: analysis worker processes are spawned, and spawning re-imports the
# main module; without it every worker would run the command again.
if __name__ == "__main__":
    raise SystemExit(main())
