import sys

from circle.cli import main

sys.exit(main())
