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

from generator.check import load_and_check
from generator.load import Content
from generator.messages import default_lang
from generator.problems import ContentError, Problem

SUMMARY = {
    "ru": "Ошибок нет. Прочитано: {counts}.",
    "en": "No problems. Read: {counts}.",
}
COLLECTION_NAMES = {
    "ru": {"missions": "миссий", "forums": "форумов", "internships": "стажировок",
           "projects": "проектов", "proposals": "предложений", "routes": "маршрутов",
           "publications": "публикаций", "news": "новостей", "organizations": "организаций",
           "pages": "страниц", "themes": "тем", "media": "медиафайлов"},
    "en": {name: name for name in ("missions", "forums", "internships", "projects",
                                   "proposals", "routes", "publications", "news",
                                   "organizations", "pages", "themes", "media")},
}
BUILT = {"ru": "Сайт собран: {site}", "en": "Site built: {site}"}
BUILD_FAILED = {"ru": "Сборка не удалась, прежний сайт не тронут",
                "en": "The build failed; the previous site is untouched"}
FAILURE = {
    "ru": "Найдено ошибок: {n}.",
    "en": "{n} problem(s) found.",
}


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m generator",
                                     description="Check and build the missions site.")
    commands = parser.add_subparsers(dest="command", required=True)
    check = commands.add_parser("check", help="check every file and report all problems")
    _common(check)
    check.add_argument("--format", choices=("text", "json"), default="text",
                       help="text for people (default), json for tools")
    build = commands.add_parser("build", help="check, then build the site into --site-dir")
    _common(build)
    build.add_argument("--site-dir", type=Path, default=None,
                       help="where the site goes (default: <root>/site); replaced only "
                            "when the whole build succeeded")
    build.add_argument("--edit-base", default="",
                       help="prefix of 'edit this page' links, e.g. "
                            "https://github.com/ORG/REPO/edit/main/")
    build.add_argument("--site-url", default="",
                       help="the published address, e.g. https://missions.example.org/ "
                            "(absolute links in feeds and the sitemap)")
    build.add_argument("--today", default="",
                       help="the build's date, YYYY-MM-DD (default: SOURCE_DATE_EPOCH or now)")
    return parser


def _common(sub: argparse.ArgumentParser) -> None:
    sub.add_argument("--root", type=Path, default=Path("."),
                     help="repository root holding missions/ and content/ (default: .)")
    sub.add_argument("--lang", choices=("ru", "en"), default=None,
                     help="language of messages (default: from the locale, else ru)")


def counts(content: Content) -> dict[str, int]:
    result = content.counts()
    result["themes"] = len(content.themes)
    result["media"] = len(content.media)
    return result


def run_check(root: Path, fmt: str, lang: str) -> int:
    content, problems = load_and_check(root.resolve())
    found: list[Problem] = problems.sorted()
    if fmt == "json":
        print(json.dumps({"ok": not found, "counts": counts(content),
                          "problems": [p.as_dict(lang) for p in found]},
                         ensure_ascii=False, indent=2))
        return 1 if found else 0
    for problem in found:
        print(problem.render(lang))
    if found:
        print(FAILURE[lang].format(n=len(found)), file=sys.stderr)
        return 1
    names = COLLECTION_NAMES[lang]
    listed = ", ".join(f"{names[k]} {v}" if lang == "ru" else f"{v} {names[k]}"
                       for k, v in counts(content).items())
    print(SUMMARY[lang].format(counts=listed))
    return 0


def run_build(args: argparse.Namespace, lang: str) -> int:
    from mkdocs.exceptions import MkDocsException

    from generator.build import BuildOptions, build

    site_dir = args.site_dir or args.root / "site"
    try:
        build(BuildOptions(args.root, site_dir, edit_base=args.edit_base, today=args.today,
                           site_url=args.site_url))
    except ContentError as exc:
        for problem in exc.problems:
            print(problem.render(lang))
        print(FAILURE[lang].format(n=len(exc.problems)), file=sys.stderr)
        return 1
    except MkDocsException as exc:
        print(f"{BUILD_FAILED[lang]}: {exc}", file=sys.stderr)
        return 1
    print(BUILT[lang].format(site=site_dir))
    return 0


def main(argv: Sequence[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    lang = args.lang or default_lang()
    if args.command == "check":
        return run_check(args.root, args.format, lang)
    if args.command == "build":
        return run_build(args, lang)
    raise AssertionError(args.command)  # argparse only lets known commands through
