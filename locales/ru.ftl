## pressbot — русский. Те же ключи и переменные, что в en.ftl; обращение на «вы».

## Общее

error-reply = Что-то пошло не так. Попробуйте ещё раз чуть позже.
error-answer = Что-то пошло не так. Попробуйте ещё раз.
group-admins-only = Это могут делать только администраторы группы.
button-stale = Эта кнопка больше не действует. Отправьте команду ещё раз.
button-not-subscribed = Этот чат ещё не подписан: сначала отправьте /start.
flood-warning = Вы отправляете сообщения слишком часто. Подождите несколько секунд — до тех пор я не буду на них отвечать.
flood-warning-short = Слишком много нажатий — подождите несколько секунд.
page-back = « Назад
page-more = Ещё »
read-release = Читать релиз »
translation-also-in = Другие языки: { $links }
untitled-release = Релиз без заголовка
releases-count = { $count ->
    [one] { $count } релиз
    [few] { $count } релиза
    [many] { $count } релизов
   *[other] { $count } релиза
}
chats-count = { $count ->
    [one] { $count } чат
    [few] { $count } чата
    [many] { $count } чатов
   *[other] { $count } чата
}

## /start, /stop

start-welcome =
    👋 <b>Вы подписаны!</b> Новые пресс-релизы будут приходить в этот чат сразу после публикации.

    Ещё вы можете:
    • искать по всем релизам: <code>/search ветровая электростанция</code>
    • посмотреть самые свежие: /latest
    • следить только за некоторыми темами: /topics, затем /settings
    • выбрать языки: /settings

    Чтобы отписаться, в любой момент отправьте /stop; все команды — в /help.
start-already = Этот чат уже подписан. Отправьте /help, чтобы узнать, что умеет бот, или /stop, чтобы отписаться.
stop-done = Вы отписались: релизы сюда больше приходить не будут. Поиск по-прежнему работает; чтобы подписаться снова, отправьте /start.
stop-already = Этот чат не подписан, отписываться не от чего. Чтобы подписаться, отправьте /start.

## /help и меню команд (простой текст: меню показывает его как есть)

help-title = Команды
help-filters = Фильтры поиска: <code>topic:&lt;slug&gt;</code>, <code>from:ГГГГ-ММ-ДД</code>, <code>to:ГГГГ-ММ-ДД</code>.
help-inline = В любом чате наберите @имя бота и несколько слов, чтобы поделиться релизом.
help-admin = Администратор
cmd-start = Подписать этот чат на новые пресс-релизы
cmd-stop = Больше не присылать релизы в этот чат
cmd-search = Поиск по релизам
cmd-search-args = <слова> [topic:<slug>] [from:ГГГГ-ММ-ДД] [to:ГГГГ-ММ-ДД]
cmd-latest = Самые свежие релизы (n от 1 до 10, по умолчанию 5)
cmd-topics = Все темы; нажмите, чтобы подписаться или отписаться
cmd-topic = Последние релизы по одной теме
cmd-sources = Источники: читать или вернуть из тишины
cmd-topic-args = <название>
cmd-settings = Все релизы или только ваши темы и оповещения; языки; дайджест
cmd-help = Что умеет этот бот
cmd-subscribe-channel = Присылать релизы в ваш канал
cmd-channel-args = <@канал или id -100…>
cmd-unsubscribe-channel = Больше не присылать релизы в канал
cmd-stats = Админ: чаты, релизы, очередь и состояние лент
cmd-feeds = Админ: список лент
cmd-feed-add = Админ: добавить ленту
cmd-feed-remove = Админ: убрать ленту (её релизы останутся)
cmd-broadcast = Админ: рассылка подписчикам после предпросмотра
cmd-broadcast-args = [topic: lang: kind: at: tz: urgent: silent:] <текст> (или ответом на сообщение)
cmd-broadcast-cancel = Админ: остановить рассылку; без id — все
cmd-broadcasts = Админ: запланированные, идущие и недавние рассылки
cmd-broadcast-at = Админ: назначить или изменить время рассылки
cmd-broadcast-edit = Админ: изменить рассылку; после отправки — исправить везде
cmd-broadcast-withdraw = Админ: удалить отправленную рассылку везде
cmd-alert = Сохранить поиск: подходящие релизы придут сюда
cmd-alert-args = <слова>
cmd-alerts = Ваши оповещения; нажмите, чтобы удалить
cmd-digest = Одно сообщение в день или в неделю вместо каждого релиза
cmd-digest-args = daily ЧЧ:ММ | weekly <mon…sun> ЧЧ:ММ | off
cmd-timezone = Часовой пояс дайджестов и тихих часов, например Europe/Moscow
cmd-quiet = Тихие часы и звук уведомлений
cmd-timezone-args = <название>
cmd-channels = Ваши каналы и их настройки
cmd-channel-alert = Сохранить оповещение для вашего канала
cmd-channel-alert-args = <@канал> <слова>

## Непонятный ввод

unknown-command = Я не знаю команду { $command }. Попробуйте /help.
plain-text-hint = Чтобы искать релизы, отправьте <code>/search &lt;слова&gt;</code> или нажмите кнопку, чтобы найти «{ $preview }». Все команды — в /help.
plain-text-button = 🔎 Найти «{ $query }»
text-only = Я понимаю только текстовые команды. Отправьте /help, чтобы их увидеть.

