"""``python -m activity_scores``: the same as the ``activity-scores`` command."""

import sys

from activity_scores.cli import main

sys.exit(main())
