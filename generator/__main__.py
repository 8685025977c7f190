"""`python -m generator`: see `generator.cli`."""

import sys

from generator.cli import main

if __name__ == "__main__":  # a spawned language process imports this module again
    sys.exit(main())
