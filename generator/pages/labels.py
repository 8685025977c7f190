"""Every interface string of the generated pages, in Russian and English.

A translator edits this one table. Keys are stable names; the generator and the
templates look them up with `t(key, lang)`. Values of enumerations (statuses,
formats, audiences...) are here too, under `<field>.<value>`.
"""

from __future__ import annotations

from babel import Locale
from babel.numbers import format_decimal

UI: dict[str, dict[str, str]] = {
    # Sections: the nav, headings and collection facets
    "section.home": {"ru": "Главная", "en": "Home"},
    "section.missions": {"ru": "Миссии", "en": "Missions"},
    "section.forums": {"ru": "Форумы", "en": "Forums"},
    "section.internships": {"ru": "Стажировки", "en": "Internships"},
    "section.projects": {"ru": "Проекты", "en": "Projects"},
    "section.proposals": {"ru": "Поиск партнёров", "en": "Partner search"},
    "section.routes": {"ru": "Социальный туризм", "en": "Social tourism"},
    "section.publications": {"ru": "Исследования", "en": "Research"},
    "section.news": {"ru": "Новости", "en": "News"},
    "section.organizations": {"ru": "Организации", "en": "Organizations"},
    "section.pages": {"ru": "Страницы", "en": "Pages"},
    "site.name": {
        "ru": "Зарубежные миссии Союза НКО",
        "en": "Foreign missions of the Union of NGOs",
    },
    "site.description": {
        "ru": "Миссии Общенационального союза некоммерческих организаций за рубежом: форумы, "
        "стажировки, совместные проекты, поиск партнёров, социальный туризм, исследования",
        "en": "Foreign missions of the Nationwide Union of Non-Profit Organizations: forums, "
        "internships, joint projects, partner search, social tourism, research",
    },
    "dates.unknown": {"ru": "даты неизвестны", "en": "dates not known"},
    "dates.not_known": {"ru": "неизвестны", "en": "not known"},
    "site.union": {
        "ru": "Общенациональный союз некоммерческих организаций (Союз НКО)",
        "en": "Nationwide Union of Non-Profit Organizations (Union of NGOs)",
    },
    # The footer and the 404 page (pages/chrome.py)
    "footer.label": {"ru": "Подвал сайта", "en": "Site footer"},
    "footer.pages": {"ru": "О нас", "en": "About us"},
    "footer.about": {"ru": "О Союзе НКО", "en": "About the Union"},
    "footer.programme": {"ru": "Программа действий", "en": "Programme of action"},
    "footer.contributing": {"ru": "Для участников", "en": "Contributing"},
    "footer.feeds": {"ru": "Подписки", "en": "Subscribe"},
    "notfound.title": {"ru": "Страница не найдена", "en": "Page not found"},
    "notfound.text": {
        "ru": "По этому адресу ничего нет: возможно, страницу переместили или в адресе опечатка.",
        "en": "There is nothing at this address: the page may have moved, or the address "
        "has a typo.",
    },
    "notfound.search": {"ru": "Найти на сайте", "en": "Search the site"},
    "notfound.go": {"ru": "Найти", "en": "Search"},
    "notfound.sections": {"ru": "Разделы сайта", "en": "Sections of the site"},
    # Listing headings and notes
    "group.projects.active": {"ru": "Текущие проекты", "en": "Current projects"},
    "group.projects.proposed": {"ru": "Предлагаемые проекты", "en": "Proposed projects"},
    "group.projects.completed": {"ru": "Завершённые проекты", "en": "Completed projects"},
    "list.upcoming": {"ru": "Предстоящие", "en": "Upcoming"},
    "list.past": {"ru": "Прошедшие", "en": "Past"},
    "list.open": {"ru": "Открытые", "en": "Open"},
    "list.other": {"ru": "Набор не идёт", "en": "Not taking applications"},
    "list.archive": {"ru": "Архив", "en": "Archive"},
    "list.archive_link": {"ru": "Архив истёкших предложений", "en": "Archive of expired proposals"},
    "list.archive_title": {"ru": "Архив предложений", "en": "Proposals archive"},
    "list.current_link": {"ru": "Действующие предложения", "en": "Current proposals"},
    "list.empty": {"ru": "Пока ничего нет.", "en": "Nothing here yet."},
    "list.count": {"ru": "Всего", "en": "Total"},
    "list.latest": {"ru": "Новое", "en": "Latest"},
    "list.all": {"ru": "Все материалы раздела", "en": "Everything in this section"},
    "home.counts": {"ru": "В цифрах", "en": "In figures"},
    "home.next_forums": {"ru": "Ближайшие форумы", "en": "Next forums"},
    "home.open_internships": {"ru": "Открытые стажировки", "en": "Open internships"},
    "home.new_proposals": {"ru": "Новые предложения", "en": "New proposals"},
    "home.latest_projects": {"ru": "Последние проекты", "en": "Latest projects"},
    "home.latest_news": {"ru": "Новости", "en": "News"},
    # Pictures: the missions map, the projects timeline, the forums calendar (issue #10)
    "map.title": {"ru": "Карта миссий", "en": "Map of the missions"},
    "map.heading": {"ru": "Миссии на карте", "en": "The missions on the map"},
    "map.legend": {
        "ru": "Обозначения. Страна миссии на карте — ссылка на её страницу.",
        "en": "Key. A mission's country on the map links to its page.",
    },
    "map.no_mission": {"ru": "нет миссии", "en": "no mission"},
    "map.outside": {"ru": "Вне карты", "en": "Outside the map"},
    "map.note_table": {
        "ru": "Руководители и города миссий — в таблице ниже.",
        "en": "The missions' heads and cities are in the table below.",
    },
    "map.note_home": {
        "ru": "Все миссии — в разделе {section}.",
        "en": "All the missions: see {section}.",
    },
    "map.locator": {"ru": "{country} на карте Европы", "en": "{country} on the map of Europe"},
    "timeline.title": {"ru": "Проекты по годам", "en": "Projects over the years"},
    "timeline.since": {"ru": "с {year}", "en": "since {year}"},
    "calendar.title": {"ru": "Календарь форумов", "en": "Forum calendar"},
    "mission.takes_part": {"ru": "Участие миссии", "en": "The mission takes part in"},
    "mission.hosted": {"ru": "Стажировки в стране миссии", "en": "Internships hosted"},
    "mission.leader": {"ru": "Руководитель", "en": "Head"},
    "mission.contacts": {"ru": "Контакты", "en": "Contacts"},
    "mission.about": {"ru": "О миссии", "en": "About the mission"},
    # Feeds: links on the forums, news and mission pages, and the feeds' own titles
    "feed.updates": {"ru": "Новое на сайте", "en": "What's new"},
    "feed.news": {"ru": "Лента новостей (Atom)", "en": "News feed (Atom)"},
    "feed.calendar": {"ru": "Календарь форумов (.ics)", "en": "Forum calendar (.ics)"},
    "feed.calendar_subscribe": {
        "ru": "Подписаться на календарь форумов",
        "en": "Subscribe to the forum calendar",
    },
    "feed.mission_calendar": {
        "ru": "Календарь форумов миссии (.ics)",
        "en": "The mission's forum calendar (.ics)",
    },
    "feed.mission_calendar_subscribe": {
        "ru": "Подписаться на календарь форумов миссии",
        "en": "Subscribe to the mission's forum calendar",
    },
    "page.edit": {"ru": "Редактировать эту страницу", "en": "Edit this page"},
    "page.source": {"ru": "Исходный файл", "en": "Source file"},
    "page.original_language": {
        "ru": "Текст показан на языке оригинала.",
        "en": "This text is shown in the original language (Russian).",
    },
    "page.permalink": {"ru": "Ссылка на этот раздел", "en": "Link to this section"},
    "page.details": {"ru": "Сведения", "en": "Details"},
    "page.other_language": {"ru": "English", "en": "Русский"},
    "page.other_language_label": {"ru": "Эта страница на английском", "en": "This page in Russian"},
    # Facets (search filters and listing filters)
    "facet.collection": {"ru": "Раздел", "en": "Section"},
    "facet.country": {"ru": "Страна", "en": "Country"},
    "facet.theme": {"ru": "Тема", "en": "Theme"},
    "facet.year": {"ru": "Год", "en": "Year"},
    "facet.status": {"ru": "Статус", "en": "Status"},
    "facet.any": {"ru": "Все", "en": "All"},
    # The buttons a forum's or an internship's page opens with
    "event.register": {"ru": "Зарегистрироваться", "en": "Register"},
    "event.add_to_calendar": {"ru": "Добавить в календарь (.ics)", "en": "Add to calendar (.ics)"},
    "event.apply": {"ru": "Подать заявку", "en": "Apply"},
    "search.title": {"ru": "Поиск", "en": "Search"},
    # The preview's overlay while the content has problems (#18, generator/engine/preview.py)
    "preview.problems": {
        "ru": "Ошибок в файлах: {n}. Предпросмотр показывает последнюю версию без ошибок "
        "(или пустой сайт, если такой ещё не было); исправьте файлы и сохраните — это окно "
        "исчезнет.",
        "en": "{n} problem(s) in the files. The preview shows the last version without "
        "problems (or an empty site if there was none yet); fix the files and save, and "
        "this box goes away.",
    },
    "search.placeholder": {"ru": "Поиск по сайту", "en": "Search the site"},
    "search.filters": {"ru": "Фильтры", "en": "Filters"},
    "search.open": {"ru": "Поиск", "en": "Search"},
    "search.close": {"ru": "Закрыть поиск", "en": "Close search"},
    "search.results": {"ru": "Результаты поиска", "en": "Search results"},
    "search.loading": {"ru": "Ищем…", "en": "Searching…"},
    "search.count": {"ru": "Найдено: {n}", "en": "Found: {n}"},
    "search.all_results": {"ru": "Все результаты и фильтры", "en": "All results and filters"},
    "search.no_results": {"ru": "Ничего не найдено", "en": "No results"},
    "search.suggest": {"ru": "Возможно, вы искали:", "en": "Did you mean:"},
    "search.filters_on": {"ru": "включено: {n}", "en": "{n} on"},
    "search.close_filters": {"ru": "Показать результаты", "en": "Show results"},
    "search.noscript": {
        "ru": "Для поиска нужен JavaScript. Все материалы доступны в разделах.",
        "en": "Search needs JavaScript. Everything is listed in the sections.",
    },
    # The web form for member organizations, /submit/ (issue #22): submit.js reads these
    # from submit/forms.json (generator/contrib/forms.py), the page's text from here.
    "submit.title": {"ru": "Предложить материал", "en": "Submit an item"},
    "submit.button": {"ru": "Предложить", "en": "Submit"},
    "submit.intro": {
        "ru": "Любая организация Союза может предложить здесь партнёрство, проект, форум, "
        "стажировку, маршрут, исследование или новость — без git. Форма проверит поля, "
        "подготовит файл сайта и откроет страницу нового файла в репозитории: там он "
        "становится запросом на слияние, который проверяют и одобряют редакторы.",
        "en": "Any member organization of the Union can submit a partnership proposal, a "
        "project, a forum, an internship, a route, research or news here, without git. The "
        "form checks the fields, writes the site's file and opens the repository's new-file "
        "page, where it becomes a pull request that the editors check and approve.",
    },
    "submit.noscript": {
        "ru": "Для формы нужен JavaScript. Без него файл можно написать вручную или командой "
        "python -m generator new: поля каждого раздела описаны в файле ниже.",
        "en": "The form needs JavaScript. Without it, write the file by hand or with "
        "python -m generator new: every section's fields are described in the file below.",
    },
    "submit.data": {"ru": "Поля форм (forms.json)", "en": "The forms' fields (forms.json)"},
    "submit.choose": {"ru": "Что вы предлагаете?", "en": "What are you submitting?"},
    "submit.loading": {"ru": "Загружаем форму…", "en": "Loading the form…"},
    "submit.failed": {
        "ru": "Не удалось загрузить данные формы: {detail}",
        "en": "The form's data could not be loaded: {detail}",
    },
    "submit.required": {"ru": "обязательное", "en": "required"},
    "submit.slug": {"ru": "Имя файла", "en": "File name"},
    "submit.slug_help": {
        "ru": "строчные латинские буквы, цифры и дефисы; предлагается по названию",
        "en": "lower-case Latin letters, digits and hyphens; proposed from the title",
    },
    "submit.body": {"ru": "Текст (Markdown)", "en": "Text (Markdown)"},
    "submit.body_help": {
        "ru": "на русском; английский перевод редакторы добавят отдельным файлом",
        "en": "in Russian; the editors add the English translation as a file of its own",
    },
    "submit.several": {
        "ru": "несколько значений — через запятую",
        "en": "several values: separate them with commas",
    },
    "submit.several_texts": {
        "ru": "несколько значений — через точку с запятой",
        "en": "several values: separate them with semicolons",
    },
    "submit.none": {"ru": "— не выбрано —", "en": "— none —"},
    "submit.add_row": {"ru": "Добавить ещё", "en": "Add another"},
    "submit.remove_row": {"ru": "Убрать", "en": "Remove"},
    "submit.row": {"ru": "№ {n}", "en": "No. {n}"},
    "submit.result": {"ru": "Файл", "en": "The file"},
    "submit.path": {"ru": "Путь в репозитории: {path}", "en": "Path in the repository: {path}"},
    "submit.open": {"ru": "Открыть на {forge}", "en": "Open on {forge}"},
    "submit.download": {"ru": "Скачать файл", "en": "Download the file"},
    "submit.copy": {"ru": "Скопировать текст", "en": "Copy the text"},
    "submit.copied": {
        "ru": "Текст файла скопирован.",
        "en": "The file's text is copied.",
    },
    "submit.copy_failed": {
        "ru": "Браузер не дал скопировать: выделите текст файла выше и скопируйте его.",
        "en": "The browser refused to copy: select the file's text above and copy it.",
    },
    "submit.errors": {
        "ru": "Исправьте поля, отмеченные выше (ошибок: {n}). Ничего не отправлено.",
        "en": "Fix the fields marked above ({n} error(s)). Nothing was sent.",
    },
    "submit.opened": {
        "ru": "Страница нового файла открыта в новой вкладке: нажмите там «Commit changes» "
        "(или «Propose new file»), затем «Create pull request».",
        "en": 'The new-file page is open in a new tab: press "Commit changes" (or '
        '"Propose new file") there, then "Create pull request".',
    },
    "submit.too_long": {
        "ru": "Файл слишком длинный, чтобы передать его в адресе страницы {forge} "
        "({size} знаков; предел {limit}). Скопируйте текст, откройте пустую страницу "
        "нового файла и вставьте его туда.",
        "en": "The file is too long to pass in the address of {forge}'s page ({size} "
        "characters; the limit is {limit}). Copy the text, open the empty new-file page "
        "and paste it there.",
    },
    "submit.open_empty": {
        "ru": "Открыть пустую страницу нового файла на {forge}",
        "en": "Open an empty new-file page on {forge}",
    },
    "submit.no_forge": {
        "ru": "Адрес репозитория сайта не настроен: скачайте файл и передайте его редакторам "
        "миссии или добавьте его запросом на слияние.",
        "en": "The site's repository is not configured: download the file and give it to the "
        "mission's editors, or add it with a pull request.",
    },
    "submit.next_title": {"ru": "Что будет дальше", "en": "What happens next"},
    "submit.next": {
        "ru": "Если у вас нет права записи в репозиторий, GitHub сам создаст его копию (форк) "
        "в вашей учётной записи и предложит запрос на слияние. Автоматическая проверка "
        "(та же, что python -m generator check) проходит за несколько минут и называет "
        "каждую ошибку с номером строки. Одобряют редакторы миссий, названных в файле, или "
        "основные редакторы Союза; если ответа долго нет, упомяните их (@имя) в "
        "комментарии к запросу. После слияния материал появляется на сайте со следующей "
        "сборкой.",
        "en": "If you cannot write to the repository, GitHub makes a copy (a fork) in your "
        "account and offers a pull request. The automatic check (the same as python -m "
        "generator check) takes a few minutes and names every problem with its line. The "
        "editors of the missions the file names, or the Union's core editors, approve it; "
        "if no answer comes, mention them (@name) in a comment on the request. Once merged, "
        "the item appears on the site with the next build.",
    },
    "submit.photos_title": {"ru": "Фотографии", "en": "Photos"},
    "submit.photos": {
        "ru": "Фотографию добавляют после файла, в том же запросе на слияние: откройте в "
        "репозитории папку content/media/<код миссии>/ (например content/media/dk/), "
        "нажмите «Add file» → «Upload files» и загрузите снимок (JPEG, PNG или WebP, до "
        "10 МБ) с именем из латинских букв. Затем в поле images материала укажите путь "
        "(media/dk/snimok.jpg) и в alt — что изображено на снимке, для тех, кто его не "
        "видит.",
        "en": "Add a photo after the file, in the same pull request: open the folder "
        "content/media/<mission code>/ in the repository (e.g. content/media/dk/), press "
        '"Add file" → "Upload files" and upload the picture (JPEG, PNG or WebP, up to '
        "10 MB) under a name in Latin letters. Then give its path in the item's images field "
        "(media/dk/photo.jpg) and, in alt, what the picture shows, for those who cannot see "
        "it.",
    },
    "field.path": {"ru": "Путь к файлу", "en": "File path"},
    "field.alt": {"ru": "Описание изображения", "en": "Image description"},
    "filter.shown": {"ru": "Показано", "en": "Shown"},
    "filter.reset": {"ru": "Сбросить фильтры", "en": "Reset filters"},
    # Field labels
    "field.status": {"ru": "Статус", "en": "Status"},
    "field.name": {"ru": "Название", "en": "Name"},
    "field.city": {"ru": "Город", "en": "City"},
    "field.founded": {"ru": "Основана", "en": "Founded"},
    "field.leader": {"ru": "Руководитель", "en": "Head"},
    "field.contacts": {"ru": "Контакты", "en": "Contacts"},
    "field.email": {"ru": "Почта", "en": "Email"},
    "field.phone": {"ru": "Телефон", "en": "Phone"},
    "field.website": {"ru": "Сайт", "en": "Website"},
    "field.address": {"ru": "Адрес", "en": "Address"},
    "field.maintainers": {"ru": "Редакторы", "en": "Maintainers"},
    "field.languages": {"ru": "Языки", "en": "Languages"},
    "field.summary": {"ru": "Кратко", "en": "Summary"},
    "field.title": {"ru": "Название", "en": "Title"},
    "field.start": {"ru": "Начало", "en": "Start"},
    "field.end": {"ru": "Окончание", "en": "End"},
    "field.dates": {"ru": "Сроки", "en": "Dates"},
    "field.missions": {"ru": "Миссии", "en": "Missions"},
    "field.venue": {"ru": "Место", "en": "Venue"},
    "field.format": {"ru": "Формат", "en": "Format"},
    "field.registration": {"ru": "Регистрация", "en": "Registration"},
    "field.themes": {"ru": "Темы", "en": "Themes"},
    "field.host": {"ru": "Принимающая миссия", "en": "Host mission"},
    "field.participants": {"ru": "Участников", "en": "Participants"},
    "field.region_count": {"ru": "Регионов", "en": "Regions"},
    "field.apply": {"ru": "Подать заявку", "en": "How to apply"},
    "field.regions": {"ru": "Регионы", "en": "Regions"},
    "field.organizations": {"ru": "Организации", "en": "Organizations"},
    "field.apply_by": {"ru": "Заявки до", "en": "Apply by"},
    "field.funding": {"ru": "Финансирование", "en": "Funding"},
    "field.partners": {"ru": "Партнёры", "en": "Partners"},
    "field.location": {"ru": "Место", "en": "Location"},
    "field.country": {"ru": "Страна", "en": "Country"},
    "field.countries": {"ru": "Страны", "en": "Countries"},
    "field.images": {"ru": "Изображения", "en": "Images"},
    "field.organization": {"ru": "Организация", "en": "Organization"},
    "field.looking_for": {"ru": "Ищет", "en": "Looking for"},
    "field.expires": {"ru": "Действует до", "en": "Open until"},
    "field.contact": {"ru": "Связаться", "en": "Contact"},
    "field.audience": {"ru": "Для кого", "en": "Audience"},
    "field.accessibility": {"ru": "Доступность", "en": "Accessibility"},
    "field.duration_days": {"ru": "Дней", "en": "Days"},
    "field.season": {"ru": "Сезон", "en": "Season"},
    "field.authors": {"ru": "Авторы", "en": "Authors"},
    "field.date": {"ru": "Дата", "en": "Date"},
    "field.file": {"ru": "Файл", "en": "File"},
    "field.url": {"ru": "Ссылка", "en": "Link"},
    "field.kind": {"ru": "Вид", "en": "Kind"},
    "field.source": {"ru": "Источник", "en": "Source"},
    "field.visibility": {"ru": "Для кого", "en": "Visibility"},
    # Enumerations
    "status.active": {"ru": "действует", "en": "active"},
    "status.forming": {"ru": "формируется", "en": "forming"},
    "status.suspended": {"ru": "приостановлена", "en": "suspended"},
    "status.closed": {"ru": "закрыто", "en": "closed"},
    "status.planned": {"ru": "запланировано", "en": "planned"},
    "status.held": {"ru": "состоялся", "en": "held"},
    "status.cancelled": {"ru": "отменён", "en": "cancelled"},
    "status.open": {"ru": "открыто", "en": "open"},
    "status.completed": {"ru": "завершено", "en": "completed"},
    "status.proposed": {"ru": "предложен", "en": "proposed"},
    "status.expired": {"ru": "истекло", "en": "expired"},
    # Statuses where Russian needs the gender of the collection's noun
    "status.missions.active": {"ru": "действует", "en": "active"},
    "status.missions.closed": {"ru": "закрыта", "en": "closed"},
    "status.forums.planned": {"ru": "запланирован", "en": "planned"},
    "status.internships.open": {"ru": "набор открыт", "en": "open"},
    "status.internships.closed": {"ru": "набор закрыт", "en": "closed"},
    "status.internships.completed": {"ru": "завершена", "en": "completed"},
    "status.projects.active": {"ru": "идёт", "en": "active"},
    "status.projects.completed": {"ru": "завершён", "en": "completed"},
    "status.routes.planned": {"ru": "готовится", "en": "planned"},
    "status.routes.open": {"ru": "открыт", "en": "open"},
    "status.routes.closed": {"ru": "закрыт", "en": "closed"},
    "format.in-person": {"ru": "очно", "en": "in person"},
    "format.online": {"ru": "онлайн", "en": "online"},
    "format.hybrid": {"ru": "очно и онлайн", "en": "hybrid"},
    "kind.sponsor": {"ru": "спонсорские средства", "en": "sponsor"},
    "kind.grant": {"ru": "грант", "en": "grant"},
    "kind.own": {"ru": "собственные средства", "en": "own funds"},
    "kind.other": {"ru": "другое", "en": "other"},
    "kind.member": {"ru": "член Союза", "en": "member"},
    "kind.foreign-partner": {"ru": "зарубежный партнёр", "en": "foreign partner"},
    "kind.government": {"ru": "государственный орган", "en": "government body"},
    "visibility.public": {"ru": "все читатели", "en": "all readers"},
    "visibility.editors": {"ru": "участники и редакторы", "en": "contributors and editors"},
    "audience.pensioners": {"ru": "пенсионеры", "en": "pensioners"},
    "audience.disabled": {"ru": "люди с инвалидностью", "en": "people with disabilities"},
    "audience.families": {"ru": "семьи", "en": "families"},
    "audience.youth": {"ru": "молодёжь", "en": "young people"},
    "accessibility.wheelchair": {"ru": "для колясок", "en": "wheelchair access"},
    "accessibility.hearing": {"ru": "для слабослышащих", "en": "hearing support"},
    "accessibility.vision": {"ru": "для слабовидящих", "en": "vision support"},
    "accessibility.mobility": {"ru": "для маломобильных", "en": "reduced mobility"},
    "accessibility.cognitive": {"ru": "простой язык и сопровождение", "en": "cognitive support"},
}


