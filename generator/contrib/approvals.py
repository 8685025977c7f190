"""Who approved a pull or merge request, read from the forge's own answer.

The workflows fetch the forge's JSON with a read-only token (`gh api`, GitLab's
API) and hand it to `owners approvals`, which prints the accounts for
`owners check --approved-by`. Reading it here, not in a shell one-liner, keeps
the rules testable: on GitHub a reviewer's latest decisive review counts, and
only when it approves the commit being checked (a push after an approval asks
for a new one); on GitLab the merge request's `approved_by` list.
"""

from __future__ import annotations

import json
from typing import Any

DECISIVE = {"APPROVED", "CHANGES_REQUESTED", "DISMISSED"}
"""GitHub review states that replace a reviewer's earlier decision; COMMENTED does not."""


class ApprovalsError(Exception):
    """The forge's answer is not what its API documents."""


def read_json_documents(text: str) -> list[Any]:
    """Every JSON document in `text`: `gh api --paginate` writes one per page."""
    decoder = json.JSONDecoder()
    documents: list[Any] = []
    position = 0
    text = text.strip()
    while position < len(text):
        try:
            document, end = decoder.raw_decode(text, position)
        except json.JSONDecodeError as exc:
            raise ApprovalsError(str(exc)) from None
        documents.append(document)
        position = end
        while position < len(text) and text[position].isspace():
            position += 1
    return documents


def github_approvers(text: str, commit: str) -> list[str]:
    """Accounts whose latest decisive review approves `commit`, in review order."""
    latest: dict[str, tuple[str, str]] = {}
    for page in read_json_documents(text):
        if not isinstance(page, list):
            raise ApprovalsError("a list of reviews was expected")
        for review in page:
            login, state = _get(review, "user", "login"), review.get("state")
            if isinstance(login, str) and state in DECISIVE:
                latest.pop(login, None)  # keep the order of the latest decisions
                latest[login] = (state, str(review.get("commit_id", "")))
    return [
        login
        for login, (state, reviewed) in latest.items()
        if state == "APPROVED" and reviewed == commit
    ]


def gitlab_approvers(text: str) -> list[str]:
    """Accounts in a merge request's `approved_by` (GitLab's approvals endpoint)."""
    documents = read_json_documents(text)
    if len(documents) != 1 or not isinstance(documents[0], dict):
        raise ApprovalsError("one object with approved_by was expected")
    entries = documents[0].get("approved_by") or []
    names = [_get(entry, "user", "username") for entry in entries]
    return [name for name in names if isinstance(name, str)]


def _get(data: Any, *keys: str) -> Any:
    for key in keys:
        data = data.get(key) if isinstance(data, dict) else None
    return data
