"""`python -m petitiondesk` — same as the `petitiondesk` command."""

import sys

from petitiondesk.cli import main

sys.exit(main())
