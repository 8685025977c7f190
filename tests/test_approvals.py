"""Who approved, read from the forges' own JSON (`owners approvals`)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from generator.cli import main
from generator.contrib.approvals import ApprovalsError, github_approvers, gitlab_approvers

HEAD = "a" * 40
OLD = "b" * 40


def review(login: str, state: str, commit: str = HEAD) -> dict[str, object]:
    return {"user": {"login": login}, "state": state, "commit_id": commit}


def test_github_counts_the_latest_decisive_review_of_the_head_commit() -> None:
    pages = [
        [
            review("dk-second", "APPROVED"),
            review("no-keeper", "APPROVED"),
            review("core-editor", "APPROVED", OLD),  # before the last push: stale
            review("late", "CHANGES_REQUESTED"),
        ],
        [
            review("no-keeper", "CHANGES_REQUESTED"),  # changed their mind
            review("dk-second", "COMMENTED"),  # a comment keeps the approval
            review("late", "APPROVED"),
            review("gone", "APPROVED"),
            review("gone", "DISMISSED"),
        ],
    ]
    text = "".join(json.dumps(page) for page in pages)  # `gh api --paginate`: one per page
    assert github_approvers(text, HEAD) == ["dk-second", "late"]


def test_gitlab_reads_approved_by() -> None:
    answer = {"approved_by": [{"user": {"username": "dk-second"}}, {"user": {}}]}
    assert gitlab_approvers(json.dumps(answer)) == ["dk-second"]
    assert gitlab_approvers('{"approved_by": []}') == []


@pytest.mark.parametrize("text", ["{not json", '{"approved_by": []}'])
def test_a_broken_github_answer_is_an_error(text: str) -> None:
    with pytest.raises(ApprovalsError):
        github_approvers(text, HEAD)


def test_the_command_prints_accounts_for_approved_by(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    reviews = tmp_path / "reviews.json"
    reviews.write_text(json.dumps([review("dk-second", "APPROVED")]), encoding="utf-8")
    assert main(["owners", "approvals", "--github", str(reviews), "--commit", HEAD]) == 0
    assert capsys.readouterr().out == "dk-second\n"
    reviews.write_text("[", encoding="utf-8")
    assert main(["owners", "approvals", "--github", str(reviews), "--lang", "en"]) == 1
    assert capsys.readouterr().err.startswith(f"could not read the approvals in {reviews}: ")
