"""``python -m eightk``: the same as the ``eightk`` command."""

from .commands import main

main()
