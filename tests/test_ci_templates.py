"""The CI templates keep the rules that make pull requests from forks safe.

Read with the project's strict YAML reader: PyYAML would turn the `on:` key into
True and `false` into a boolean, and these tests want the text as written.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from generator.content.yamlread import read_yaml, to_plain

TEMPLATES = Path(__file__).resolve().parent.parent / "ci-templates"
GITHUB = sorted((TEMPLATES / "github").glob("*.yml"))
PULL_REQUEST = TEMPLATES / "github" / "pull-request.yml"
PUBLISH = TEMPLATES / "github" / "publish.yml"
GITLAB = TEMPLATES / "gitlab-ci.yml"

# Expressions whose value an author of a pull request chooses (GitHub's list of
# untrusted inputs, and anything under github.event).
UNTRUSTED = re.compile(r"\$\{\{[^}]*(github\.event|github\.head_ref|inputs\.)", re.I)


def load(path: Path) -> dict[str, Any]:
    data = to_plain(read_yaml(path.read_text(encoding="utf-8")))
    assert isinstance(data, dict)
    return data


def steps(workflow: dict[str, Any]) -> Iterator[tuple[str, dict[str, Any]]]:
    for name, job in workflow["jobs"].items():
        for step in job.get("steps", []):
            yield name, step


def test_there_are_the_two_github_workflows() -> None:
    assert set(GITHUB) == {PULL_REQUEST, PUBLISH}


def test_pull_requests_use_the_safe_trigger_only() -> None:
    assert list(load(PULL_REQUEST)["on"]) == ["pull_request"]
    for path in GITHUB:
        assert "pull_request_target" not in load(path)["on"]


def test_publishing_runs_on_pushes_to_main_only() -> None:
    assert load(PUBLISH)["on"] == {"push": {"branches": ["main"]}}


@pytest.mark.parametrize("path", GITHUB, ids=lambda p: p.name)
def test_the_token_only_reads_by_default(path: Path) -> None:
    assert load(path)["permissions"] == {"contents": "read"}


def test_only_the_deploy_job_may_publish() -> None:
    grants = {name: job.get("permissions") for name, job in load(PUBLISH)["jobs"].items()}
    assert grants == {"build": None, "deploy": {"pages": "write", "id-token": "write"}}
    assert all("permissions" not in job for job in load(PULL_REQUEST)["jobs"].values())


def test_deploy_uses_the_pages_actions() -> None:
    workflow = load(PUBLISH)
    used = {
        job: [s.get("uses", "").split("@")[0] for _, s in steps({"jobs": {job: j}})]
        for job, j in workflow["jobs"].items()
    }
    assert "actions/upload-pages-artifact" in used["build"]
    assert used["deploy"] == ["actions/deploy-pages"]
    assert workflow["jobs"]["deploy"]["needs"] == "build"


@pytest.mark.parametrize("path", GITHUB, ids=lambda p: p.name)
def test_checkout_leaves_no_credentials_and_fetches_history(path: Path) -> None:
    checkouts = [
        s for _, s in steps(load(path)) if s.get("uses", "").startswith("actions/checkout@")
    ]
    assert checkouts
    for step in checkouts:
        assert step["with"]["persist-credentials"] == "false"
        assert step["with"]["fetch-depth"] == "0"


@pytest.mark.parametrize("path", GITHUB, ids=lambda p: p.name)
def test_no_expression_is_pasted_into_a_shell_command(path: Path) -> None:
    for job, step in steps(load(path)):
        if "run" in step:
            assert "${{" not in step["run"], (job, step["run"])


@pytest.mark.parametrize("path", GITHUB, ids=lambda p: p.name)
def test_untrusted_values_never_reach_run(path: Path) -> None:
    for job, step in steps(load(path)):
        assert not UNTRUSTED.search(step.get("run", "")), (job, step["run"])


@pytest.mark.parametrize("path", [*GITHUB, GITLAB], ids=lambda p: p.name)
def test_no_secret_is_used(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    assert "secrets." not in text
    assert "CI_JOB_TOKEN" not in text


# GitLab variables whose text the author of a merge request writes.
GITLAB_UNTRUSTED = (
    "CI_MERGE_REQUEST_TITLE",
    "CI_MERGE_REQUEST_DESCRIPTION",
    "CI_MERGE_REQUEST_SOURCE_BRANCH_NAME",
    "CI_COMMIT_MESSAGE",
    "CI_COMMIT_TITLE",
    "CI_COMMIT_DESCRIPTION",
    "CI_COMMIT_REF_NAME",
    "CI_COMMIT_BRANCH_NAME",
)


def test_gitlab_scripts_quote_every_variable_and_use_no_authors_text() -> None:
    pipeline = load(GITLAB)
    lines = [
        line
        for job in pipeline.values()
        if isinstance(job, dict)
        for key in ("script", "before_script")
        for line in job.get(key, [])
    ]
    assert lines
    for line in lines:
        assert not any(name in line for name in GITLAB_UNTRUSTED), line
        unquoted = re.sub(r'"[^"]*"', "", line)
        assert "$" not in unquoted, line


def test_pull_requests_run_check_build_and_the_ownership_report() -> None:
    runs = " ".join(s.get("run", "") for _, s in steps(load(PULL_REQUEST)))
    assert "python -m generator check" in runs
    assert "python -m generator build" in runs
    assert 'python -m generator owners check --base "$BASE_SHA" --author "$AUTHOR"' in runs
    assert "python -m generator owners codeowners --check" in runs


@pytest.mark.parametrize("path", GITHUB, ids=lambda p: p.name)
def test_edit_links_come_from_the_environment(path: Path) -> None:
    runs = " ".join(s.get("run", "") for _, s in steps(load(path)))
    assert '--edit-base "https://github.com/${GITHUB_REPOSITORY}/edit/main/"' in runs


def test_gitlab_runs_merge_requests_and_deploys_the_default_branch_only() -> None:
    pipeline = load(GITLAB)
    assert [r["if"] for r in pipeline["workflow"]["rules"]] == [
        '$CI_PIPELINE_SOURCE == "merge_request_event"',
        "$CI_COMMIT_BRANCH == $CI_DEFAULT_BRANCH",
    ]
    jobs = {
        name: job for name, job in pipeline.items() if isinstance(job, dict) and "script" in job
    }
    for job in jobs.values():
        assert "only" not in job and "except" not in job  # rules: only
    assert pipeline["pages"]["rules"] == [{"if": "$CI_COMMIT_BRANCH == $CI_DEFAULT_BRANCH"}]
    assert pipeline["pages"]["artifacts"]["paths"] == ["public"]
    for name in ("owners", "build"):
        assert jobs[name]["rules"] == [{"if": '$CI_PIPELINE_SOURCE == "merge_request_event"'}]
    scripts = " ".join(" ".join(job["script"]) for job in jobs.values())
    assert "python -m generator check" in scripts
    assert (
        'python -m generator owners check --base "$CI_MERGE_REQUEST_DIFF_BASE_SHA" '
        '--author "$GITLAB_USER_LOGIN"'
    ) in scripts
    assert "python -m generator build --site-dir public" in scripts
