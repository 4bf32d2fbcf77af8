#!/usr/bin/env python
import os
import sys

if sys.version_info < (3, 12):  # noqa: UP036 - say so in one line, not a traceback
    sys.exit("Python 3.12 or newer is required (Django 6); install it, e.g. `pyenv install 3.12`.")


def main():
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "cooperation.settings")
    from django.core.management import execute_from_command_line

    execute_from_command_line(sys.argv)


if __name__ == "__main__":
    main()
