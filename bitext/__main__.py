"""``python -m bitext``: the same command as ``bitext``."""

from bitext.cli import main

main()
