"""The command line's own words, in Russian and English: help, usage and argparse's errors.

Editors read Russian, and `--help` or "invalid choice: 'forum'" in English is where they
met the tool first. argparse takes its words from `gettext`, which would need compiled
catalogues on every machine; instead `speaking` hands argparse this table for the time
it builds the parser and reads the arguments, and restores `gettext` after.
"""

from __future__ import annotations

import argparse
from collections.abc import Iterator, Sequence
from contextlib import contextmanager

from generator.content.messages import default_lang

ARGPARSE_RU: dict[str, str] = {
    "usage: ": "использование: ",
    "positional arguments": "позиционные аргументы",
    "options": "параметры",
    "show this help message and exit": "показать эту справку и выйти",
    "invalid choice: %(value)r (choose from %(choices)s)": (
        "недопустимое значение: %(value)r (выберите из: %(choices)s)"
    ),
    "the following arguments are required: %s": "не хватает обязательных аргументов: %s",
    "unrecognized arguments: %s": "неизвестные аргументы: %s",
    "%(prog)s: error: %(message)s\n": "%(prog)s: ошибка: %(message)s\n",
    "argument %(argument_name)s: %(message)s": "аргумент %(argument_name)s: %(message)s",
    "expected one argument": "после него нужно одно значение",
    "expected at most one argument": "после него можно не больше одного значения",
    "expected at least one argument": "после него нужно хотя бы одно значение",
    "invalid %(type)s value: %(value)r": "недопустимое значение (%(type)s): %(value)r",
    "ambiguous option: %(option)s could match %(matches)s": (
        "неоднозначный параметр %(option)s: подходят %(matches)s"
    ),
    "not allowed with argument %s": "нельзя вместе с аргументом %s",
    "one of the arguments %s is required": "нужен один из аргументов: %s",
    "ignored explicit argument %r": "лишнее значение %r",
    "unexpected option string: %s": "неожиданный параметр: %s",
}

