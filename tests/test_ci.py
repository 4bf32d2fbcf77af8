"""What .ci/run does, read from the script: it is run as root in a fresh clone, never here."""

from django.conf import settings


def _ci_script():
    return (settings.BASE_DIR / ".ci" / "run").read_text()


def test_ci_runs_make_lint_as_a_stage_of_its_own_before_the_tests():
    script = _ci_script()
    lint = script.index("if make lint; then")
    assert lint < script.index("run_tests sqlite") < script.index("run_tests postgresql")
    stage = script[lint : script.index("fi\n", lint)]
    assert 'stage "Lint" "$t" FAIL' in stage
    assert "failed+=(lint)" in stage  # the script exits non-zero when failed is not empty
