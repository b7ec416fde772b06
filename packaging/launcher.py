"""Entry script of the frozen build: both gkdesk.exe (windowed) and gkdesk-cli.exe (console).

The two executables differ only in the bootloader PyInstaller gives them; what they do is
decided by the arguments, exactly as for the `gkdesk` console script: no arguments or a file
opens the window, `check`/`new`/`sample`/`next` run on the command line.
"""
import os
import sys


def _give_windowed_build_streams() -> None:
    """A windowed exe starts with sys.stdout and sys.stderr set to None; the command line writes
    its one-line errors to stderr, so give both somewhere harmless to go instead of crashing."""
    for name in ("stdout", "stderr"):
        if getattr(sys, name) is None:
            setattr(sys, name, open(os.devnull, "w", encoding="utf-8"))


if __name__ == "__main__":
    _give_windowed_build_streams()
    # `merge` reads many files in worker processes; on Windows each starts this executable
    # again, and freeze_support() turns such a start into a worker instead of a second gkdesk
    import multiprocessing

    multiprocessing.freeze_support()
    from gkdesk.cli import main

    sys.exit(main())