## /search

search-usage =
    <b>Как искать</b>
    <code>/search &lt;слова&gt;</code> — 5 самых подходящих релизов, например <code>/search солнечная энергия</code>
    Любая форма слова находит остальные (<code>Карабах</code> найдёт «Карабахе», <code>Алиев</code> — «Алиева»); <code>"мирный договор"</code> — фраза; <code>-слово</code> исключает; <code>порт*</code> — слова, начинающиеся на «порт».

    Фильтры (в любом месте запроса):
    • <code>topic:&lt;slug&gt;</code> — только одна тема, например <code>/search бюджет topic:finance</code>
    • <code>from:ГГГГ-ММ-ДД</code> и <code>to:ГГГГ-ММ-ДД</code> — период, например <code>/search порт from:2024-01-01 to:2024-06-30</code>
    • <code>source:&lt;номер или сайт&gt;</code> — один источник, например <code>source:president.az</code>; <code>lang:ru</code> — один язык (en, ru, az)
    Одни фильтры без слов покажут всё подходящее, сначала новое: <code>/search topic:finance from:2024-01-01</code>

    Список тем — в /topics.
search-expired = Этот поиск устарел. Отправьте его ещё раз.
search-no-more = Больше результатов нет.
search-error = { $error }

    Примеры — в /search.
search-negative-filter = «-{ $filter }:» нельзя исключить: напишите { $filter }: без минуса или уберите его.
search-only-excludes = Для поиска нужно хотя бы одно искомое слово, а не только исключённые.
search-unknown-language = «{ $lang }» — не язык архива. Используйте один из: { $languages }.
search-unknown-source = Нет источника «{ $source }». Список источников — в /feeds; напишите source: с номером ленты или сайтом, например source:president.az.
search-did-you-mean = Возможно, вы имели в виду «{ $suggestion }»?
search-did-you-mean-button = 🔎 { $suggestion }
search-alert-button = 🔔 Сообщать о новых
alert-filter-unsupported = В оповещении нельзя использовать «{ $filter }:»: оповещения следят за новыми релизами, и сузить их можно только через topic:. Язык и источники выбираются в /settings.
search-needs-value = После «{ $filter }:» нужно значение, например { $example }.
search-not-a-date = «{ $value }» — это не дата. Пишите { $filter }:ГГГГ-ММ-ДД, например { $example }.
search-from-after-to = Дата from:{ $from } позже, чем to:{ $to }.
search-header = 🔎 <b>{ $range }</b> из { $total } по запросу «{ $words }»
search-header-filters-only = 🔎 <b>{ $range }</b> из { $total }, сначала новые
search-filter-topic = тема { $name }
search-filter-from = с { $date }
search-filter-to = по { $date }
search-nothing = Ничего не найдено.
search-nothing-for = По запросу «{ $words }» ничего не найдено.
search-nothing-filtered = Ничего не найдено ({ $filters }).
search-nothing-for-filtered = По запросу «{ $words }» ничего не найдено ({ $filters }).
search-nothing-hint = Попробуйте другие слова, меньше фильтров или поищите по темам в /topics.

## /latest

latest-usage = Формат: <code>/latest [n]</code>, где n — число от 1 до 10, например <code>/latest 3</code>.
latest-title = Свежие релизы
latest-empty = Релизов пока нет.

## /topics, /topic

topics-title = Темы
topics-hint = нажмите, чтобы подписаться или отписаться
topics-hint-paged = нажмите, чтобы подписаться или отписаться; страница { $page } из { $pages }
topics-empty = Тем пока нет: они появятся вместе с релизами.
topics-not-subscribed = Этот чат не подписан: отправьте /start, чтобы получать релизы.
topics-mode-all = Вы получаете все релизы. Чтобы получать только темы и источники, на которые вы подписаны, выберите «Только то, что я читаю» в /settings.
topics-mode-topics = Вы получаете только релизы по вашим темам, из ваших /sources или подходящие под ваши /alerts (изменить — в /settings).
topic-usage = Формат: <code>/topic &lt;название&gt;</code>, например <code>/topic energy</code>. Все темы — в /topics.
topic-latest = Последнее в теме «{ $name }»
topic-empty = В этой теме пока нет релизов.
topic-gone = Этой темы больше нет. Отправьте /topics ещё раз.
topic-following = Вы подписаны на тему «{ $name }»
topic-unfollowed = Вы отписались от темы «{ $name }»
topic-follow-button = Подписаться: { $name }
topic-unfollow-button = ✅ Вы подписаны: { $name } — отписаться
topic-unknown = Темы «{ $name }» нет. Список тем — в /topics.
topic-unknown-suggest = Темы «{ $name }» нет. Может быть, вы имели в виду: { $suggestions }? Все темы — в /topics.
topic-name-too-long = Темы «{ $name }» нет. Название темы — не длиннее { $limit } символов: отправьте /topics и возьмите название или slug из списка.

## /settings

