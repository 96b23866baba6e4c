"""The bundled executable's entry point: the same as the ``petitiondesk`` command."""

import multiprocessing
import sys

from petitiondesk.cli import main

if __name__ == "__main__":
    multiprocessing.freeze_support()  # the program runs long work in child processes
    sys.exit(main())
