"""The command line: `python -m generator <command>`.

Problems are printed one per line as `path:line: message`, sorted, so an
editor reads them top to bottom and a tool can parse them. Library code never
prints or exits; this module is the edge where results become exit codes.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence
from pathlib import Path

from generator.content.check import load_and_check
from generator.content.fields import nearest
from generator.content.load import Content
from generator.content.messages import default_lang, render_message
from generator.content.models import COLLECTIONS, INTRO_NAME
from generator.content.problems import ContentError, Problem
from generator.contrib.approvals import ApprovalsError, github_approvers, gitlab_approvers
from generator.contrib.owners import (
    CODEOWNERS_FILE,
    CORE,
    Approvers,
    FolderTree,
    OwnersError,
    Report,
    Verdict,
    approvers_in,
    codeowners,
    normalize,
    report,
)
from generator.contrib.scaffold import MARKERS, SECTION_NAMES, Request, ScaffoldError, create
from generator.errors import GeneratorError
from generator.urls import LANGUAGES

SUMMARY = {
    "ru": "Ошибок нет. Прочитано: {counts}.",
    "en": "No problems. Read: {counts}.",
}
COLLECTION_NAMES = {
    "ru": {
        "missions": "миссий",
        "forums": "форумов",
        "internships": "стажировок",
        "projects": "проектов",
        "proposals": "предложений",
        "routes": "маршрутов",
        "publications": "публикаций",
        "news": "новостей",
        "organizations": "организаций",
        "pages": "страниц",
        "themes": "тем",
        "media": "медиафайлов",
    },
    "en": {
        name: name
        for name in (
            "missions",
            "forums",
            "internships",
            "projects",
            "proposals",
            "routes",
            "publications",
            "news",
            "organizations",
            "pages",
            "themes",
            "media",
        )
    },
}
BUILT = {"ru": "Сайт собран: {site}", "en": "Site built: {site}"}
SCHEMAS_WRITTEN = {
    "ru": "Схемы записаны в {folder}: файлов {n}.",
    "en": "Schemas written into {folder}: {n} files.",
}
BUILD_FAILED = {
    "ru": "Сборка не удалась, прежний сайт не тронут",
    "en": "The build failed; the previous site is untouched",
}
FAILURE = {
    "ru": "Найдено ошибок: {n}.",
    "en": "{n} problem(s) found.",
}


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m generator", description="Check and build the missions site."
    )
    commands = parser.add_subparsers(dest="command", required=True)
    check = commands.add_parser("check", help="check every file and report all problems")
    _common(check)
    check.add_argument(
        "--format",
        choices=("text", "json"),
        default="text",
        help="text for people (default), json for tools",
    )
    build = commands.add_parser("build", help="check, then build the site into --site-dir")
    _common(build)
    build.add_argument(
        "--site-dir",
        type=Path,
        default=None,
        help="where the site goes (default: <root>/site); replaced only "
        "when the whole build succeeded",
    )
    build.add_argument(
        "--edit-base",
        default="",
        help="prefix of 'edit this page' links, e.g. "
        "https://github.com/ORG/REPO/edit/main/ (default: from the "
        "git remote 'origin' when it is on GitHub, GitLab or Codeberg)",
    )
    build.add_argument(
        "--site-url",
        default="",
        help="the published address, e.g. https://missions.example.org/ "
        "(absolute links in feeds, calendar subscriptions and Open "
        "Graph; sitemap.xml is written only when it is given)",
    )
    build.add_argument(
        "--today",
        default="",
        help="the build's date, YYYY-MM-DD (default: SOURCE_DATE_EPOCH or now)",
    )
    _new_parser(commands)
    _owners_parser(commands)
    site_diff = commands.add_parser(
        "compare", help="list the pages two built sites differ in (Markdown, for reviewers)"
    )
    site_diff.add_argument("base_site", type=Path, help="the site built from the base commit")
    site_diff.add_argument("site", type=Path, help="the site built from the request")
    site_diff.add_argument(
        "--artifact", default="site", help="the name the site is uploaded under (default: site)"
    )
    site_diff.add_argument("--lang", choices=("ru", "en"), default=None)
    schemas = commands.add_parser(
        "schemas", help="write the JSON Schemas of the content files into <root>/schemas/"
    )
    _common(schemas)
    return parser


def _common(sub: argparse.ArgumentParser) -> None:
    sub.add_argument(
        "--root",
        type=Path,
        default=Path("."),
        help="repository root holding missions/ and content/ (default: .)",
    )
    sub.add_argument(
        "--lang",
        choices=LANGUAGES,
        default=None,
        help="language of messages (default: from the locale, else ru)",
    )


def counts(content: Content) -> dict[str, int]:
    result = content.counts()
    result["themes"] = len(content.themes)
    result["media"] = len(content.media)
    return result


def run_check(root: Path, fmt: str, lang: str) -> int:
    content, problems = load_and_check(root.resolve())
    found: list[Problem] = problems.sorted()
    if fmt == "json":
        print(
            json.dumps(
                {
                    "ok": not found,
                    "counts": counts(content),
                    "problems": [p.as_dict(lang) for p in found],
                },
                ensure_ascii=False,
                indent=2,
            )
        )
        return 1 if found else 0
    for problem in found:
        print(problem.render(lang))
    if found:
        print(FAILURE[lang].format(n=len(found)), file=sys.stderr)
        return 1
    names = COLLECTION_NAMES[lang]
    listed = ", ".join(
        f"{names[k]} {v}" if lang == "ru" else f"{v} {names[k]}" for k, v in counts(content).items()
    )
    print(SUMMARY[lang].format(counts=listed))
    return 0


def run_build(args: argparse.Namespace, lang: str) -> int:
    from generator.build.orchestrator import BuildOptions, build
    from generator.build.output_folder import OutputFolderError, os_failure
    from generator.contrib.forge import detect_edit_base
    from generator.engine.failures import EngineFailure

    site_dir = args.site_dir or args.root / "site"
    try:
        edit_base = args.edit_base or detect_edit_base(args.root)
        build(
            BuildOptions(
                args.root,
                site_dir,
                edit_base=edit_base,
                today=args.today,
                site_url=args.site_url,
                lang=lang,
            )
        )
    except ContentError as exc:
        for problem in exc.problems:
            print(problem.render(lang))
        print(FAILURE[lang].format(n=len(exc.problems)), file=sys.stderr)
        return 1
    except GeneratorError as exc:
        print(f"{BUILD_FAILED[lang]}: {exc.message(lang)}", file=sys.stderr)
        return 1
    except EngineFailure as exc:
        print(f"{BUILD_FAILED[lang]}: {exc}", file=sys.stderr)
        return 1
    except OutputFolderError as exc:
        print(exc, file=sys.stderr)
        return 1
    except OSError as exc:  # disk full, read-only or forbidden folder: one line, no traceback
        print(os_failure(exc, lang), file=sys.stderr)
        return 1
    print(BUILT[lang].format(site=site_dir))
    return 0


def _new_parser(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    new = commands.add_parser("new", help="write a new file with every field of a collection")
    _common(new)
    new.add_argument(
        "collection",
        choices=[*COLLECTIONS, INTRO_NAME],
        help=f"what to create; {INTRO_NAME}: a section's introduction (with --section)",
    )
    new.add_argument(
        "--section",
        choices=SECTION_NAMES,
        help=f"with {INTRO_NAME}: the section it introduces (home: the home page)",
    )
    new.add_argument(
        "--mission",
        help="mission code: the new mission's, or the one an item "
        "belongs to (missions, host or countries)",
    )
    new.add_argument(
        "--title", help="the title (or name), in Russian; gives the file name unless --slug does"
    )
    new.add_argument("--slug", help="the file name without extension, e.g. forum-oslo-2026")


def _owners_parser(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    owners = commands.add_parser("owners", help="who may approve changes; CODEOWNERS")
    actions = owners.add_subparsers(dest="action", required=True)
    check = actions.add_parser("check", help="report who must approve each changed file")
    _common(check)
    check.add_argument(
        "--base",
        required=True,
        help="the target branch as it is now, e.g. origin/main: the merge is judged against it",
    )
    check.add_argument("--head", default="HEAD", help="the changed commit (default: HEAD)")
    check.add_argument(
        "--author", default="", help="the request's author: their own approval never counts"
    )
    check.add_argument(
        "--approved-by",
        default=None,
        help="accounts that approved, comma-separated: exit 1 unless every file is approved",
    )
    codeowners = actions.add_parser(
        "codeowners", help="write CODEOWNERS from the missions' maintainers and items"
    )
    _common(codeowners)
    codeowners.add_argument(
        "--output", type=Path, default=None, help="where to write (default: <root>/CODEOWNERS)"
    )
    codeowners.add_argument(
        "--check", action="store_true", help="write nothing; exit 1 if the file is out of date"
    )
    approvals = actions.add_parser(
        "approvals", help="print who approved, from the forge's JSON (for --approved-by)"
    )
    _common(approvals)
    forge = approvals.add_mutually_exclusive_group(required=True)
    forge.add_argument("--github", type=Path, help="the pull request's reviews (gh api)")
    forge.add_argument("--gitlab", type=Path, help="the merge request's approvals (API)")
    approvals.add_argument(
        "--commit", default="", help="GitHub: count only approvals of this commit (the head)"
    )


def _say(code: str, lang: str, /, **params: object) -> str:
    return render_message(code, {k: str(v) for k, v in params.items()}, lang)


def run_new(args: argparse.Namespace, lang: str) -> int:
    request = Request(
        args.collection,
        mission=args.mission,
        title=args.title,
        slug=args.slug,
        lang=lang,
        section=args.section,
    )
    try:
        path = create(args.root, request)
    except ScaffoldError as exc:
        print(exc.message(lang), file=sys.stderr)
        return 1
    print(_say("new_created", lang, path=path, marker=MARKERS[lang]["todo"]))
    _warn_unknown_mission(args, lang)
    return 0


def _warn_unknown_mission(args: argparse.Namespace, lang: str) -> None:
    """`new news --mission sr` writes the file, and says at once what check will say."""
    code = args.mission
    if (
        not code
        or args.collection == "missions"
        or (args.root / "missions" / f"{code}.yml").is_file()
    ):
        return
    known = sorted(path.stem for path in (args.root / "missions").glob("*.yml"))
    print(
        _say("new_unknown_mission", lang, code=code, near=nearest(code, known) or ""),
        file=sys.stderr,
    )


def run_owners(args: argparse.Namespace, lang: str) -> int:
    runs = {"check": _owners_check, "codeowners": _codeowners, "approvals": _approvals}
    try:
        return runs[args.action](args, lang)
    except OwnersError as exc:
        print(exc.message(lang), file=sys.stderr)
        return 1


def _owners_check(args: argparse.Namespace, lang: str) -> int:
    result = report(args.root, args.base, args.head)
    if not result.verdicts:
        print(_say("owners_no_changes", lang, base=args.base))
        return 0
    print(_say("owners_header", lang, base=args.base, n=len(result.verdicts)))
    for verdict in result.verdicts:
        print(
            _say(
                "owners_file",
                lang,
                path=verdict.path,
                approvers=_verdict_text(verdict, result.approvers, lang),
                reason=_say(verdict.reason, lang, **dict(verdict.params)),
            )
        )
    if args.approved_by is None and not args.author:
        return 0
    return _owners_verdict(result, args.author, _accounts(args.approved_by or ""), lang)


def _accounts(text: str) -> list[str]:
    return [a.strip().removeprefix("@") for a in text.replace(" ", ",").split(",") if a.strip()]


def _owners_verdict(result: Report, author: str, approved: list[str], lang: str) -> int:
    """Exit 1 and name the owners still to approve, file by file."""
    author = author.strip().removeprefix("@")
    if author and normalize(author) in {normalize(a) for a in approved}:
        print(_say("owners_self_approval", lang, author=author))
    counted = [a for a in approved if normalize(a) != normalize(author)]
    names = ", ".join(f"@{a}" for a in counted) or _say("owners_nobody_approved", lang)
    pending = result.pending(author, approved)
    if not pending:
        print(_say("owners_approved", lang, approved=names))
        return 0
    print(_say("owners_pending_header", lang, approved=names))
    for verdict, owners in pending:
        text = _owners_text(owners, result.approvers, lang, leave_out=author)
        print(_say("owners_pending", lang, path=verdict.path, approvers=text))
    print(_say("owners_pending_summary", lang, n=len(pending)), file=sys.stderr)
    return 1


def _owners_text(owners: list[str], approvers: Approvers, lang: str, leave_out: str = "") -> str:
    """`mission dk (@a, @b); core editors (@c)`, without the author's own account."""
    if not owners:
        return _say("owners_none_needed", lang)

    def accounts(names: list[str]) -> str:
        shown = [f"@{n}" for n in names if not leave_out or normalize(n) != normalize(leave_out)]
        return ", ".join(shown) or _say("owners_nobody", lang)

    return "; ".join(
        _say("owners_core", lang, accounts=accounts(approvers.core))
        if owner == CORE
        else _say("owners_mission", lang, code=owner, accounts=accounts(approvers.of(owner)))
        for owner in owners
    )