settings-not-subscribed = Этот чат ещё не подписан. Сначала отправьте /start, а потом выбирайте настройки здесь.
settings-text =
    <b>Настройки</b>

    Получать: <b>{ $mode }</b>
    Языки релизов: <b>{ $languages }</b>
    Дайджест: <b>{ $digest }</b>
    Часовой пояс: <b>{ $zone }</b> (/timezone)
    Язык бота: <b>{ $botLanguage }</b>

    Нажмите кнопку, чтобы изменить.
settings-mode-all = Все релизы
settings-mode-topics = Только то, что я читаю (см. /topics, /sources, /alerts)
settings-all-languages-lower = все языки
settings-button-all = Все релизы
settings-button-topics = Только то, что я читаю
settings-button-all-languages = Все языки
settings-button-sources = 📰 Источники
settings-button-update-notices = ✏️ Ответы «Обновлено»
settings-done-update-notices-on = Если полученный релиз существенно изменится, придёт короткий ответ «Обновлено».
settings-done-update-notices-off = Изменённые релизы будут исправляться без ответа «Обновлено».
settings-done-all = Вы будете получать все релизы.
settings-done-topics = Вы будете получать только релизы по вашим темам, из ваших источников или подходящие под ваши оповещения.
settings-done-no-topics = Вы пока не читаете ни одной темы и ни одного источника и не сохранили ни одного оповещения: выберите темы в /topics, источники в /sources или сохраните /alert.
settings-done-languages = Языки: { $languages }
settings-done-all-languages = Все языки
settings-done-bot-language = Теперь я говорю здесь по-русски.
settings-done-digest = Дайджест: { $digest }

## Каналы

channel-usage = Отправьте <code>/{ $command } @вашканал</code> (или id канала вида -100…) сюда, в личный чат со мной. Вы должны быть администратором канала, а я — тоже, с правом публиковать сообщения.
channel-not-visible = Я не вижу этот канал. Проверьте название и сначала добавьте меня в канал администратором.
channel-not-channel = Это не канал. Чтобы подписать группу, добавьте меня в неё и отправьте там /start.
channel-cannot-check = Я не могу проверить администраторов канала: сначала добавьте меня в канал администратором.
channel-not-admin = Это может сделать только администратор канала <b>{ $channel }</b>.
channel-cannot-post = Мне нельзя публиковать в <b>{ $channel }</b>. Сделайте меня там администратором с правом «Публикация сообщений» и попробуйте снова.
channel-already = <b>{ $channel }</b> уже подписан.
channel-subscribed = ✅ <b>{ $channel }</b> подписан: новые релизы будут публиковаться там. Чтобы остановить, отправьте <code>/unsubscribe_channel { $ref }</code>. Изменить, что он получает, — в /channels.
channel-unsubscribed = <b>{ $channel }</b> отписан: больше туда ничего публиковаться не будет.
channel-was-not = <b>{ $channel }</b> не был подписан.
channel-private-only = Отправьте эту команду мне в личный чат.

## Администратор: /stats, /feeds, /feed_add, /feed_remove, состояние лент

stats-chats = Чаты
stats-chats-line = активны { $active } · отписались { $stopped } · заблокировали { $blocked }
stats-releases = <b>Релизы</b>: { $count }
stats-queue = Очередь отправки
stats-queue-line = в очереди { $queued } · отправлено за час { $sent } · ошибок за час { $failed }
stats-queue-totals = отправлено всего { $sent } · ошибок всего { $failed }
stats-queue-line2 = заблокированных чатов { $blocked } · скорость { $rate }/с
stats-telegram-down = ⚠️ Telegram не отвечает с { $since }: отправка ждёт, по одной попытке (следующая через { $seconds } с); попытки сообщений в очереди не расходуются
stats-feeds = Ленты ({ $count })
stats-no-feeds = пока нет: добавьте через /feed_add &lt;url&gt;
stats-removed-feeds = убрано: { $count } (см. /feeds)
feed-last-success = последний успех: { $when }
feed-never = никогда
feed-errors = { $count ->
    [one] { $count } ошибка подряд
    [few] { $count } ошибки подряд
    [many] { $count } ошибок подряд
   *[other] { $count } ошибки подряд
}
feed-last-error = последняя ошибка: { $error }
feeds-title = Ленты
feeds-empty = Лент пока нет. Добавьте через /feed_add &lt;url&gt;.
feeds-removed = убрана (/feed_add вернёт её)
feed-add-usage = Формат: <code>/feed_add https://example.org/press/rss</code> (адрес http или https).
feed-remove-usage = Формат: <code>/feed_remove &lt;id или URL&gt;</code>, как в списке /feeds.
feed-bad-url = Это не адрес ленты: { $reason }.
feed-next-poll = Её загрузят при следующем опросе; нынешние записи попадут в поиск, но не будут разосланы.
feed-resumed = ✅ Лента #{ $id } возвращена: { $url }
feed-added = ✅ Лента #{ $id } добавлена: { $url }
feed-exists = Эта лента уже есть: #{ $id }.
feed-add-preset-usage = Или страницу пресс-релизов без ленты: <code>/feed_add &lt;адрес списка&gt; --preset &lt;имя&gt;</code>, пресеты: { $presets }.
feed-every-usage = Свой интервал опроса: добавьте <code>--every 60s</code> (от 30s до 24h; s, m или h).
feed-every-set = Опрос каждые { $every }.
feed-bad-every = ⚠️ { $reason }
feed-source-cannot-add = Не удалось добавить эту страницу: { $reason }.
feed-source-added = ✅ Страница пресс-релизов #{ $id } добавлена ({ $preset }): { $url }
feed-source-replaced = Страница пресс-релизов #{ $id } уже есть; её настройки источника заменены.
feed-source-next-poll = Её прочитают при следующем опросе; нынешние записи попадут в поиск, но не будут разосланы.
feed-no-such-id = Ленты #{ $id } нет. См. /feeds.
feed-no-such-url = Ленты с таким адресом нет. См. /feeds.
feed-already-removed = Лента #{ $id } <b>{ $name }</b> уже убрана.
feed-removed = Лента #{ $id } <b>{ $name }</b> убрана. Её больше не опрашивают; её релизы остаются в поиске (/feed_add с её адресом вернёт её).
feed-failing =
    ⚠️ Лента <b>{ $name }</b>: { $count ->
        [one] { $count } неудачный опрос подряд.
        [few] { $count } неудачных опроса подряд.
        [many] { $count } неудачных опросов подряд.
       *[other] { $count } неудачного опроса подряд.
    }
    Последняя ошибка: { $error }
