"""The ``framing`` command line: the same functions as the Python API, for scripts."""

from __future__ import annotations

import argparse
import sys


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="framing", description=__doc__)
    parser.add_argument("--version", action="version", version=_version())
    parser.add_subparsers(dest="command", metavar="COMMAND")
    return parser


def _version() -> str:
    from framing import __version__

    return f"framing {__version__}"


def main(argv: list[str] | None = None) -> int:
    """Run the command line; return the exit code."""
    parser = build_parser()
    args = parser.parse_args(argv)
    if args.command is None:
        parser.print_help()
        return 2
    return int(args.handler(args) or 0)


if __name__ == "__main__":
    sys.exit(main())