def _verdict_text(verdict: Verdict, approvers: Approvers, lang: str) -> str:
    """Who a file needs, saying why a mission nobody maintains falls to the core editors."""
    parts = [_mission_text(m, approvers, lang) for m in verdict.missions]
    if verdict.core:
        parts.append(_owners_text([CORE], approvers, lang))
    return "; ".join(parts) or _say("owners_none_needed", lang)


def _mission_text(mission: str, approvers: Approvers, lang: str) -> str:
    if mission not in approvers.maintainers:
        return _say("owners_mission_missing", lang, code=mission)
    if not approvers.of(mission):
        return _say("owners_mission_unmaintained", lang, code=mission)
    return _owners_text([mission], approvers, lang)


def _approvals(args: argparse.Namespace, lang: str) -> int:
    source = args.github or args.gitlab
    try:
        text = source.read_text("utf-8")
        found = github_approvers(text, args.commit) if args.github else gitlab_approvers(text)
    except (OSError, UnicodeDecodeError, ApprovalsError) as exc:
        print(_say("owners_bad_approvals", lang, path=source, detail=exc), file=sys.stderr)
        return 1
    print(",".join(found))
    return 0


def _codeowners(args: argparse.Namespace, lang: str) -> int:
    approvers = approvers_in(args.root)
    text = codeowners(FolderTree(args.root))
    output = args.output or args.root / CODEOWNERS_FILE
    if args.check:
        current = output.read_text("utf-8") if output.is_file() else None
        code = "owners_codeowners_fresh" if current == text else "owners_codeowners_stale"
        print(_say(code, lang, path=output), file=sys.stdout if current == text else sys.stderr)
        return 0 if current == text else 1
    output.write_text(text, encoding="utf-8")
    print(
        _say(
            "owners_codeowners_written",
            lang,
            path=output,
            n=sum(1 for a in approvers.maintainers.values() if a),
        )
    )
    return 0


def run_site_diff(args: argparse.Namespace, lang: str) -> int:
    from generator.contrib.site_diff import compare, summary

    for folder in (args.base_site, args.site):
        if not folder.is_dir():
            print(_say("site_diff_not_a_site", lang, path=folder), file=sys.stderr)
            return 1
    print(summary(compare(args.base_site, args.site), args.artifact, lang), end="")
    return 0


def run_schemas(root: Path, lang: str) -> int:
    from generator.outputs.schemas import FOLDER, write_schemas

    written = write_schemas(root)
    print(SCHEMAS_WRITTEN[lang].format(folder=root / FOLDER, n=len(written)))
    return 0


def main(argv: Sequence[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    lang = args.lang or default_lang()
    if args.command == "check":
        return run_check(args.root, args.format, lang)
    if args.command == "build":
        return run_build(args, lang)
    if args.command == "new":
        return run_new(args, lang)
    if args.command == "owners":
        return run_owners(args, lang)
    if args.command == "schemas":
        return run_schemas(args.root, lang)
    if args.command == "compare":
        return run_site_diff(args, lang)
    raise AssertionError(args.command)  # argparse only lets known commands through
