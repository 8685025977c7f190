"""The command line: `python -m generator <command>`.

Problems are printed one per line as `path:line: message`, sorted, so an
editor reads them top to bottom and a tool can parse them. Library code never
prints or exits; this module is the edge where results become exit codes.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path

from generator.content.check import load_and_check
from generator.content.fields import nearest
from generator.content.load import Content
from generator.content.messages import (
    ARGPARSE_RU,
    HELP,
    default_lang,
    render_message,
    write_utf8_where_needed,
)
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
    "en": {name: name for name in (*COLLECTIONS, "themes", "media")},
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
COUNT = {"ru": "{name} {n}", "en": "{n} {name}"}
"""One count of the summary: Russian names the collection first ("новостей 3")."""
ARGPARSE_WORDS = {"ru": ARGPARSE_RU}
"""argparse's own words (usage, errors) by language; English is argparse's own."""


def _parser(lang: str = "ru") -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m generator", description=say("description", lang)
    )
    commands = parser.add_subparsers(dest="command", required=True)
    check = commands.add_parser("check", help=say("check", lang), description=say("check", lang))
    _common(check, lang)
    check.add_argument(
        "--format", choices=("text", "json"), default="text", help=say("format", lang)
    )
    build = commands.add_parser("build", help=say("build", lang), description=say("build", lang))
    _common(build, lang)
    build.add_argument("--site-dir", type=Path, default=None, help=say("site_dir", lang))
    build.add_argument("--edit-base", default="", help=say("edit_base", lang))
    build.add_argument("--site-url", default="", help=say("site_url", lang))
    build.add_argument("--today", default="", help=say("today", lang))
    _new_parser(commands, lang)
    _owners_parser(commands, lang)
    site_diff = commands.add_parser(
        "compare", help=say("compare", lang), description=say("compare", lang)
    )
    site_diff.add_argument("base_site", type=Path, help=say("base_site", lang))
    site_diff.add_argument("site", type=Path, help=say("site", lang))
    site_diff.add_argument("--artifact", default="site", help=say("artifact", lang))
    site_diff.add_argument("--lang", choices=LANGUAGES, default=None, help=say("lang", lang))
    schemas = commands.add_parser(
        "schemas", help=say("schemas", lang), description=say("schemas", lang)
    )
    _common(schemas, lang)
    return parser


def _common(sub: argparse.ArgumentParser, lang: str) -> None:
    sub.add_argument("--root", type=Path, default=Path("."), help=say("root", lang))
    sub.add_argument("--lang", choices=LANGUAGES, default=None, help=say("lang", lang))


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
    listed = ", ".join(COUNT[lang].format(name=names[k], n=v) for k, v in counts(content).items())
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


def _new_parser(commands: argparse._SubParsersAction[argparse.ArgumentParser], lang: str) -> None:
    new = commands.add_parser("new", help=say("new", lang), description=say("new", lang))
    _common(new, lang)
    new.add_argument(
        "collection",
        choices=[*COLLECTIONS, INTRO_NAME],
        help=say("collection", lang).format(intro=INTRO_NAME),
    )
    new.add_argument(
        "--section", choices=SECTION_NAMES, help=say("section", lang).format(intro=INTRO_NAME)
    )
    new.add_argument("--mission", help=say("mission", lang))
    new.add_argument("--title", help=say("title", lang))
    new.add_argument("--slug", help=say("slug", lang))


def _owners_parser(
    commands: argparse._SubParsersAction[argparse.ArgumentParser], lang: str
) -> None:
    owners = commands.add_parser(
        "owners", help=say("owners", lang), description=say("owners", lang)
    )
    actions = owners.add_subparsers(dest="action", required=True)
    check = actions.add_parser(
        "check", help=say("owners_check", lang), description=say("owners_check", lang)
    )
    _common(check, lang)
    check.add_argument("--base", required=True, help=say("base", lang))
    check.add_argument("--head", default="HEAD", help=say("head", lang))
    check.add_argument("--author", default="", help=say("author", lang))
    check.add_argument("--approved-by", default=None, help=say("approved_by", lang))
    codeowners = actions.add_parser(
        "codeowners", help=say("codeowners", lang), description=say("codeowners", lang)
    )
    _common(codeowners, lang)
    codeowners.add_argument("--output", type=Path, default=None, help=say("output", lang))
    codeowners.add_argument("--check", action="store_true", help=say("codeowners_check", lang))
    approvals = actions.add_parser(
        "approvals", help=say("approvals", lang), description=say("approvals", lang)
    )
    _common(approvals, lang)
    forge = approvals.add_mutually_exclusive_group(required=True)
    forge.add_argument("--github", type=Path, help=say("github", lang))
    forge.add_argument("--gitlab", type=Path, help=say("gitlab", lang))
    approvals.add_argument("--commit", default="", help=say("commit", lang))


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
    output.write_text(text, encoding="utf-8", newline="\n")  # as `--check` compares it
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


def lang_of(argv: Sequence[str]) -> str:
    """The language asked for by `--lang en` or `--lang=en`, else by the locale."""
    for i, arg in enumerate(argv):
        if arg == "--lang" and i + 1 < len(argv) and argv[i + 1] in LANGUAGES:
            return argv[i + 1]
        if arg.startswith("--lang=") and arg.split("=", 1)[1] in LANGUAGES:
            return arg.split("=", 1)[1]
    return default_lang()


def say(key: str, lang: str) -> str:
    return HELP[key][lang]


@contextmanager
def speaking(lang: str) -> Iterator[None]:
    """argparse's own words in `lang` while the `with` block runs (English is argparse's own)."""
    words = ARGPARSE_WORDS.get(lang)
    if words is None:
        yield
        return
    original = argparse._  # type: ignore[attr-defined]
    original_n = argparse.ngettext  # type: ignore[attr-defined]
    argparse._ = lambda text: words.get(text, original(text))  # type: ignore[attr-defined]
    argparse.ngettext = lambda one, many, n: words.get(  # type: ignore[attr-defined]
        one if n == 1 else many, original_n(one, many, n)
    )
    try:
        yield
    finally:
        argparse._ = original  # type: ignore[attr-defined]
        argparse.ngettext = original_n  # type: ignore[attr-defined]


def main(argv: Sequence[str] | None = None) -> int:
    write_utf8_where_needed()
    argv = sys.argv[1:] if argv is None else list(argv)
    with speaking(lang_of(argv)):
        args = _parser(lang_of(argv)).parse_args(argv)
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