feed-recovered = ✅ Лента <b>{ $name }</b> снова работает.
feed-error-unknown = неизвестно

## Администратор: /broadcast

broadcast-usage =
    <b>Рассылка</b>
    <code>/broadcast &lt;текст&gt;</code> — всем подписанным чатам
    Сначала параметры, любые из: <code>topic:&lt;slug&gt;,…</code> (подписчики этих тем), <code>lang:ru,az</code> (чаты, читающие на этих языках), <code>kind:private,group,channel,forum</code>, <code>at:YYYY-MM-DD HH:mm</code> и <code>tz:Asia/Baku</code> (отправить позже; без <code>tz:</code> — ваш /timezone), <code>urgent:yes</code> (раньше релизов в очереди), <code>silent:yes</code> (без звука).
    Строка <code>[ru]</code>, <code>[az]</code> или <code>[en]</code> начинает выпуск на этом языке: каждый чат получает выпуск на своём языке (иначе первый). Строка <code>button: Текст=https://…</code> добавляет кнопку-ссылку (не больше 3).
    Или ответьте командой <code>/broadcast</code> на сообщение (текст, фото, видео или документ), чтобы разослать его.
    Жирный, курсив, ссылки и прочее оформление сохраняются. Перед отправкой вы увидите предпросмотр и подтвердите его.
broadcast-too-long = Выпуск { $language } слишком длинный для одного сообщения ({ $length } символов; не больше { $limit }).
broadcast-caption-too-long = Подпись выпуска { $language } слишком длинная ({ $length } символов; в подписи не больше { $limit }).
broadcast-empty-edition = Выпуск { $language } пуст.
broadcast-unknown-language = «{ $language }» — не язык рассылок: используйте en, ru или az.
broadcast-duplicate-language = Два выпуска { $language }: укажите каждый язык один раз.
broadcast-unknown-kind = «{ $kind }» — не вид чата: используйте private, group, channel или forum.
broadcast-unknown-source = Нет ленты с номером, адресом или названием «{ $source }» (см. /feeds).
broadcast-bad-button = «{ $button }» — не кнопка: напишите <code>button: Текст=https://…</code>
broadcast-too-many-buttons = Не больше { $limit } кнопок.
broadcast-bad-time = «{ $time }» — не время: напишите <code>at:YYYY-MM-DD HH:mm</code>
broadcast-bad-zone = «{ $zone }» — не часовой пояс (например, <code>tz:Asia/Baku</code>).
broadcast-time-past = Это время уже прошло.
broadcast-no-audience = Под эту аудиторию не подходит ни один чат: отправлять некому.
broadcast-audience = { $chats }
broadcast-audience-topic = { $count ->
    [one] { $chats }, который следит за темой <b>{ $topic }</b>
   *[other] { $chats }, которые следят за темой <b>{ $topic }</b>
}
broadcast-audience-languages = читающие на { $languages }
broadcast-audience-kinds = среди: { $kinds }
chat-kind-private = личные чаты
chat-kind-group = группы
chat-kind-channel = каналы
chat-kind-forum = темы форумов
broadcast-question =
    📣 Рассылка #{ $id } — предпросмотр выше.
    Получат: { $audience }. Отправить?