PLURALS: dict[str, dict[str, dict[str, str]]] = {
    "missions": {
        "ru": {"one": "миссия", "few": "миссии", "many": "миссий", "other": "миссии"},
        "en": {"one": "mission", "other": "missions"},
    },
    "forums": {
        "ru": {"one": "форум", "few": "форума", "many": "форумов", "other": "форума"},
        "en": {"one": "forum", "other": "forums"},
    },
    "internships": {
        "ru": {
            "one": "стажировка",
            "few": "стажировки",
            "many": "стажировок",
            "other": "стажировки",
        },
        "en": {"one": "internship", "other": "internships"},
    },
    "projects": {
        "ru": {"one": "проект", "few": "проекта", "many": "проектов", "other": "проекта"},
        "en": {"one": "project", "other": "projects"},
    },
    "proposals": {
        "ru": {
            "one": "предложение о партнёрстве",
            "few": "предложения о партнёрстве",
            "many": "предложений о партнёрстве",
            "other": "предложения о партнёрстве",
        },
        "en": {"one": "partnership proposal", "other": "partnership proposals"},
    },
    "routes": {
        "ru": {"one": "маршрут", "few": "маршрута", "many": "маршрутов", "other": "маршрута"},
        "en": {"one": "route", "other": "routes"},
    },
    "publications": {
        "ru": {
            "one": "публикация",
            "few": "публикации",
            "many": "публикаций",
            "other": "публикации",
        },
        "en": {"one": "publication", "other": "publications"},
    },
    "news": {
        "ru": {"one": "новость", "few": "новости", "many": "новостей", "other": "новости"},
        "en": {"one": "news item", "other": "news items"},
    },
    "organizations": {
        "ru": {
            "one": "организация",
            "few": "организации",
            "many": "организаций",
            "other": "организации",
        },
        "en": {"one": "organization", "other": "organizations"},
    },
}
"""The noun each section counts, in every CLDR plural category of the language: the
category comes from Babel (`Locale.plural_form`), never from hand-written endings."""


def count_label(section: str, number: int, lang: str) -> str:
    """ "1 миссия", "3 миссии", "5 миссий", "1 mission", "3 missions"."""
    forms = PLURALS[section][lang]
    category = Locale.parse(lang).plural_form(number)
    return f"{format_decimal(number, locale=lang)} {forms.get(category, forms['other'])}"


def script_labels(lang: str) -> dict[str, str]:
    """The strings the theme's scripts and partials need, for one language."""
    prefixes = ("search.", "facet.", "filter.")
    return {key: t(key, lang) for key in UI if key.startswith(prefixes)}


def t(key: str, lang: str) -> str:
    """The interface string `key` in `lang`; a missing key is a bug, so it raises."""
    entry = UI[key]
    return entry.get(lang) or entry["ru"]


def enum_label(field: str, value: str, collection: str, lang: str) -> str:
    """A value of an enumeration, worded for the collection where grammar needs it."""
    for key in (f"{field}.{collection}.{value}", f"{field}.{value}"):
        if key in UI:
            return t(key, lang)
    return value
