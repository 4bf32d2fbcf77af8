"""Fail when a commit made after SINCE has a subject longer than 72 characters: the subject is
what `git log --oneline` and every review list show; the detail goes in the body."""

import subprocess
import sys

LIMIT = 72
# Commits up to this one were made before the check; five of them are longer (73 to 110).
SINCE = "56d1bab"
# Made on a branch before the check existed, merged after it.
EARLIER = {"2cd7a76"}


def main():
    subjects = subprocess.run(
        ["git", "log", "--format=%H %s", f"{SINCE}..HEAD"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout.splitlines()
    long = [
        line
        for line in subjects
        if len(line.split(" ", 1)[1]) > LIMIT and not line.startswith(tuple(EARLIER))
    ]
    for line in long:
        print(f"commit subject over {LIMIT} characters: {line}", file=sys.stderr)
    return 1 if long else 0


if __name__ == "__main__":
    sys.exit(main())