broadcast-confirm-button = ✅ Подтвердить и отправить
broadcast-cancel-button = ✖️ Отменить
broadcast-schedule-hint = 🕘 Чтобы отправить позже: <code>/broadcast_at { $id } YYYY-MM-DD HH:mm</code> (время по { $zone }; после времени можно указать пояс), затем «Подтвердить».
broadcast-editions = Выпуски: { $list }
broadcast-at = 🕘 В { $time } ({ $zone })
broadcast-flag-urgent = ⚡ Срочно: раньше релизов в очереди
broadcast-flag-silent = 🔕 Без звука
broadcast-schedule-button = ✅ Подтвердить и запланировать
broadcast-test-button = 📱 Сначала мне
broadcast-test-sent = { $count ->
    [one] Отправлено вам так, как получат подписчики.
   *[other] Отправлено вам: выпусков — { $count }, так, как их получат подписчики.
}
broadcast-scheduled = 🕘 Рассылка #{ $id } запланирована на { $time } ({ $zone }). Она есть в /broadcasts; <code>/broadcast_cancel { $id }</code> отменяет её.
broadcast-scheduled-answer = Запланировано.
broadcast-was-scheduled = Рассылка #{ $id } уже запланирована.
broadcast-queued = 📣 Рассылка #{ $id } поставлена в очередь, получат { $chats }…
broadcast-nobody = 📣 Рассылка #{ $id }: подходящих чатов нет, ничего не поставлено в очередь.
broadcast-sending = Отправляю…
broadcast-nobody-answer = Отправлять некому.
broadcast-cancelled = ✖️ Рассылка #{ $id } отменена. Ничего не отправлено.
broadcast-cancelled-answer = Отменено.
broadcast-was-cancelled = Рассылка #{ $id } была отменена.
broadcast-was-confirmed = Рассылка #{ $id } уже подтверждена.
broadcast-was-finished = Рассылка #{ $id } уже подтверждена и завершена.
broadcast-cancel-usage = Формат: <code>/broadcast_cancel [id]</code>
broadcast-not-running = Рассылка #{ $id } не идёт (завершена, отменена или не существует).
broadcast-cancelled-one = Рассылка #{ $id } отменена: снято { $dropped }.
broadcast-none-running = Сейчас рассылок нет.
broadcast-cancelled-many = Отменены { $ids }: снято { $dropped }.
broadcast-pending = { $count ->
    [one] { $count } ожидавшее сообщение
    [few] { $count } ожидавших сообщения
    [many] { $count } ожидавших сообщений
   *[other] { $count } ожидавшего сообщения
}
broadcast-at-usage = Использование: <code>/broadcast_at &lt;id&gt; YYYY-MM-DD HH:mm [пояс]</code> (без пояса — ваш /timezone)
broadcast-not-schedulable = Рассылка #{ $id } уже началась, отменена или не существует: её время больше не изменить.
broadcast-rescheduled = 🕘 Рассылка #{ $id } теперь уйдёт в { $time } ({ $zone }).
broadcast-time-set = 🕘 Рассылка #{ $id } уйдёт в { $time } ({ $zone }), когда вы её подтвердите.
broadcast-edit-usage = Использование: <code>/broadcast_edit &lt;id&gt; &lt;новый текст&gt;</code>, со строками <code>[ru]</code> для выпусков, или ответом на новый текст.
broadcast-edited = ✏️ Рассылка #{ $id } изменена. Она ещё не началась, так что все чаты получат новую версию.
broadcast-correcting = { $count ->
    [one] ✏️ Рассылка #{ $id }: исправляю { $count } отправленное сообщение…
    [few] ✏️ Рассылка #{ $id }: исправляю { $count } отправленных сообщения…
   *[other] ✏️ Рассылка #{ $id }: исправляю { $count } отправленных сообщений…
}
broadcast-not-editable = Рассылки #{ $id } нет, она отозвана или отменена до начала.
broadcast-edit-new-language = Рассылка #{ $id } ушла без выпуска { $language }: исправить можно только её собственные выпуски.
broadcast-withdraw-usage = Использование: <code>/broadcast_withdraw &lt;id&gt;</code>
broadcast-not-withdrawable = Рассылка #{ $id } не отправлялась или уже отозвана.
broadcast-withdrawing = { $count ->
    [one] 🗑 Рассылка #{ $id } отозвана: удаляю { $count } отправленное сообщение (за последние 48 часов)…
    [few] 🗑 Рассылка #{ $id } отозвана: удаляю { $count } отправленных сообщения (за последние 48 часов)…
   *[other] 🗑 Рассылка #{ $id } отозвана: удаляю { $count } отправленных сообщений (за последние 48 часов)…
}
broadcast-started = 📣 Рассылка #{ $id } началась по расписанию, получат { $chats }…
broadcast-started-late = ⏰ Рассылка #{ $id } должна была уйти в { $time } ({ $zone }), когда бот не работал. Она уходит сейчас, получат { $chats }.
broadcasts-title = <b>Рассылки</b>
broadcasts-none = Рассылок пока нет. /broadcast начинает новую.
broadcasts-line-preview = 📝 #{ $id } предпросмотр · { $editions } · «{ $excerpt }»
broadcasts-line-scheduled = 🕘 #{ $id } в { $time } ({ $zone }) · { $editions } · «{ $excerpt }»
broadcasts-line-running = 📣 #{ $id } идёт: { $sent } из { $total } · { $editions } · «{ $excerpt }»
broadcasts-line-done = ✅ #{ $id } доставлена { $sent } из { $total } · { $editions } · «{ $excerpt }»
broadcasts-line-cancelled = ✖️ #{ $id } отменена (отправлено { $sent }) · { $editions } · «{ $excerpt }»
broadcasts-line-withdrawn = 🗑 #{ $id } отозвана (было отправлено { $sent }) · { $editions } · «{ $excerpt }»
broadcast-progress-title = 📣 <b>Рассылка #{ $id }</b>: отправляется…
broadcast-progress-counts = Отправлено { $sent } · ошибок { $failed } · осталось { $remaining }
broadcast-progress-rate = Скорость { NUMBER($rate, minimumFractionDigits: 1, maximumFractionDigits: 1) } сообщ./с
broadcast-progress-rate-eta = Скорость { NUMBER($rate, minimumFractionDigits: 1, maximumFractionDigits: 1) } сообщ./с · осталось около { $eta }
broadcast-finished = ✅ <b>Рассылка #{ $id } завершена</b>
broadcast-final-cancelled = 🛑 <b>Рассылка #{ $id } отменена</b>
broadcast-report-counts = Адресатов { $targeted } · доставлено { $sent } · ошибок { $failed } · заблокировали { $blocked } · пропущено { $skipped }
broadcast-report-editions = По выпускам: { $list }
broadcast-report-reasons = Не доставлено: { $list }
broadcast-correcting-title = ✏️ <b>Рассылка #{ $id }</b>: исправляю…
broadcast-withdrawing-title = 🗑 <b>Рассылка #{ $id }</b>: отзываю…
broadcast-follow-up-counts = Готово { $done } · ошибок { $failed } · осталось { $remaining }
broadcast-corrected = ✏️ <b>Рассылка #{ $id } исправлена</b>
broadcast-withdrawn = 🗑 <b>Рассылка #{ $id } отозвана</b>
broadcast-follow-up-final = Готово { $done } · ошибок { $failed } · пропущено { $skipped } (удалено читателем или прошло 48 часов Telegram)
broadcast-took = Длительность: { $duration }
duration-seconds = { $s } с
duration-minutes = { $m } мин { $s } с
duration-hours = { $h } ч { $m } мин

