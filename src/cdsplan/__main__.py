"""`python -m cdsplan`: the same entry point as the `cdsplan` command."""

from .cli import main

if __name__ == "__main__":
    main()
