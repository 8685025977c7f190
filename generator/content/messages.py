"""Every message an editor can see from `check`, in Russian and English.

Editors read Russian; tools, translators and the missions' partners may want
English. Messages are kept here, keyed by a stable code, so a translator edits
one table and tests can assert the code as well as the exact text. A `near`
parameter, when not empty, adds "did you mean ...?" in the same language.
"""

from __future__ import annotations

import io
import os
import sys

CATALOGUE: dict[str, dict[str, str]] = {
    # YAML reading
    "yaml_syntax": {
        "ru": "ошибка синтаксиса YAML: {cause}{excerpt}",
        "en": "YAML syntax error: {cause}{excerpt}",
    },
    "yaml_too_deep": {
        "ru": "слишком глубокая вложенность списков и словарей (не больше {limit} уровней)",
        "en": "lists and maps are nested too deep (at most {limit} levels)",
    },
    "yaml_too_big": {
        "ru": "документ раскрывается в слишком много значений (больше {limit}); "
        "ссылки YAML (&якорь, *ссылка) здесь не нужны",
        "en": "the document expands to too many values (more than {limit}); "
        "YAML anchors and aliases (&a, *a) are not needed here",
    },
    "yaml_too_large": {
        "ru": "документ раскрывается в слишком длинный текст (больше {limit} знаков); "
        "ссылки YAML (&якорь, *ссылка) здесь не нужны",
        "en": "the document expands to too much text (more than {limit} characters); "
        "YAML anchors and aliases (&a, *a) are not needed here",
    },
    "yaml_too_long": {
        "ru": "данные YAML слишком длинные ({size} знаков; предел {limit}): сократите их "
        "или разделите файл",
        "en": "the YAML data is too long ({size} characters; the limit is {limit}): shorten "
        "it or split the file",
    },
    "yaml_tag": {
        "ru": "тег YAML {tag} не допускается: пишите значения без тегов",
        "en": "YAML tag {tag} is not allowed: write values without tags",
    },
    "yaml_complex_key": {
        "ru": "ключ должен быть простым словом, а не списком или словарём",
        "en": "a key must be a plain word, not a list or a map",
    },
    "duplicate_key": {
        "ru": "ключ «{key}» повторяется (впервые в строке {first})",
        "en": 'key "{key}" appears twice (first on line {first})',
    },
    # Characters no text may hold (generator/content/characters.py, issue #20)
    "forbidden_character": {
        "ru": "поле «{field}»: недопустимый управляющий символ {char}; с ним ленты новостей "
        "не читаются: удалите его",
        "en": 'field "{field}": control character {char} is not allowed; feeds cannot carry '
        "it: remove it",
    },
    "bidi_control": {
        "ru": "поле «{field}»: невидимый символ направления текста {char} меняет порядок "
        "знаков на экране: удалите его",
        "en": 'field "{field}": the invisible bidirectional control {char} reorders what '
        "readers see: remove it",
    },
    "invisible_text": {
        "ru": "поле «{field}»: в тексте нет видимых знаков (только невидимые символы)",
        "en": 'field "{field}": the text has no visible character (invisible ones only)',
    },
    "body_forbidden_character": {
        "ru": "недопустимый управляющий символ {char} в тексте: удалите его",
        "en": "control character {char} is not allowed in the text: remove it",
    },
    "body_bidi_control": {
        "ru": "невидимый символ направления текста {char} меняет порядок знаков на экране: "
        "удалите его",
        "en": "the invisible bidirectional control {char} reorders what readers see: remove it",
    },
    # Field values
    "expected_scalar": {
        "ru": "поле «{field}»: ожидается одно значение ({kind}), а не список или словарь",
        "en": 'field "{field}": expected a single value ({kind}), not a list or a map',
    },
    "empty_value": {"ru": "поле «{field}» пустое", "en": 'field "{field}" is empty'},
    "expected_text": {
        "ru": "поле «{field}»: ожидается текст или {{ru: ..., en: ...}}",
        "en": 'field "{field}": expected text or {{ru: ..., en: ...}}',
    },
    "text_language": {
        "ru": "поле «{field}»: язык «{key}» не поддерживается, допустимы ru и en",
        "en": 'field "{field}": language "{key}" is not supported; use ru and en',
    },
    "text_needs_ru": {
        "ru": "поле «{field}»: нужен русский текст (ru)",
        "en": 'field "{field}": the Russian text (ru) is required',
    },
    "bad_choice": {
        "ru": "поле «{field}»: значение «{found}» не допускается; допустимы: {allowed}",
        "en": 'field "{field}": "{found}" is not allowed; expected one of: {allowed}',
    },
    "bad_date": {
        "ru": "поле «{field}»: «{found}» не дата; пишите ГГГГ-ММ-ДД, например 2026-05-14",
        "en": 'field "{field}": "{found}" is not a date; write YYYY-MM-DD, e.g. 2026-05-14',
    },
    "bad_datetime": {
        "ru": "поле «{field}»: «{found}» не дата; пишите 2026-05-14 или 2026-05-14T10:00+02:00",
        "en": 'field "{field}": "{found}" is not a date; write 2026-05-14 '
        "or 2026-05-14T10:00+02:00",
    },
    "datetime_needs_offset": {
        "ru": "поле «{field}»: у времени «{found}» нет часового пояса; "
        "добавьте смещение, например {found}+02:00",
        "en": 'field "{field}": the time "{found}" has no time zone; '
        "add the offset, e.g. {found}+02:00",
    },
    "bad_year_or_date": {
        "ru": "поле «{field}»: «{found}» не год и не дата; пишите 2015, 2015-06 или 2015-06-01",
        "en": 'field "{field}": "{found}" is neither a year nor a date; '
        "write 2015, 2015-06 or 2015-06-01",
    },
    "bad_count": {
        "ru": "поле «{field}»: «{found}» не целое число",
        "en": 'field "{field}": "{found}" is not a whole number',
    },
    "bad_email": {
        "ru": "поле «{field}»: «{found}» не адрес электронной почты",
        "en": 'field "{field}": "{found}" is not an email address',
    },
    "bad_url": {
        "ru": "поле «{field}»: «{found}» не адрес сайта; нужен адрес, начинающийся с https://",
        "en": 'field "{field}": "{found}" is not a web address; it must start with https://',
    },
    "bad_contact": {
        "ru": "поле «{field}»: «{found}» не адрес почты и не адрес сайта (https://...)",
        "en": 'field "{field}": "{found}" is neither an email address '
        "nor a web address (https://...)",
    },
    "bad_account": {
        "ru": "поле «{field}»: «{found}» не имя учётной записи (латинские буквы, цифры, дефис)",
        "en": 'field "{field}": "{found}" is not an account name (Latin letters, digits, hyphens)',
    },
    "expected_list": {
        "ru": "поле «{field}»: ожидается список, например [dk] или строки с «- »",
        "en": 'field "{field}": expected a list, e.g. [dk] or lines starting with "- "',
    },
    "empty_list": {
        "ru": "поле «{field}»: список пуст, нужно хотя бы одно значение",
        "en": 'field "{field}": the list is empty; at least one value is required',
    },
    "expected_map": {
        "ru": "поле «{field}»: ожидается словарь с ключами {keys}",
        "en": 'field "{field}": expected a map with keys {keys}',
    },
    "unknown_field": {"ru": "неизвестное поле «{field}»", "en": 'unknown field "{field}"'},
    "missing_field": {
        "ru": "нет обязательного поля «{field}»",
        "en": 'required field "{field}" is missing',
    },
    "did_you_mean": {
        "ru": "; возможно, имелось в виду «{near}»?",
        "en": '; did you mean "{near}"?',
    },
    # Files and folders
    "missing_root_folder": {
        "ru": "нет папки {folder}/: корень репозитория должен содержать missions/ и content/",
        "en": "folder {folder}/ is missing: the repository root must hold missions/ and content/",
    },
    "unknown_folder": {
        "ru": "неизвестная папка; допустимы: {allowed}",
        "en": "unknown folder; expected one of: {allowed}",
    },
    "unknown_file": {
        "ru": "неизвестный файл; здесь допустимы {allowed}",
        "en": "unknown file; expected {allowed} here",
    },
    "bad_slug": {
        "ru": "имя файла «{name}» недопустимо: только строчные латинские буквы, цифры "
        "и дефисы; предлагается «{proposal}»",
        "en": 'file name "{name}" is not allowed: lower-case Latin letters, digits '
        'and hyphens only; proposed: "{proposal}"',
    },
    "bad_mission_code": {
        "ru": "«{code}» не двухбуквенный код страны ISO 3166-1 (например, dk, de, no)",
        "en": '"{code}" is not a two-letter ISO 3166-1 country code (e.g. dk, de, no)',
    },
    "symlink": {
        "ru": "символические ссылки не допускаются: положите сам файл",
        "en": "symbolic links are not allowed: add the file itself",
    },
    "file_too_big": {
        "ru": "файл слишком большой ({size} байт; предел {limit})",
        "en": "the file is too big ({size} bytes; the limit is {limit})",
    },
    "bad_encoding": {"ru": "файл не в кодировке UTF-8", "en": "the file is not UTF-8 text"},
    "no_front_matter": {
        "ru": "нет заголовка с полями: файл должен начинаться со строки ---",
        "en": "no front matter: the file must start with a --- line",
    },
    "unclosed_front_matter": {
        "ru": "заголовок с полями не закрыт строкой ---",
        "en": "the front matter is not closed by a --- line",
    },
    "not_a_map": {
        "ru": "ожидается набор полей «имя: значение»",
        "en": 'expected fields written as "name: value"',
    },
    "translation_without_original": {
        "ru": "перевод без русского оригинала: нет файла {original}",
        "en": "a translation without its Russian original: {original} is missing",
    },
    "translation_field": {
        "ru": "в переводе можно менять только текстовые поля ({allowed}); "
        "поле «{field}» задаётся в русском файле",
        "en": "a translation may override text fields only ({allowed}); "
        'set "{field}" in the Russian file',
    },
    "translation_needs_original_field": {
        "ru": "поле «{field}» переведено, но в русском файле его нет",
        "en": 'field "{field}" is translated, but the Russian file does not have it',
    },
    "translation_text": {
        "ru": "поле «{field}» в переводе: ожидается английский текст одной строкой",
        "en": 'field "{field}" in a translation: expected the English text as one string',
    },
    "description_front_matter": {
        "ru": "описание миссии пишется без заголовка с полями; поля задаются в {data}",
        "en": "a mission description has no front matter; fields belong in {data}",
    },
    "media_type": {
        "ru": "файл типа «{ext}» не допускается в media/; допустимы: {allowed}",
        "en": 'files of type "{ext}" are not allowed in media/; allowed: {allowed}',
    },
    "media_too_big": {
        "ru": "файл слишком большой ({size} байт; предел {limit})",
        "en": "the file is too big ({size} bytes; the limit is {limit})",
    },
    "case_collision": {
        "ru": "имя отличается от «{other}» только регистром букв",
        "en": 'the name differs from "{other}" only in letter case',
    },
    "media_content": {
        "ru": "файл назван как {ext}, но по первым байтам это {found}: сохраните его "
        "заново в формате, который называет расширение",
        "en": "the file is named {ext}, but its first bytes say {found}: save it again "
        "in the format its extension names",
    },
    "media_unknown_content": {
        "ru": "файл назван как {ext}, но по первым байтам это не {expected}: сохраните "
        "его заново в этом формате",
        "en": "the file is named {ext}, but its first bytes are not {expected}: save it "
        "again in that format",
    },
    "media_reserved": {
        "ru": "имена на «_» в content/media/ заняты файлами, которые пишет сборка "
        "(уменьшенные копии изображений): переименуйте файл или папку без «_» в начале",
        "en": "names starting with “_” in content/media/ belong to files the build writes "
        "(resized copies of images): rename the file or folder without the leading “_”",
    },
    "media_name": {
        "ru": "имя файла или папки в content/media/ может состоять только из строчных "
        "латинских букв, цифр, «-», «_» и «.»: переименуйте, например, в {proposal}",
        "en": "names of files and folders in content/media/ may hold lower-case Latin "
        "letters, digits, “-”, “_” and “.” only: rename it, e.g. to {proposal}",
    },
    "image_too_large": {
        "ru": "изображение слишком большое ({size}); предел — {side} пикселей по стороне "
        "и {pixels} пикселей всего: уменьшите его",
        "en": "the image is too large ({size}); the limit is {side} pixels a side and "
        "{pixels} pixels in all: make it smaller",
    },
    "image_unreadable": {
        "ru": "изображение не читается ({detail}): откройте его в графическом редакторе и "
        "сохраните заново",
        "en": "the image cannot be read ({detail}): open it in an image editor and save it again",
    },
    "bad_media_limit": {
        "ru": "значение «{value}» не число мегабайт больше нуля; действует предел по умолчанию, 10",
        "en": '"{value}" is not a number of megabytes above zero; the default limit, 10, applies',
    },
    "too_many_files": {
        "ru": "в missions/ и content/ больше {limit} файлов и папок: проверка остановлена, "
        "ничего не прочитано",
        "en": "missions/ and content/ hold more than {limit} files and folders: the check "
        "stopped without reading them",
    },
    "bad_theme_slug": {
        "ru": "тема «{slug}»: имя только из строчных латинских букв, цифр и дефисов; "
        "предлагается «{proposal}»",
        "en": 'theme "{slug}": lower-case Latin letters, digits and hyphens only; '
        'proposed: "{proposal}"',
    },
    # References and consistency
    "unknown_mission": {
        "ru": "поле «{field}»: нет миссии «{value}» (файла missions/{value}.yml)",
        "en": 'field "{field}": there is no mission "{value}" (no missions/{value}.yml)',
    },
    "unknown_organization": {
        "ru": "поле «{field}»: нет организации «{value}» (файла content/organizations/{value}.yml)",
        "en": 'field "{field}": there is no organization "{value}" '
        "(no content/organizations/{value}.yml)",
    },
    "unknown_theme": {
        "ru": "поле «{field}»: нет темы «{value}» в content/themes.yml",
        "en": 'field "{field}": there is no theme "{value}" in content/themes.yml',
    },
    "unknown_country": {
        "ru": "поле «{field}»: «{value}» не код страны ISO 3166-1 (две строчные буквы, "
        "например dk)",
        "en": 'field "{field}": "{value}" is not an ISO 3166-1 country code '
        "(two lower-case letters, e.g. dk)",
    },
    "unknown_language": {
        "ru": "поле «{field}»: «{value}» не код языка ISO 639-1 (например ru, da, en)",
        "en": 'field "{field}": "{value}" is not an ISO 639-1 language code (e.g. ru, da, en)',
    },
    "bad_region": {
        "ru": "поле «{field}»: «{value}» не похож на код субъекта РФ (RU-MOW) или его название",
        "en": 'field "{field}": "{value}" looks like neither a federal subject code '
        "(RU-MOW) nor its name",
    },
    "media_outside": {
        "ru": "поле «{field}»: путь «{value}» должен вести внутрь content/media/ "
        "(например media/photo.jpg)",
        "en": 'field "{field}": the path "{value}" must lead into content/media/ '
        "(e.g. media/photo.jpg)",
    },
    "media_missing": {
        "ru": "поле «{field}»: нет файла content/{value}",
        "en": 'field "{field}": there is no file content/{value}',
    },
    "one_of_missing": {
        "ru": "нужно хотя бы одно из полей: {fields}; например, добавьте «{first}»",
        "en": 'at least one of these fields is required: {fields}; e.g. add "{first}"',
    },
    "start_needed": {
        "ru": "нет поля «start» (год, год-месяц или дата, например 2015 или 2015-06); "
        "без дат может быть только то, что завершилось (status: {over}), а здесь "
        "status: {status}",
        "en": 'the field "start" is missing (a year, year-month or date, e.g. 2015 or 2015-06); '
        "only what is over (status: {over}) may have no dates, and this one has "
        "status: {status}",
    },
    # Media by mission (#21): content/media/<code>/ is mission <code>'s
    "media_other_mission": {
        "ru": "поле «{field}»: файл {value} лежит в папке миссии {code}, а материал относится "
        "к миссиям: {own}; возьмите файл из папки своей миссии или из общих",
        "en": 'field "{field}": {value} is in the folder of mission {code}, but the item '
        "belongs to missions: {own}; use a file of your own mission's folder "
        "or a shared one",
    },
    "media_link_other_mission": {
        "ru": "ссылка {target} ведёт в папку миссии {code}, а материал относится к миссиям: "
        "{own}; возьмите файл из папки своей миссии или из общих",
        "en": "the link {target} leads into the folder of mission {code}, but the item "
        "belongs to missions: {own}; use a file of your own mission's folder or a shared one",
    },
    "end_before_start": {
        "ru": "окончание ({end}) раньше начала ({start})",
        "en": "the end ({end}) is before the start ({start})",
    },
    "file_and_url": {
        "ru": "укажите что-то одно: file (файл в media/) или url (ссылку)",
        "en": "give one of file (a file in media/) or url (a link), not both",
    },
    "unsafe_content": {
        "ru": "небезопасная разметка будет удалена: {what}",
        "en": "unsafe markup will be removed: {what}",
    },
    "external_image": {
        "ru": "изображение с другого сайта ({url}) не будет показано: положите файл "
        "в content/media/ и вставьте его по пути от корня, например "
        "/media/photo.jpg",
        "en": "an image from another site ({url}) will not be shown: put the file into "
        "content/media/ and insert it by its path from the root, e.g. "
        "/media/photo.jpg",
    },
    "broken_link": {
        "ru": "ссылка «{target}» никуда не ведёт: на сайте нет такой страницы или файла; "
        "ссылайтесь на файл от корня, например {example}",
        "en": 'the link "{target}" leads nowhere: the site has no such page or file; '
        "link to a file by its path from the root, e.g. {example}",
    },
    "broken_anchor": {
        "ru": "ссылка «{target}»: на странице из {page} нет якоря #{anchor}",
        "en": 'the link "{target}": the page from {page} has no anchor #{anchor}',
    },
    "broken_anchor_en": {
        "ru": "ссылка «{target}»: текст не переведён и показывается на английской "
        "странице, а на английской странице из {page} нет якоря #{anchor}; "
        "переведите текст в {translation} или ссылайтесь без якоря",
        "en": 'the link "{target}": this text has no translation and is shown on the '
        "English page, where the page from {page} has no anchor #{anchor}; translate "
        "it in {translation} or link without the anchor",
    },
    "markdown_too_deep": {
        "ru": "текст вложен слишком глубоко (списки, цитаты, блоки в блоках): разметку "
        "нельзя разобрать; упростите её",
        "en": "the text is nested too deep (lists, quotes, blocks in blocks) to be "
        "rendered; simplify its markup",
    },
    "markdown_too_slow": {
        "ru": "разметку текста не удалось разобрать за {limit} с: разделите текст на "
        "части или упростите разметку (много скобок [ и знаков < подряд)",
        "en": "the text's markup could not be rendered within {limit} s: split the text "
        "or simplify its markup (long runs of [ and < signs)",
    },
    # `new`: scaffolding a file
    "new_created": {
        "ru": "создан файл {path}: заполните поля с пометкой {marker} и запустите "
        "python -m generator check",
        "en": "created {path}: fill in the fields marked {marker}, then run "
        "python -m generator check",
    },
    "new_exists": {
        "ru": "файл {path} уже есть и не будет перезаписан: правьте его или выберите другое имя",
        "en": "{path} already exists and is not overwritten: edit it or choose another name",
    },
    "new_needs_slug": {
        "ru": "укажите имя файла (--slug) или название (--title), из которого оно получится",
        "en": "give a file name (--slug) or a title (--title) to make one from",
    },
    "new_needs_section": {
        "ru": "укажите раздел, который вводит файл: --section и одно из: {sections}",
        "en": "name the section the file introduces: --section and one of: {sections}",
    },
    "new_needs_mission": {
        "ru": "для новой миссии укажите код страны: --mission dk",
        "en": "a new mission needs its country code: --mission dk",
    },
    "new_bad_slug": {
        "ru": "имя «{slug}» недопустимо: только строчные латинские буквы, цифры и дефисы; "
        "предлагается «{proposal}»",
        "en": 'the name "{slug}" is not allowed: lower-case Latin letters, digits and '
        'hyphens only; proposed: "{proposal}"',
    },
    "new_bad_mission": {
        "ru": "«{code}» не двухбуквенный код страны ISO 3166-1 (например, dk, de, no)",
        "en": '"{code}" is not a two-letter ISO 3166-1 country code (e.g. dk, de, no)',
    },
    "new_mission_unused": {
        "ru": "в разделе {collection} нет поля миссии: уберите --mission",
        "en": "{collection} have no mission field: drop --mission",
    },
    "new_not_a_root": {
        "ru": "в папке {root} нет missions/ и content/: укажите корень репозитория через --root",
        "en": "{root} holds neither missions/ nor content/: give the repository root with --root",
    },
    # `owners`: who may approve a change
    "owners_header": {
        "ru": "Изменено файлов относительно {base}: {n}. Кто должен одобрить:",
        "en": "{n} file(s) changed since {base}. Who must approve:",
    },
    "owners_no_changes": {
        "ru": "изменений относительно {base} нет",
        "en": "nothing changed since {base}",
    },
    "owners_file": {"ru": "{path}: {approvers} — {reason}", "en": "{path}: {approvers} — {reason}"},
    "owners_mission": {"ru": "миссия {code} ({accounts})", "en": "mission {code} ({accounts})"},
    "owners_mission_unmaintained": {
        "ru": "миссия {code} (в её maintainers никого нет: одобряют основные редакторы)",
        "en": "mission {code} (its maintainers list is empty: the core editors approve)",
    },
    "owners_mission_missing": {
        "ru": "{code} (такой миссии нет: одобряют основные редакторы)",
        "en": "{code} (there is no such mission: the core editors approve)",
    },
    "owners_core": {"ru": "основные редакторы ({accounts})", "en": "core editors ({accounts})"},
    "owners_nobody": {"ru": "никто не указан", "en": "nobody is listed"},
    "owners_reason_mission_file": {"ru": "файл миссии {code}", "en": "a file of mission {code}"},
    "owners_reason_mission_list": {
        "ru": "миссия {code} добавляется или удаляется: список миссий общий",
        "en": "mission {code} is added or removed: the list of missions is shared",
    },
    "owners_reason_item": {"ru": "материал миссий: {codes}", "en": "an item of missions: {codes}"},
    "owners_reason_moved": {
        "ru": "миссии материала меняются (было: {old}; стало: {new}), нужно согласие всех",
        "en": "the item's missions change (was: {old}; now: {new}); all of them must agree",
    },
    "owners_reason_unplaced": {
        "ru": "материал не привязан ни к одной миссии",
        "en": "the item names no mission",
    },
    "owners_reason_unreadable": {
        "ru": "поля файла {path} не читаются; исправьте их по сообщениям check",
        "en": "the fields of {path} cannot be read; fix them as check reports",
    },
    "owners_reason_shared": {
        "ru": "общий файл: код, оформление, настройки или общие данные",
        "en": "a shared file: code, theme, settings or shared data",
    },
    "owners_reason_claimed": {
        "ru": "материал был общим, теперь он материал миссий {new}: нужно согласие и основных редакторов",
        "en": "a shared item becomes an item of missions {new}: the core editors must agree too",
    },
    "owners_reason_released": {
        "ru": "материал миссий {old} становится общим: нужно согласие и основных редакторов",
        "en": "an item of missions {old} becomes shared: the core editors must agree too",
    },
    "owners_reason_media": {
        "ru": "медиафайл миссии {code} (папка content/media/{code}/)",
        "en": "a media file of mission {code} (folder content/media/{code}/)",
    },
    "owners_reason_codeowners": {
        "ru": "CODEOWNERS в точности такой, каким его пишет owners codeowners",
        "en": "CODEOWNERS is exactly what owners codeowners writes",
    },
    "owners_reason_codeowners_edited": {
        "ru": "CODEOWNERS не совпадает с тем, что пишет owners codeowners",
        "en": "CODEOWNERS differs from what owners codeowners writes",
    },
    "owners_none_needed": {"ru": "отдельного одобрения не нужно", "en": "no approval of its own"},
    "owners_self_approval": {
        "ru": "@{author} — автор запроса: его собственное одобрение не учитывается",
        "en": "@{author} wrote the request: their own approval does not count",
    },
    "owners_nobody_approved": {"ru": "пока никто", "en": "nobody yet"},
    "owners_approved": {
        "ru": "Все изменённые файлы одобрены их владельцами. Одобрили: {approved}",
        "en": "Every changed file is approved by its owners. Approved by: {approved}",
    },
    "owners_pending_header": {
        "ru": "Одобрили: {approved}. Ещё нужны одобрения (основной редактор может одобрить любой файл):",
        "en": "Approved by: {approved}. Approvals still needed (a core editor may approve any file):",
    },
    "owners_pending": {
        "ru": "{path}: ещё нужно одобрение: {approvers}",
        "en": "{path}: still needs the approval of: {approvers}",
    },
    "owners_pending_summary": {
        "ru": "не одобрено файлов: {n}; запрос можно слить, когда их одобрят названные выше",
        "en": "{n} file(s) not approved yet; the request can be merged once those named above approve",
    },
    "owners_no_core": {
        "ru": "в файле OWNERS-CORE не указан ни один основной редактор: впишите в него их "
        "учётные записи, по одной в строке, — иначе общие файлы одобрить некому",
        "en": "OWNERS-CORE lists no core editor: write their accounts into it, one a line, "
        "or nobody can approve the shared files",
    },
    "owners_conflict": {
        "ru": "ветка конфликтует с {base}: сначала влейте {base} в ветку (или сделайте rebase) "
        "и разрешите конфликты",
        "en": "the branch conflicts with {base}: merge {base} into it (or rebase) and resolve "
        "the conflicts first",
    },
    "owners_bad_approvals": {
        "ru": "не удалось прочитать одобрения из {path}: {detail}",
        "en": "could not read the approvals in {path}: {detail}",
    },
    "owners_bad_ref": {
        "ru": "«{ref}» не имя ветки или коммита",
        "en": '"{ref}" is not a branch or commit name',
    },
    "owners_git_failed": {
        "ru": "git не смог ответить: {detail}",
        "en": "git could not answer: {detail}",
    },
    "owners_codeowners_written": {
        "ru": "записан {path}: миссий с сопровождающими {n}",
        "en": "wrote {path}: {n} mission(s) with maintainers",
    },
    "owners_codeowners_stale": {
        "ru": "{path} не совпадает с данными миссий: обновите его командой "
        "python -m generator owners codeowners",
        "en": "{path} does not match the missions' data: update it with "
        "python -m generator owners codeowners",
    },
    "owners_codeowners_fresh": {
        "ru": "{path} совпадает с данными миссий",
        "en": "{path} matches the missions' data",
    },
    # The repository's history (issue #23)
    "process_died": {
        "ru": "процесс сборки языка {lang} завершился, не закончив работу (код выхода {code}); "
        "так бывает, когда системе не хватает памяти или процесс остановили; запустите сборку "
        "ещё раз, прежний сайт не тронут",
        "en": "the {lang} build's process ended before its work was done (exit code {code}); "
        "this happens when the system runs out of memory or the process is stopped; run the "
        "build again, the previous site is untouched",
    },
    "history_shallow": {
        "ru": "предупреждение: история git неполная (shallow clone), поэтому в лентах и карте "
        "сайта остаются только даты публикации новостей и публикаций; получите всю историю: "
        "git fetch --unshallow",
        "en": "warning: the git history is incomplete (a shallow clone), so feeds and the "
        "sitemap keep only the publication dates of news and publications; fetch the whole "
        "history: git fetch --unshallow",
    },
    "plugin_option_retired": {
        "ru": "параметр {option} плагина ngo-missions в {config} больше ни на что не "
        "влияет (сборка передаёт это сама): удалите строку «{option}:»",
        "en": "the ngo-missions option {option} in {config} no longer does anything (the "
        "build hands this over itself): delete the line '{option}:'",
    },
    # `compare`: the pages a pull request changes, for its reviewers (#21)
    "site_diff_header": {
        "ru": "Страницы, которые меняет запрос; файлы — в артефакте «{artifact}» "
        "(скачайте его и откройте файл в браузере):",
        "en": 'Pages the request changes; the files are in the artifact "{artifact}" '
        "(download it and open a file in a browser):",
    },
    "site_diff_none": {
        "ru": "Запрос не меняет ни одной страницы сайта.",
        "en": "The request changes no page of the site.",
    },
    "site_diff_change": {"ru": "изменение", "en": "change"},
    "site_diff_page": {"ru": "страница", "en": "page"},
    "site_diff_file": {"ru": "файл в артефакте", "en": "file in the artifact"},
    "site_diff_added": {"ru": "добавлена", "en": "added"},
    "site_diff_changed": {"ru": "изменена", "en": "changed"},
    "site_diff_removed": {"ru": "удалена", "en": "removed"},
    "site_diff_gone": {
        "ru": "нет (была только в базовой сборке)",
        "en": "none (only in the base build)",
    },
    "site_diff_not_a_site": {
        "ru": "{path}: нет такой папки собранного сайта",
        "en": "{path}: there is no such built site folder",
    },
    # #18: one source per address (generator/content/addresses.py). `place` names a
    # key of this table, rendered in the message's language (`render_message`).
    "address_reserved": {
        "ru": "страница этого файла вышла бы по адресу {address}, а там уже {place}; "
        "переименуйте файл, например в {proposal}",
        "en": "this file's page would be published at {address}, which already holds "
        "{place}; rename the file, e.g. to {proposal}",
    },
    "address_twin": {
        "ru": "страница этого файла вышла бы по адресу {address}, как и страница из {other}; "
        "переименуйте один из файлов",
        "en": "this file's page would be published at {address}, as would the page of "
        "{other}; rename one of the files",
    },
    "new_unknown_mission": {
        "ru": "миссии «{code}» нет (файла missions/{code}.yml): check сообщит об ошибке, "
        "пока код не исправлен или миссия не добавлена",
        "en": 'there is no mission "{code}" (no missions/{code}.yml): check reports it '
        "until the code is corrected or the mission is added",
    },
    # #18: the likely cause of a YAML syntax error (`yamlread.syntax_cause`), put into
    # `yaml_syntax` as its `cause`; the line follows with a caret under the column.
    "yaml_cause_tab": {
        "ru": "табуляция в колонке {column}: отступы в YAML делаются только пробелами; "
        "замените табуляцию пробелами",
        "en": "a tab in column {column}: YAML indents with spaces only; replace the tab "
        "with spaces",
    },
    "yaml_cause_colon": {
        "ru": "двоеточие с пробелом внутри значения (колонка {column}); возьмите значение "
        "в кавычки: {fixed}",
        "en": "a colon and a space inside a value (column {column}); put the value in "
        "quotes: {fixed}",
    },
    "yaml_cause_indent": {
        "ru": "неверный отступ (колонка {column}): поля одного уровня начинаются с одной "
        "колонки, вложенные — правее своего поля, пробелами",
        "en": "wrong indentation (column {column}): fields of one level start in one "
        "column, nested ones to the right of their field, with spaces",
    },
    "yaml_cause_no_colon": {
        "ru": "в строке нет «имя: значение» (колонка {column}): после имени поля нужны "
        "двоеточие и пробел; длинный текст пишите в кавычках на одной строке",
        "en": 'the line is not "name: value" (column {column}): a field\'s name is followed '
        "by a colon and a space; write long text in quotes on one line",
    },
    "yaml_cause_quote": {
        "ru": "кавычка не закрыта: закончите значение той же кавычкой, которой оно начато",
        "en": "a quote is not closed: end the value with the quote it starts with",
    },
    "yaml_cause_bracket": {
        "ru": "скобка не закрыта или в ней лишний знак: список пишется [a, b], словарь "
        "{{ru: ..., en: ...}}",
        "en": "a bracket is not closed or holds a stray sign: a list is written [a, b], a "
        "map {{ru: ..., en: ...}}",
    },
    "yaml_cause_other": {
        "ru": "колонка {column} (разбор YAML: {detail})",
        "en": "column {column} ({detail})",
    },
    "place_home": {"ru": "главная страница", "en": "the home page"},
    "place_search": {"ru": "страница поиска", "en": "the search page"},
    "place_submit": {
        "ru": "форма для организаций Союза",
        "en": "the form for the Union's member organizations",
    },
    "place_archive": {
        "ru": "архив предложений (из content/proposals/)",
        "en": "the proposals' archive (from content/proposals/)",
    },
    "place_section": {
        "ru": "раздел со списком материалов из {source}",
        "en": "the section listing the items of {source}",
    },
    "place_language_root": {"ru": "английская версия сайта", "en": "the English site"},
    "place_assets": {"ru": "оформление сайта (assets/)", "en": "the site's theme files (assets/)"},
    "place_media": {
        "ru": "медиафайлы из content/media/",
        "en": "the media files from content/media/",
    },
    "place_api": {"ru": "данные для программ (api/)", "en": "the data for programs (api/)"},
    "place_schemas": {"ru": "JSON-схемы (schemas/)", "en": "the JSON Schemas (schemas/)"},
    "place_pagefind": {"ru": "файлы поиска (pagefind/)", "en": "the search files (pagefind/)"},
    "place_not_found": {
        "ru": "страница «не найдено» (404)",
        "en": 'the "not found" page (404)',
    },
}