## Рассылка релизов

push-read-more = Читать релиз полностью
push-updated = ✏️ Обновлено: { $title }
push-menu-button = ⋯
push-mute-source = 🔇 Заглушить { $name }
push-unmute-source = 🔔 Включить { $name }
push-follow-topic = Читать тему { $name }
push-unfollow-topic = ✅ Отписаться от { $name }
push-source-muted = { $name } заглушён: больше ничего оттуда. Вернуть — в /sources.

## Оповещения (/alert, /alerts)

alert-usage =
    <b>Оповещения</b>: получайте релизы, подходящие под поиск.
    <code>/alert &lt;слова&gt;</code>, например <code>/alert ветряная электростанция -шельф</code>

    • должно встретиться каждое слово; <code>порт*</code> — слова, начинающиеся с «порт»; <code>"серый звук"</code> — точная фраза; <code>-слово</code> исключает; <code>topic:&lt;slug&gt;</code> — только одна тема.
    Посмотреть и удалить оповещения — /alerts.
alert-only-excludes = В оповещении должно быть хотя бы одно слово для поиска, а не только исключения.
alert-too-long = Слишком длинное оповещение: не больше 200 символов.
alert-too-many = В оповещении слишком много слов: не больше 12.
alert-limit = В этом чате уже { $limit ->
    [one] { $limit } оповещение
    [few] { $limit } оповещения
    [many] { $limit } оповещений
   *[other] { $limit } оповещения
  } — это максимум. Сначала удалите одно в /alerts.
alert-duplicate = У вас уже есть оповещение «{ $query }».
alert-saved = 🔔 Оповещение сохранено: «{ $query }». Подходящие релизы будут приходить сюда.
alert-while-all = Обратите внимание: этот чат получает <b>все</b> релизы, поэтому оповещение лишь отмечает подходящие. Чтобы получать только ваши темы и оповещения, переключитесь ниже.
alert-switch-button = Только то, что я читаю
alerts-empty = Оповещений пока нет. Сохраните первое: <code>/alert &lt;слова&gt;</code>.
alerts-title = <b>Ваши оповещения</b> ({ $count } из { $limit }; нажмите, чтобы удалить)
alert-deleted = Оповещение удалено.
alert-gone = Это оповещение уже удалено.
push-alert = Оповещение: { $query }

## Дайджесты и часовые пояса (/digest, /timezone)

digest-usage =
    <b>Дайджест</b>: одно сообщение в день или в неделю вместо сообщения на каждый релиз.
    <code>/digest daily 08:00</code>
    <code>/digest weekly mon 09:30</code>
    <code>/digest off</code> — каждый релиз сразу
    Время — в часовом поясе чата: <code>/timezone Europe/Moscow</code>.
digest-set = 🗞 Дайджест: <b>{ $digest }</b>.
digest-off = выключен (каждый релиз сразу)
digest-daily = ежедневно в { $time } ({ $zone })
digest-weekly = еженедельно, { $day ->
    [1] по понедельникам
    [2] по вторникам
    [3] по средам
    [4] по четвергам
    [5] по пятницам
    [6] по субботам
   *[7] по воскресеньям
  } в { $time } ({ $zone })
timezone-usage = Использование: <code>/timezone &lt;название&gt;</code>, например <code>/timezone Europe/Moscow</code> или <code>/timezone UTC</code>.
timezone-unknown = Я не знаю часового пояса «{ $name }». Укажите название вроде <code>Europe/Moscow</code> или <code>Asia/Baku</code>.
timezone-set = 🕰 Часовой пояс: <b>{ $zone }</b>.
digest-heading = Дайджест: { $count ->
    [one] { $count } релиз
    [few] { $count } релиза
    [many] { $count } релизов
   *[other] { $count } релиза
  }
