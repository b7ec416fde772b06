import sys

from .cli import main

# Guarded: merge's worker processes started by spawn (the window, Windows) import the main
# module again, and must not run the program a second time.
if __name__ == "__main__":
    sys.exit(main())