# The command line's own words (#18): argparse's, handed to it by `cli.speaking` instead
# of gettext catalogues, and the help of each command and option.
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


MESSAGE_CHARACTERS = "Ёё«»—…№"
"""Characters the messages use that not every system's encoding has."""


def write_utf8_where_needed() -> None:
    """Windows writes a redirected stdout or stderr (a file, a pipe, a CI log) in its ANSI
    code page, cp1252 in the West, which has no Cyrillic: the first Russian message would
    raise (or, through `logging`, print a traceback). Such a stream writes UTF-8 instead,
    as in Python's UTF-8 mode; one that can write the messages (a console, any UTF-8
    stream, cp1251) is left as it is."""
    for stream in (sys.stdout, sys.stderr):
        if not isinstance(stream, io.TextIOWrapper):  # replaced, e.g. by a test's capture
            continue
        try:
            MESSAGE_CHARACTERS.encode(stream.encoding)
        except (UnicodeEncodeError, LookupError):
            stream.reconfigure(encoding="utf-8")


def default_lang() -> str:
    """Russian unless the environment's locale asks for English."""
    for var in ("LC_ALL", "LC_MESSAGES", "LANG"):
        value = os.environ.get(var, "")
        if value:
            return "en" if value.lower().startswith("en") else "ru"
    return "ru"


_NESTED = ("place", "cause")
"""Parameters whose value is a key of `CATALOGUE`, rendered into the message."""


def render_message(code: str, params: dict[str, str], lang: str = "ru") -> str:
    entry = CATALOGUE[code]
    for key in _NESTED:  # a key of this table, e.g. `place_section`, in the same language
        if params.get(key):
            inner = {k: v for k, v in params.items() if k not in (*_NESTED, "near")}
            params = {**params, key: render_message(params[key], inner, lang)}
    text = entry.get(lang, entry["ru"]).format(**params)
    if params.get("near"):
        text += CATALOGUE["did_you_mean"][lang].format(near=params["near"])
    return text