digest-continued = (продолжение)
held-list-heading = Пока действовали тихие часы: ещё { $count ->
    [one] { $count } релиз
    [few] { $count } релиза
    [many] { $count } релизов
   *[other] { $count } релиза
  }
held-list-note = Первые пришли по одному, остальные собраны здесь.
digest-other-topics = Другое
settings-digest-off-button = Сразу
settings-digest-daily-button = Ежедневный дайджест
settings-digest-weekly-button = Еженедельный дайджест

## Темы форума

topic-subscribed = 👋 <b>Подписка оформлена!</b> Новые пресс-релизы будут приходить в эту тему. Что именно — выберите здесь в /settings.
topic-paused = ⏸ Отправка в эту тему приостановлена: Telegram ответил «{ $reason }». Откройте тему снова и отправьте здесь /start, чтобы возобновить.
stats-paused = { $count ->
    [one] приостановлена { $count } тема форума
    [few] приостановлены { $count } темы форума
    [many] приостановлено { $count } тем форума
   *[other] приостановлено { $count } темы форума
  }
stats-paused-line = тема { $thread }: { $reason }
stats-paused-unknown = неизвестно

## Каналы (/channels, /channel_alert)

channels-empty = Вы ещё не подписали ни одного канала. Добавьте меня в канал администратором, затем отправьте сюда <code>/subscribe_channel @вашканал</code>.
channels-list = <b>Ваши каналы</b> ({ $count }): нажмите на канал, чтобы изменить, что он получает.
channel-gone = Этот канал больше не подписан.
channel-no-longer-admin = Вы больше не администратор этого канала, поэтому не можете его менять.
channel-topics-button = 🗂 Темы
channel-alerts-button = 🔔 Оповещения
channel-back-button = « Настройки
channel-topics-title = <b>Темы</b> (нажмите, чтобы подписаться или отписаться)
channel-alert-usage = Использование: <code>/channel_alert @канал &lt;слова&gt;</code> сохраняет оповещение для вашего канала.

## The web archive (src/web/archive/): plain text, the page template escapes it

web-site-title = Пресс-релизы
web-nav-latest = Новые
web-nav-topics = Темы
web-nav-search = Поиск
web-language = Язык
web-skip = Перейти к содержанию
web-search-label = Поиск по архиву
web-search-button = Найти
web-search-hint = Слова в любой форме; фильтры: topic:energy, from:2024-01-31, to:2024-12-31.
web-filter-language = Язык релиза
web-filter-topic = Тема
web-filter-any = Любой
web-filter-apply = Показать
web-latest-title = Новые релизы
web-page = Страница { $page }
web-newer = « Новее
web-older = Старше »
web-empty = Здесь пока нет релизов.
web-topics-title = Темы
web-topics-empty = Тем пока нет: они появятся вместе с релизами.
web-search-title = Поиск
web-search-found = { $total ->
    [one] { $total } результат по запросу «{ $words }»
    [few] { $total } результата по запросу «{ $words }»
    [many] { $total } результатов по запросу «{ $words }»
   *[other] { $total } результата по запросу «{ $words }»
}
web-search-found-filters = { $total ->
    [one] { $total } результат, сначала новые
    [few] { $total } результата, сначала новые
    [many] { $total } результатов, сначала новые
   *[other] { $total } результата, сначала новые
}
web-search-capped = Показаны лучшие из самых новых совпадений: добавьте слова или фильтры, чтобы сузить поиск.
web-search-nothing = По запросу «{ $words }» ничего не найдено.
web-search-nothing-filters = С этими фильтрами ничего не найдено.
web-search-nothing-hint = Попробуйте другие слова или меньше фильтров, или посмотрите темы.
web-search-empty = Введите слова для поиска.
web-search-too-long = Слишком длинный запрос: не больше { $limit } символов.
web-search-unknown-topic = Темы «{ $name }» нет.
web-search-suggest = Возможно, вы имели в виду:
web-rate-limited = Слишком много запросов с вашего адреса. Подождите минуту и попробуйте снова.
web-original = Читать на сайте источника
web-also-in = Также на языках:
web-topics-label = Темы:
web-updated = Обновлено { $date }
web-time-zone = Время: { $zone }
web-feeds = Подписка: Atom, JSON Feed
web-not-found-title = Страница не найдена
web-not-found = Такой страницы нет: возможно, адрес набран с ошибкой или релиз удалён.
web-bad-request-title = Этот адрес не читается
web-bad-request = Часть адреса недействительна (например, номер страницы).
web-error-title = Что-то пошло не так
web-error = Попробуйте ещё раз через минуту.
web-back-home = К новым релизам
open-in-archive = 🌐 Открыть в архиве
## /sources

