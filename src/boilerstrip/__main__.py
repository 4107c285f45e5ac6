"""`python -m boilerstrip`: the `boilerstrip` command."""

from boilerstrip.cli import main

# Worker processes import this module again under another name: only the
# command itself runs the command.
if __name__ == "__main__":
    raise SystemExit(main())