HELP: dict[str, dict[str, str]] = {
    "description": {
        "ru": "Проверка и сборка сайта зарубежных миссий.",
        "en": "Check and build the missions site.",
    },
    "check": {
        "ru": "проверить все файлы и сообщить обо всех ошибках",
        "en": "check every file and report all problems",
    },
    "format": {
        "ru": "text — для людей (по умолчанию), json — для программ",
        "en": "text for people (default), json for tools",
    },
    "build": {
        "ru": "проверить и собрать сайт в папку --site-dir",
        "en": "check, then build the site into --site-dir",
    },
    "site_dir": {
        "ru": "куда собрать сайт (по умолчанию <root>/site); прежний сайт заменяется, "
        "только если сборка удалась целиком",
        "en": "where the site goes (default: <root>/site); replaced only when the whole "
        "build succeeded",
    },
    "edit_base": {
        "ru": "начало ссылок «Редактировать эту страницу», например "
        "https://github.com/ORG/REPO/edit/main/ (по умолчанию — из git remote 'origin' "
        "на GitHub, GitLab или Codeberg)",
        "en": "prefix of 'edit this page' links, e.g. https://github.com/ORG/REPO/edit/main/ "
        "(default: from the git remote 'origin' when it is on GitHub, GitLab or Codeberg)",
    },
    "site_url": {
        "ru": "адрес опубликованного сайта, например https://missions.example.org/ "
        "(абсолютные ссылки в лентах, подписка на календари, Open Graph; sitemap.xml "
        "пишется только с ним)",
        "en": "the published address, e.g. https://missions.example.org/ (absolute links in "
        "feeds, calendar subscriptions and Open Graph; sitemap.xml is written only when it "
        "is given)",
    },
    "today": {
        "ru": "дата сборки, ГГГГ-ММ-ДД (по умолчанию SOURCE_DATE_EPOCH или сегодня)",
        "en": "the build's date, YYYY-MM-DD (default: SOURCE_DATE_EPOCH or now)",
    },
    "schemas": {
        "ru": "записать JSON-схемы файлов содержимого в <root>/schemas/",
        "en": "write the JSON Schemas of the content files into <root>/schemas/",
    },
    "root": {
        "ru": "корень репозитория с папками missions/ и content/ (по умолчанию .)",
        "en": "repository root holding missions/ and content/ (default: .)",
    },
    "lang": {
        "ru": "язык сообщений (по умолчанию — по локали, иначе ru)",
        "en": "language of messages (default: from the locale, else ru)",
    },
    "new": {
        "ru": "создать файл нового материала со всеми полями раздела",
        "en": "write a new file with every field of a collection",
    },
    "collection": {
        "ru": "что создать; {intro} — введение к разделу (с --section)",
        "en": "what to create; {intro}: a section's introduction (with --section)",
    },
    "section": {
        "ru": "для {intro}: раздел, который оно вводит (home — главная страница)",
        "en": "with {intro}: the section it introduces (home: the home page)",
    },
    "mission": {
        "ru": "код миссии: новой миссии или той, к которой относится материал (missions, "
        "host или countries)",
        "en": "mission code: the new mission's, or the one an item belongs to (missions, "
        "host or countries)",
    },
    "title": {
        "ru": "название по-русски; из него получится имя файла, если не задан --slug",
        "en": "the title (or name), in Russian; gives the file name unless --slug does",
    },
    "slug": {
        "ru": "имя файла без расширения, например forum-oslo-2026",
        "en": "the file name without extension, e.g. forum-oslo-2026",
    },
    "owners": {
        "ru": "кто одобряет изменения; файл CODEOWNERS",
        "en": "who may approve changes; CODEOWNERS",
    },
    "owners_check": {
        "ru": "показать, кто должен одобрить каждый изменённый файл",
        "en": "report who must approve each changed file",
    },
    "base": {
        "ru": "целевая ветка, как она есть сейчас, например upstream/main: слияние "
        "оценивается относительно неё",
        "en": "the target branch as it is now, e.g. upstream/main: the merge is judged against it",
    },
    "head": {
        "ru": "изменённый коммит (по умолчанию HEAD)",
        "en": "the changed commit (default: HEAD)",
    },
    "author": {
        "ru": "автор запроса: его собственное одобрение не считается",
        "en": "the request's author: their own approval never counts",
    },
    "approved_by": {
        "ru": "одобрившие учётные записи через запятую: код выхода 1, если одобрен не каждый файл",
        "en": "accounts that approved, comma-separated: exit 1 unless every file is approved",
    },
    "approvals": {
        "ru": "вывести, кто одобрил, по JSON из сервиса (для --approved-by)",
        "en": "print who approved, from the forge's JSON (for --approved-by)",
    },
    "github": {
        "ru": "отзывы запроса на слияние (gh api)",
        "en": "the pull request's reviews (gh api)",
    },
    "gitlab": {
        "ru": "одобрения запроса на слияние (API)",
        "en": "the merge request's approvals (API)",
    },
    "commit": {
        "ru": "GitHub: учитывать только одобрения этого коммита (последнего)",
        "en": "GitHub: count only approvals of this commit (the head)",
    },
    "compare": {
        "ru": "перечислить страницы, которыми различаются две сборки (Markdown, для рецензентов)",
        "en": "list the pages two built sites differ in (Markdown, for reviewers)",
    },
    "base_site": {
        "ru": "сайт, собранный из базового коммита",
        "en": "the site built from the base commit",
    },
    "site": {"ru": "сайт, собранный из запроса", "en": "the site built from the request"},
    "artifact": {
        "ru": "имя, под которым сайт загружен (по умолчанию site)",
        "en": "the name the site is uploaded under (default: site)",
    },
    "codeowners": {
        "ru": "записать CODEOWNERS по сопровождающим (maintainers) миссий и материалам",
        "en": "write CODEOWNERS from the missions' maintainers and items",
    },
    "output": {
        "ru": "куда записать (по умолчанию <root>/CODEOWNERS)",
        "en": "where to write (default: <root>/CODEOWNERS)",
    },
    "codeowners_check": {
        "ru": "ничего не записывать; код выхода 1, если файл устарел",
        "en": "write nothing; exit 1 if the file is out of date",
    },
}


def lang_of(argv: Sequence[str]) -> str:
    """The language asked for by `--lang en` or `--lang=en`, else by the locale."""
    for i, arg in enumerate(argv):
        if arg == "--lang" and i + 1 < len(argv) and argv[i + 1] in ("ru", "en"):
            return argv[i + 1]
        if arg in ("--lang=ru", "--lang=en"):
            return arg.split("=", 1)[1]
    return default_lang()


def say(key: str, lang: str) -> str:
    return HELP[key][lang]


@contextmanager
def speaking(lang: str) -> Iterator[None]:
    """argparse's own words in `lang` meanwhile (English is argparse's own)."""
    if lang != "ru":
        yield
        return
    original = argparse._  # type: ignore[attr-defined]
    original_n = argparse.ngettext  # type: ignore[attr-defined]
    argparse._ = lambda text: ARGPARSE_RU.get(text, original(text))  # type: ignore[attr-defined]
    argparse.ngettext = lambda one, many, n: ARGPARSE_RU.get(  # type: ignore[attr-defined]
        one if n == 1 else many, original_n(one, many, n)
    )
    try:
        yield
    finally:
        argparse._ = original  # type: ignore[attr-defined]
        argparse.ngettext = original_n  # type: ignore[attr-defined]