sources-title = Источники
sources-hint = нажмите, чтобы подписаться, отписаться или включить снова
sources-empty = Источников пока нет.
sources-mode-all = Вы получаете все релизы, кроме заглушённых источников. Чтобы получать только то, что вы читаете, выберите «Только то, что я читаю» в /settings.
sources-follow-button = Читать { $name }
sources-unfollow-button = ✅ { $name } — отписаться
sources-unmute-button = 🔇 { $name } — включить
source-following = Вы читаете { $name }
source-unfollowed = Вы отписались от { $name }
source-unmuted = { $name } снова включён
source-gone = Этого источника больше нет. Отправьте /sources ещё раз.

## /quiet

quiet-title = Звук уведомлений
quiet-now = Сейчас: { $mode }
quiet-hours = Тихие часы: { $hours } ({ $zone }, /timezone)
quiet-alerts = Оповещения всё равно со звуком: { $ring }
quiet-usage = Часы задаются так: <code>/quiet 23:00-07:00</code>.
quiet-yes = да
quiet-no = нет
quiet-mode-normal = со звуком
quiet-mode-silent = всегда без звука
quiet-mode-quiet = без звука в тихие часы
quiet-mode-hold = в тихие часы откладываются и приходят после них
quiet-button-normal = 🔔 Со звуком
quiet-button-silent = 🔕 Всегда без звука
quiet-button-quiet = 🌙 Без звука ночью
quiet-button-hold = ⏸ Откладывать ночью
quiet-button-alerts-on = ✅ Оповещения со звуком
quiet-button-alerts-off = Оповещения со звуком
quiet-bad-hours = «{ $typed }» — не промежуток времени: укажите два времени, например <code>/quiet 22:00-08:00</code>.

# The admins' console (a Telegram Mini App, src/web/console/)
console-title = Консоль пресс-службы
console-tab-sources = Источники
console-tab-delivery = Доставка
console-tab-broadcast = Рассылка
console-loading = Загрузка…
console-refused-missing = Откройте консоль из бота: Telegram подтверждает, кто вы, и без этого ничего не показывается.
console-refused-forged = Подпись Telegram для этого сеанса не сходится. Откройте консоль из бота ещё раз.
console-refused-stale = Сеанс истёк. Закройте консоль и откройте её из бота снова.
console-refused-not-admin = Консоль доступна только администраторам бота.
console-invalid-field = Поле «{ $field }» не заполнено или заполнено неверно.
console-source-unknown = Источника #{ $id } нет.
console-source-paused = Источник #{ $id } приостановлен: сначала возобновите его.
console-broadcast-unknown = Рассылки #{ $id } нет.
console-broadcast-over = Рассылка #{ $id } уже не идёт.
console-status-ok = Работает
console-status-error = Ошибка
console-status-never = Ещё не опрошен
console-status-removed = Приостановлен
console-last-success = Последний успех
console-last-error = Последняя ошибка
console-next-poll = Следующий опрос
console-next-tick = при следующем опросе по расписанию
console-releases = Релизов
console-backoff = Пауза после { $count } неудачных опросов
console-never = никогда
console-poll-now = Опросить сейчас
console-pause = Приостановить
console-resume = Возобновить
console-no-sources = Источников пока нет: добавьте через /feed_add или pressbot feeds add.
console-hourly = По часам, последние 7 дней
console-per-minute = По минутам, последние 2 часа
console-sent = Отправлено
console-failed = Ошибки
console-skipped = Пропущено
console-queued = В очереди сейчас
console-rate = Скорость отправки сейчас
console-rate-configured = настроено { $rate }/с
console-last-releases = Последние релизы
console-targeted = Адресатов
console-still-queued = Ещё в очереди
console-took = От публикации до последней отправки
console-text = Текст (HTML Telegram: b — жирный, i — курсив, a href — ссылка)
console-language = Язык текста
console-audience = Получатели
console-audience-everyone = Все
console-audience-language = Чаты на одном языке
console-audience-topic = Подписчики темы
console-topic = Тема
console-preview = Предпросмотр: ровно то, что получит Telegram
console-preview-html = Отправляемый HTML
console-reaches = Получат чатов: { $count }
console-send = Отправить…
console-confirm = Отправить сейчас в { $count } чатов
console-back = Назад
console-progress = Рассылка #{ $id }: { $status }
console-pending = Ожидают
console-cancel = Отменить рассылку
console-retry = Повторить
cmd-console = Открыть консоль пресс-службы (источники, доставка, рассылки)
console-button = Консоль
console-open-hint = В консоли — источники, доставка и редактор рассылок.
console-unavailable = Для консоли нужен <code>PUBLIC_URL</code> (https, этого требует Telegram) и HTTP-сервер (<code>PORT</code>). Всё, что она умеет, есть и здесь: /feeds, /stats, /broadcast.
console-tab-audience = Аудитория
console-joined = Активные чаты по дню подписки (последние 90 дней)
console-active-chats = Активных чатов
console-by-language = По языку
console-by-kind = По типу чата
console-by-mode = По режиму
console-by-digest = Дайджесты
console-forum-topics = Подписанных тем форумов
console-top-topics = Самые популярные темы
console-no-language = не выбран
console-kind-private = Личные чаты
console-kind-group = Группы
console-kind-supergroup = Супергруппы
console-kind-channel = Каналы
console-mode-all = Всё
console-mode-topics = Только темы и оповещения
console-digest-off = Без дайджеста
console-digest-daily = Ежедневно
console-digest-weekly = Еженедельно
