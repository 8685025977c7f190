"""The repository's own CI keeps the rules that make pull requests from forks safe, and
passes the linters the forges' users rely on: actionlint and zizmor for the GitHub
workflows, GitLab's schema (vendored in check-jsonschema) for `.gitlab-ci.yml`.

Read with the project's strict YAML reader: PyYAML would turn the `on:` key into
True and `false` into a boolean, and these tests want the text as written.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from generator.content.yamlread import read_yaml, to_plain

ROOT = Path(__file__).resolve().parent.parent
WORKFLOWS = ROOT / ".github" / "workflows"
GITHUB = sorted(WORKFLOWS.glob("*.yml"))
PULL_REQUEST = WORKFLOWS / "pull-request.yml"
OWNERS = WORKFLOWS / "owners.yml"
PUBLISH = WORKFLOWS / "publish.yml"
GITLAB = ROOT / ".gitlab-ci.yml"
GUIDE = ROOT / "docs" / "editors-guide.md"
BIN = Path(sys.executable).parent

# Expressions whose value an author of a pull request chooses (GitHub's list of
# untrusted inputs, and anything under github.event).
UNTRUSTED = re.compile(r"\$\{\{[^}]*(github\.event|github\.head_ref|inputs\.)", re.I)
PINNED = re.compile(r"^\s*(?:- )?uses: [\w.-]+/[\w.-]+@[0-9a-f]{40} # v\d+(\.\d+)*$")


def load(path: Path) -> dict[str, Any]:
    data = to_plain(read_yaml(path.read_text(encoding="utf-8")))
    assert isinstance(data, dict)
    return data


def steps(workflow: dict[str, Any]) -> Iterator[tuple[str, dict[str, Any]]]:
    for name, job in workflow["jobs"].items():
        for step in job.get("steps", []):
            yield name, step


def tool(name: str) -> str:
    """A linter installed by the test extra, beside this Python."""
    found = shutil.which(name, path=str(BIN)) or shutil.which(name)
    assert found, f"{name} is not installed: pip install -e '.[test]'"
    return found


def test_ci_lives_in_the_repository_itself() -> None:
    assert set(GITHUB) == {PULL_REQUEST, OWNERS, PUBLISH}
    assert GITLAB.is_file()
    assert not (ROOT / "ci-templates").exists()


def test_the_repositorys_codeowners_is_current() -> None:
    from generator.cli import main

    assert main(["owners", "codeowners", "--root", str(ROOT), "--check"]) == 0


def test_actionlint_finds_nothing() -> None:
    done = subprocess.run(
        [tool("actionlint"), "-no-color", *map(str, GITHUB)],
        capture_output=True,
        text=True,
        check=False,
        cwd=ROOT,
    )
    assert (done.returncode, done.stdout + done.stderr) == (0, "")


def test_zizmor_finds_nothing_even_as_an_auditor() -> None:
    done = subprocess.run(
        [tool("zizmor"), "--offline", "--persona=auditor", "--no-progress", str(WORKFLOWS)],
        capture_output=True,
        text=True,
        check=False,
        cwd=ROOT,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    assert "No findings to report" in done.stdout + done.stderr
    assert "suppressed" not in done.stdout + done.stderr


@pytest.mark.parametrize(
    ("schema", "path"),
    [("vendor.gitlab-ci", GITLAB), *[("vendor.github-workflows", p) for p in GITHUB]],
    ids=lambda v: v.name if isinstance(v, Path) else v,
)
def test_the_forges_schemas_accept_the_files(schema: str, path: Path) -> None:
    transform = ["--data-transform", "gitlab-ci"] if schema == "vendor.gitlab-ci" else []
    done = subprocess.run(
        [tool("check-jsonschema"), "--builtin-schema", schema, *transform, str(path)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stdout + done.stderr


@pytest.mark.parametrize("path", GITHUB, ids=lambda p: p.name)
def test_actions_are_pinned_by_commit_with_the_tag_in_a_comment(path: Path) -> None:
    lines = [line for line in path.read_text(encoding="utf-8").splitlines() if "uses:" in line]
    assert lines
    for line in lines:
        assert PINNED.match(line), line


def test_pull_requests_use_the_safe_triggers_only() -> None:
    assert list(load(PULL_REQUEST)["on"]) == ["pull_request"]
    assert load(OWNERS)["on"] == {
        "pull_request": "",
        "pull_request_review": {"types": ["submitted", "dismissed"]},
    }
    for path in GITHUB:
        assert not {"pull_request_target", "workflow_run"} & set(load(path)["on"])


def test_publishing_runs_on_pushes_to_main_only() -> None:
    assert load(PUBLISH)["on"] == {"push": {"branches": ["main"]}}


@pytest.mark.parametrize("path", GITHUB, ids=lambda p: p.name)
def test_the_token_only_reads_by_default(path: Path) -> None:
    assert load(path)["permissions"] == {"contents": "read"}


def test_only_the_deploy_job_may_write_and_owners_may_read_reviews() -> None:
    grants = {name: job.get("permissions") for name, job in load(PUBLISH)["jobs"].items()}
    assert grants == {"build": None, "deploy": {"pages": "write", "id-token": "write"}}
    assert all("permissions" not in job for job in load(PULL_REQUEST)["jobs"].values())
    assert load(OWNERS)["jobs"]["owners"]["permissions"] == {
        "contents": "read",
        "pull-requests": "read",
    }


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
def test_checkout_leaves_no_credentials(path: Path) -> None:
    checkouts = [
        s for _, s in steps(load(path)) if s.get("uses", "").startswith("actions/checkout@")
    ]
    assert checkouts
    for step in checkouts:
        assert step["with"]["persist-credentials"] == "false"


@pytest.mark.parametrize("path", GITHUB, ids=lambda p: p.name)
def test_no_expression_is_pasted_into_a_shell_command(path: Path) -> None:
    for job, step in steps(load(path)):
        if "run" in step:
            assert "${{" not in step["run"], (job, step["run"])
            assert not UNTRUSTED.search(step["run"]), (job, step["run"])


def test_the_ownership_step_runs_the_target_branchs_code() -> None:
    """Never the request's: the target branch is checked out apart, installed (not
    editable) and run from the workspace, where no `generator/` folder is."""
    job = load(OWNERS)["jobs"]["owners"]
    trusted, request = (
        s for s in job["steps"] if s.get("uses", "").startswith("actions/checkout@")
    )
    assert trusted["with"]["ref"] == "${{ github.event.pull_request.base.ref }}"
    assert trusted["with"]["path"] == "trusted"
    assert request["with"]["path"] == "request"
    assert request["with"]["fetch-depth"] == "0"
    runs = [s["run"] for s in job["steps"] if "run" in s]
    assert runs[0] == "python -m pip install --disable-pip-version-check ./trusted"
    assert all("working-directory" not in s for s in job["steps"])
    script = " ".join(runs)
    assert "-e ." not in script and "pip install" not in " ".join(runs[1:])
    assert 'gh api --paginate "repos/${GITHUB_REPOSITORY}/pulls/${NUMBER}/reviews"' in script
    assert (
        'python -m generator owners check --root request --base "origin/$BASE_REF" '
        '--head "$HEAD_SHA" \\\n  --author "$AUTHOR" --approved-by "$approved"'
    ) in script
    assert "python -m generator owners codeowners --root request --check" in script
    assert job["env"]["AUTHOR"] == "${{ github.event.pull_request.user.login }}"


def test_pull_requests_are_checked_built_and_previewed() -> None:
    job = load(PULL_REQUEST)["jobs"]["check"]
    runs = " ".join(s.get("run", "") for s in job["steps"])
    assert "python -m generator check" in runs
    assert 'python -m generator build --site-dir "$RUNNER_TEMP/site"' in runs
    assert 'git worktree add --detach "$RUNNER_TEMP/base" "$BASE_SHA"' in runs
    assert (
        'python -m generator compare "$RUNNER_TEMP/base-site" "$RUNNER_TEMP/site" '
        '--artifact site-preview >> "$GITHUB_STEP_SUMMARY"'
    ) in runs
    [upload] = [s for s in job["steps"] if "upload-artifact" in s.get("uses", "")]
    assert upload["with"]["name"] == "site-preview"
    assert upload["with"]["path"] == "${{ runner.temp }}/site"


@pytest.mark.parametrize("path", [PULL_REQUEST, PUBLISH], ids=lambda p: p.name)
def test_edit_links_come_from_the_environment(path: Path) -> None:
    runs = " ".join(s.get("run", "") for _, s in steps(load(path)))
    assert '--edit-base "https://github.com/${GITHUB_REPOSITORY}/edit/main/"' in runs


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


def gitlab_jobs() -> dict[str, dict[str, Any]]:
    pipeline = load(GITLAB)
    return {
        name: job for name, job in pipeline.items() if isinstance(job, dict) and "script" in job
    }


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


def test_gitlab_runs_merge_requests_and_deploys_the_default_branch_only() -> None:
    pipeline = load(GITLAB)
    assert [r["if"] for r in pipeline["workflow"]["rules"]] == [
        '$CI_PIPELINE_SOURCE == "merge_request_event"',
        "$CI_COMMIT_BRANCH == $CI_DEFAULT_BRANCH",
    ]
    jobs = gitlab_jobs()
    for job in jobs.values():
        assert "only" not in job and "except" not in job  # rules: only
    assert jobs["pages"]["rules"] == [{"if": "$CI_COMMIT_BRANCH == $CI_DEFAULT_BRANCH"}]
    assert jobs["pages"]["artifacts"]["paths"] == ["public"]
    for name in ("owners", "build"):
        assert jobs[name]["rules"] == [{"if": '$CI_PIPELINE_SOURCE == "merge_request_event"'}]


def test_gitlab_owners_runs_the_target_branchs_code_for_the_requests_author() -> None:
    job = gitlab_jobs()["owners"]
    assert job["before_script"] == []  # the request's code is not even installed
    script = job["script"]
    assert script.index("cd /tmp") < min(
        i for i, line in enumerate(script) if "python -m generator" in line
    )
    assert "python -m pip install --disable-pip-version-check /tmp/trusted" in script
    check = next(line for line in script if "owners check" in line)
    assert '--author "$CI_MERGE_REQUEST_AUTHOR"' in check
    assert "GITLAB_USER_LOGIN" not in GITLAB.read_text(encoding="utf-8")
    assert '--approved-by "$APPROVED"' in check and "--base refs/remotes/target/head" in check
    assert any("/merge_requests/${CI_MERGE_REQUEST_IID}/approvals" in line for line in script)


def test_gitlab_previews_the_site_in_the_artifact_browser() -> None:
    job = gitlab_jobs()["build"]
    assert job["artifacts"]["expose_as"] == "site preview"
    assert job["artifacts"]["paths"] == ["preview/", "changes.md"]
    assert (
        "python -m generator compare /tmp/base-site preview --artifact preview > changes.md"
        in job["script"]
    )


def test_the_guide_describes_these_files() -> None:
    guide = GUIDE.read_text(encoding="utf-8")
    section = guide[guide.index("## Проверки в запросе на слияние") : guide.index("## Команда new")]
    for named in (
        ".github/workflows/pull-request.yml",
        ".github/workflows/owners.yml",
        ".github/workflows/publish.yml",
        ".gitlab-ci.yml",
        "site-preview",
        "pull_request_review",
        "--approved-by",
        "OWNERS-CORE",
        "owners codeowners --check",
    ):
        assert named in section, named
    assert "ci-templates" not in guide
