"""The ``eightk`` command's entry point.

The commands live in the library (``eightk.commands``, the folder
``parser/commands/`` here) so that an installed wheel carries them; the
installed ``eightk`` script and ``python -m eightk`` call the same ``main``.
From a checkout with the package installed, ``python cli.py ...`` runs it too.
"""

from eightk.commands import app, main

__all__ = ["app", "main"]

if __name__ == "__main__":
    main()
