## pressbot — English (the default; every other locale has exactly these keys and variables).
## Texts with markup are Telegram HTML: their variables arrive escaped. Plain texts (buttons, answers to taps,
## command descriptions) take variables as they are.

## Shared

error-reply = Sorry, something went wrong. Please try again later.
error-answer = Sorry, something went wrong. Please try again.
group-admins-only = Sorry, only the group’s admins can do that.
button-stale = This button is no longer valid. Please send the command again.
button-not-subscribed = This chat is not subscribed yet: send /start first.
flood-warning = You’re sending messages very fast. Please wait a few seconds; I’ll ignore the rest until then.
flood-warning-short = Too many taps — please wait a few seconds.
page-back = « Back
page-more = More »
read-release = Read the release »
translation-also-in = Also in: { $links }
untitled-release = Untitled release
releases-count = { $count ->
    [one] { $count } release
   *[other] { $count } releases
}
chats-count = { $count ->
    [one] { $count } chat
   *[other] { $count } chats
}

## /start, /stop

start-welcome =
    👋 <b>Subscribed!</b> New press releases will arrive in this chat as they are published.

    You can also:
    • search all releases: <code>/search wind farm</code>
    • see the newest ones: /latest
    • follow only some topics: /topics, then /settings
    • choose languages: /settings

    Send /stop at any time to unsubscribe, and /help for every command.
start-already = This chat is already subscribed. Send /help to see what you can do, or /stop to unsubscribe.
stop-done = Unsubscribed: no more releases will be sent here. Search still works; send /start to subscribe again.
stop-already = This chat is not subscribed, so there is nothing to stop. Send /start to subscribe.

## /help and the command menu (plain text: the menu shows them as they are)

help-title = Commands
help-filters = Search filters: <code>topic:&lt;slug&gt;</code>, <code>from:YYYY-MM-DD</code>, <code>to:YYYY-MM-DD</code>.
help-inline = In any chat, type the bot’s @username and some words to share a release.
help-admin = Admin
cmd-start = Subscribe this chat to new press releases
cmd-stop = Stop sending releases to this chat
cmd-search = Search releases
cmd-search-args = <words> [topic:<slug>] [from:YYYY-MM-DD] [to:YYYY-MM-DD]
cmd-latest = The newest releases (n from 1 to 10, default 5)
cmd-topics = All topics; tap to follow or unfollow
cmd-topic = The latest releases in one topic
cmd-sources = Sources to follow or unmute
cmd-topic-args = <name>
cmd-settings = All releases or only your topics and alerts; languages; digest
cmd-help = What this bot can do
cmd-subscribe-channel = Send releases to a channel you administer
cmd-channel-args = <@channel or -100… id>
cmd-unsubscribe-channel = Stop sending to a channel
cmd-stats = Admin: chats, releases, queue and feed health
cmd-feeds = Admin: list feeds
cmd-feed-add = Admin: add a feed
cmd-feed-remove = Admin: remove a feed (its releases stay)
cmd-broadcast = Admin: send a message to subscribers, after a preview
cmd-broadcast-args = [topic: lang: kind: at: tz: urgent: silent:] <text> (or as a reply)
cmd-broadcast-cancel = Admin: cancel a running broadcast; without an id, all of them
cmd-broadcasts = Admin: scheduled, running and recent broadcasts
cmd-broadcast-at = Admin: give a broadcast a time, or a new one
cmd-broadcast-edit = Admin: change a broadcast; once sent, correct it everywhere
cmd-broadcast-withdraw = Admin: delete a sent broadcast everywhere
cmd-alert = Save a search: matching releases are sent here
cmd-alert-args = <words>
cmd-alerts = Your saved alerts; tap to delete
cmd-digest = One message a day or a week instead of each release
cmd-digest-args = daily HH:MM | weekly <mon…sun> HH:MM | off
cmd-timezone = The time zone of digests and quiet hours, e.g. Europe/Berlin
cmd-quiet = Quiet hours and the sound of pushes
cmd-timezone-args = <name>
cmd-channels = The channels you subscribed, and their settings
cmd-channel-alert = Save an alert for a channel you subscribed
cmd-channel-alert-args = <@channel> <words>

## Unknown input

unknown-command = I don't know { $command }. Try /help.
plain-text-hint = To search releases, send <code>/search &lt;words&gt;</code>, or tap the button to search for “{ $preview }”. /help lists every command.
plain-text-button = 🔎 Search “{ $query }”
text-only = I understand text commands only. Send /help to see them.

## /search

search-usage =
    <b>How to search</b>
    <code>/search &lt;words&gt;</code> — the 5 most relevant releases, e.g. <code>/search solar energy</code>
    Any form of a word finds the others (<code>election</code> finds “elections”, <code>Карабах</code> finds “Карабахе”); <code>"peace treaty"</code> a phrase; <code>-word</code> excludes; <code>port*</code> words starting with “port”.

    Filters (add them anywhere):
    • <code>topic:&lt;slug&gt;</code> — only one topic, e.g. <code>/search budget topic:finance</code>
    • <code>from:YYYY-MM-DD</code> and <code>to:YYYY-MM-DD</code> — a date range, e.g. <code>/search port from:2024-01-01 to:2024-06-30</code>
    • <code>source:&lt;id or site&gt;</code> — one source, e.g. <code>source:president.az</code>; <code>lang:ru</code> — one language (en, ru, az)
    Filters alone list what they match, newest first: <code>/search topic:finance from:2024-01-01</code>

    See the topics with /topics.
search-expired = This search has expired. Please send it again.
search-no-more = No more results.
search-error = { $error }

    Send /search for examples.
search-negative-filter = “-{ $filter }:” cannot be excluded: write { $filter }: without the minus, or leave it out.
search-only-excludes = A search needs at least one word to look for, not only words to exclude.
search-unknown-language = “{ $lang }” is not a language of the archive. Use one of: { $languages }.
search-unknown-source = No source matches “{ $source }”. See the sources with /feeds, or write source: with a feed id or site, e.g. source:president.az.
search-did-you-mean = Did you mean “{ $suggestion }”?
search-did-you-mean-button = 🔎 { $suggestion }
search-alert-button = 🔔 Alert me about new ones
alert-filter-unsupported = An alert cannot use “{ $filter }:”: alerts watch new releases, and only topic: narrows them. Language and sources are chosen in /settings.
search-needs-value = “{ $filter }:” needs a value, e.g. { $example }.
search-not-a-date = “{ $value }” is not a date. Write { $filter }:YYYY-MM-DD, e.g. { $example }.
search-from-after-to = from:{ $from } is after to:{ $to }.
search-header = 🔎 <b>{ $range }</b> of { $total } for “{ $words }”
search-header-filters-only = 🔎 <b>{ $range }</b> of { $total }, newest first
search-filter-topic = topic { $name }
search-filter-from = from { $date }
search-filter-to = to { $date }
search-nothing = Nothing found.
search-nothing-for = Nothing found for “{ $words }”.
search-nothing-filtered = Nothing found ({ $filters }).
search-nothing-for-filtered = Nothing found for “{ $words }” ({ $filters }).
search-nothing-hint = Try other words, fewer filters, or browse by topic with /topics.

## /latest

latest-usage = Usage: <code>/latest [n]</code> — n is a number from 1 to 10, e.g. <code>/latest 3</code>.
latest-title = Latest releases
latest-empty = No releases yet.

## /topics, /topic

topics-title = Topics
topics-hint = tap to follow or unfollow
topics-hint-paged = tap to follow or unfollow, page { $page } of { $pages }
topics-empty = There are no topics yet: they appear as releases come in.
topics-not-subscribed = This chat is not subscribed: send /start to receive releases.
topics-mode-all = You receive all releases. To receive only the topics and sources you follow, choose “Only what I follow” in /settings.
topics-mode-topics = You receive only releases in the topics you follow, from the /sources you follow or matching your /alerts (change in /settings).
topic-usage = Usage: <code>/topic &lt;name&gt;</code>, e.g. <code>/topic energy</code>. See every topic with /topics.
topic-latest = Latest in { $name }
topic-empty = No releases in this topic yet.
topic-gone = That topic no longer exists. Send /topics again.
topic-following = Following { $name }
topic-unfollowed = Unfollowed { $name }
topic-follow-button = Follow { $name }
topic-unfollow-button = ✅ Following { $name } — unfollow
topic-unknown = No topic “{ $name }”. See the list with /topics.
topic-unknown-suggest = No topic “{ $name }”. Did you mean: { $suggestions }? See every topic with /topics.
topic-name-too-long = No topic “{ $name }”. Topic names are at most { $limit } characters: send /topics and use a name or slug from the list.

## /settings

settings-not-subscribed = This chat is not subscribed yet. Send /start first, then choose settings here.
settings-text =
    <b>Settings</b>

    Receive: <b>{ $mode }</b>
    Languages: <b>{ $languages }</b>
    Digest: <b>{ $digest }</b>
    Time zone: <b>{ $zone }</b> (/timezone)
    Bot language: <b>{ $botLanguage }</b>

    Tap a button to change.
settings-mode-all = All releases
settings-mode-topics = Only what I follow (see /topics, /sources, /alerts)
settings-all-languages-lower = all languages
settings-button-all = All releases
settings-button-topics = Only what I follow
settings-button-all-languages = All languages
settings-button-sources = 📰 Sources
settings-button-update-notices = ✏️ “Updated” replies
settings-done-update-notices-on = You will get a short “Updated” reply when a release you got changes substantially.
settings-done-update-notices-off = Changed releases are edited without an “Updated” reply.
settings-done-all = You will receive all releases.
settings-done-topics = You will receive only releases in your topics, from your sources or matching your alerts.
settings-done-no-topics = You follow no topics, sources or alerts yet: pick topics with /topics, sources with /sources, or save an /alert.
settings-done-languages = Languages: { $languages }
settings-done-all-languages = All languages
settings-done-bot-language = I will speak English here.
settings-done-digest = Digest: { $digest }

## Channels

channel-usage = Send <code>/{ $command } @yourchannel</code> (or the channel’s -100… id) here, in our private chat. You must be an admin of the channel, and I must be one too, allowed to post messages.
channel-not-visible = I can’t see that channel. Check the name, and add me to the channel as an admin first.
channel-not-channel = That is not a channel. For a group, add me to it and send /start there.
channel-cannot-check = I can’t check the channel’s admins: add me to the channel as an admin first.
channel-not-admin = Only an admin of <b>{ $channel }</b> can do that.
channel-cannot-post = I’m not allowed to post in <b>{ $channel }</b>. Make me an admin there with “Post messages”, then try again.
channel-already = <b>{ $channel }</b> is already subscribed.
channel-subscribed = ✅ <b>{ $channel }</b> is subscribed: new releases will be posted there. To stop, send <code>/unsubscribe_channel { $ref }</code>. Change what it receives with /channels.
channel-unsubscribed = <b>{ $channel }</b> is unsubscribed: nothing more will be posted there.
channel-was-not = <b>{ $channel }</b> was not subscribed.
channel-private-only = Please send this command to me in a private chat.

## Admin: /stats, /feeds, /feed_add, /feed_remove, feed health

stats-chats = Chats
stats-chats-line = active { $active } · stopped { $stopped } · blocked { $blocked }
stats-releases = <b>Releases</b>: { $count }
stats-queue = Delivery queue
stats-queue-line = queued { $queued } · sent last hour { $sent } · failed last hour { $failed }
stats-queue-totals = sent in all { $sent } · failed in all { $failed }
stats-queue-line2 = blocked chats { $blocked } · send rate { $rate }/s
stats-telegram-down = ⚠️ Telegram failing since { $since }: sending backs off, one try at a time (next in { $seconds } s); queued messages keep their attempts
stats-feeds = Feeds ({ $count })
stats-no-feeds = none yet: add one with /feed_add &lt;url&gt;
stats-removed-feeds = { $count } removed (see /feeds)
feed-last-success = last success: { $when }
feed-never = never
feed-errors = { $count ->
    [one] { $count } error in a row
   *[other] { $count } errors in a row
}
feed-last-error = last error: { $error }
feeds-title = Feeds
feeds-empty = No feeds yet. Add one with /feed_add &lt;url&gt;.
feeds-removed = removed (/feed_add resumes it)
feed-add-usage = Usage: <code>/feed_add https://example.org/press/rss</code> (an http or https URL).
feed-remove-usage = Usage: <code>/feed_remove &lt;id or URL&gt;</code>, as listed by /feeds.
feed-bad-url = That is not a feed URL: { $reason }.
feed-next-poll = It will be fetched at the next poll; its current items are kept for search, not pushed.
feed-resumed = ✅ Resumed feed #{ $id }: { $url }
feed-added = ✅ Added feed #{ $id }: { $url }
feed-exists = That feed is already there as #{ $id }.
feed-add-preset-usage = Or a press page without a feed: <code>/feed_add &lt;listing URL&gt; --preset &lt;name&gt;</code>, presets: { $presets }.
feed-every-usage = Its own poll interval: add <code>--every 60s</code> (30s to 24h; s, m or h).
feed-every-set = Polled every { $every }.
feed-bad-every = ⚠️ { $reason }
feed-source-cannot-add = Cannot add that page: { $reason }.
feed-source-added = ✅ Added press page #{ $id } ({ $preset }): { $url }
feed-source-replaced = Press page #{ $id } is already there; its source config was replaced.
feed-source-next-poll = It will be read at the next poll; its current items are kept for search, not pushed.
feed-no-such-id = There is no feed #{ $id }. See /feeds.
feed-no-such-url = There is no feed with that URL. See /feeds.
feed-already-removed = Feed #{ $id } <b>{ $name }</b> is already removed.
feed-removed = Removed feed #{ $id } <b>{ $name }</b>. It is no longer polled; its releases stay searchable (/feed_add with its URL resumes it).
feed-failing =
    ⚠️ Feed <b>{ $name }</b> has failed { $count } polls in a row.
    Last error: { $error }
feed-recovered = ✅ Feed <b>{ $name }</b> is polling again.
feed-error-unknown = unknown

## Admin: /broadcast

broadcast-usage =
    <b>Broadcast</b>
    <code>/broadcast &lt;text&gt;</code> — to every subscribed chat
    Options first, any of: <code>topic:&lt;slug&gt;,…</code> (followers of those topics), <code>lang:ru,az</code> (chats reading those languages), <code>kind:private,group,channel,forum</code>, <code>at:YYYY-MM-DD HH:mm</code> with <code>tz:Asia/Baku</code> (to send later; without <code>tz:</code> your /timezone), <code>urgent:yes</code> (before queued releases), <code>silent:yes</code> (no sound).
    A line <code>[ru]</code>, <code>[az]</code> or <code>[en]</code> starts that language's edition: each chat gets the one in its language (else the first). A line <code>button: Label=https://…</code> adds a link button (at most 3).
    Or reply to a message (text, photo, video or document) with <code>/broadcast</code> to send it.
    Bold, italic, links and the like are kept. You will see a preview and confirm before anything is sent.
broadcast-too-long = The { $language } edition is too long for one message ({ $length } characters; at most { $limit }).
broadcast-caption-too-long = The { $language } caption is too long ({ $length } characters; a caption holds at most { $limit }).
broadcast-empty-edition = The { $language } edition is empty.
broadcast-unknown-language = “{ $language }” is not a language I send in: use en, ru or az.
broadcast-duplicate-language = There are two { $language } editions: give each language once.
broadcast-unknown-kind = “{ $kind }” is not a kind of chat: use private, group, channel or forum.
broadcast-unknown-source = No feed has the id, host or name “{ $source }” (see /feeds).
broadcast-bad-button = “{ $button }” is not a button: write <code>button: Label=https://…</code>
broadcast-too-many-buttons = At most { $limit } buttons, please.
broadcast-bad-time = “{ $time }” is not a time: write <code>at:YYYY-MM-DD HH:mm</code>
broadcast-bad-zone = “{ $zone }” is not a time zone (for example <code>tz:Asia/Baku</code>).
broadcast-time-past = That time has already passed.
broadcast-no-audience = No chat matches this audience, so there is nobody to send it to.
broadcast-audience = { $chats }
broadcast-audience-topic = { $count ->
    [one] { $chats } that follows <b>{ $topic }</b>
   *[other] { $chats } that follow <b>{ $topic }</b>
}
broadcast-audience-languages = reading { $languages }
broadcast-audience-kinds = among { $kinds }
chat-kind-private = private chats
chat-kind-group = groups
chat-kind-channel = channels
chat-kind-forum = forum topics
broadcast-question =
    📣 Broadcast #{ $id } — preview above.
    This goes to { $audience }. Send it?
broadcast-schedule-hint = 🕘 To send it later instead: <code>/broadcast_at { $id } YYYY-MM-DD HH:mm</code> (in { $zone }; a zone may follow the time), then Confirm.
broadcast-editions = Editions: { $list }
broadcast-at = 🕘 At { $time } ({ $zone })
broadcast-flag-urgent = ⚡ Urgent: goes before queued release pushes
broadcast-flag-silent = 🔕 Silent: arrives without a sound
broadcast-confirm-button = ✅ Confirm and send
broadcast-schedule-button = ✅ Confirm and schedule
broadcast-cancel-button = ✖️ Cancel
broadcast-test-button = 📱 Send to me first
broadcast-test-sent = { $count ->
    [one] Sent to you as subscribers will get it.
   *[other] Sent to you: { $count } editions, as their subscribers will get them.
}
broadcast-scheduled = 🕘 Broadcast #{ $id } is scheduled for { $time } ({ $zone }). /broadcasts lists it; <code>/broadcast_cancel { $id }</code> cancels it.
broadcast-scheduled-answer = Scheduled.
broadcast-was-scheduled = Broadcast #{ $id } is already scheduled.
broadcast-queued = 📣 Broadcast #{ $id }: queued for { $chats }…
broadcast-nobody = 📣 Broadcast #{ $id }: no chat matches, nothing was queued.
broadcast-sending = Sending…
broadcast-nobody-answer = Nobody to send to.
broadcast-cancelled = ✖️ Broadcast #{ $id } cancelled. Nothing was sent.
broadcast-cancelled-answer = Cancelled.
broadcast-was-cancelled = Broadcast #{ $id } was cancelled.
broadcast-was-confirmed = Broadcast #{ $id } was already confirmed.
broadcast-was-finished = Broadcast #{ $id } was already confirmed and has finished.
broadcast-cancel-usage = Usage: <code>/broadcast_cancel [id]</code>
broadcast-not-running = Broadcast #{ $id } is not running (finished, cancelled or unknown).
broadcast-cancelled-one = Cancelled broadcast #{ $id }: { $dropped } dropped.
broadcast-none-running = No broadcast is running.
broadcast-cancelled-many = Cancelled { $ids }: { $dropped } dropped.
broadcast-pending = { $count ->
    [one] { $count } pending message
   *[other] { $count } pending messages
}
broadcast-at-usage = Usage: <code>/broadcast_at &lt;id&gt; YYYY-MM-DD HH:mm [Zone]</code> (without a zone: your /timezone)
broadcast-not-schedulable = Broadcast #{ $id } has started, was cancelled or does not exist: its time can no longer change.
broadcast-rescheduled = 🕘 Broadcast #{ $id } now goes out at { $time } ({ $zone }).
broadcast-time-set = 🕘 Broadcast #{ $id } will go out at { $time } ({ $zone }) once you confirm it.
broadcast-edit-usage = Usage: <code>/broadcast_edit &lt;id&gt; &lt;new text&gt;</code>, with <code>[ru]</code> lines for editions, or as a reply to the new text.
broadcast-edited = ✏️ Broadcast #{ $id } changed. It has not started, so every chat gets the new version.
broadcast-correcting = { $count ->
    [one] ✏️ Broadcast #{ $id }: correcting { $count } sent message…
   *[other] ✏️ Broadcast #{ $id }: correcting { $count } sent messages…
}
broadcast-not-editable = Broadcast #{ $id } does not exist, was withdrawn, or was cancelled before it started.
broadcast-edit-new-language = Broadcast #{ $id } went out with no { $language } edition: only its own editions can be corrected.
broadcast-withdraw-usage = Usage: <code>/broadcast_withdraw &lt;id&gt;</code>
broadcast-not-withdrawable = Broadcast #{ $id } was never sent, or is already withdrawn.
broadcast-withdrawing = { $count ->
    [one] 🗑 Broadcast #{ $id } withdrawn: deleting { $count } sent message (those of the last 48 hours)…
   *[other] 🗑 Broadcast #{ $id } withdrawn: deleting { $count } sent messages (those of the last 48 hours)…
}
broadcast-started = 📣 Broadcast #{ $id } started as scheduled: queued for { $chats }…
broadcast-started-late = ⏰ Broadcast #{ $id } was due at { $time } ({ $zone }), while the bot was not running. It is going out now, to { $chats }.
broadcasts-title = <b>Broadcasts</b>
broadcasts-none = No broadcasts yet. /broadcast starts one.
broadcasts-line-preview = 📝 #{ $id } preview · { $editions } · “{ $excerpt }”
broadcasts-line-scheduled = 🕘 #{ $id } at { $time } ({ $zone }) · { $editions } · “{ $excerpt }”
broadcasts-line-running = 📣 #{ $id } sending: { $sent } of { $total } · { $editions } · “{ $excerpt }”
broadcasts-line-done = ✅ #{ $id } sent to { $sent } of { $total } · { $editions } · “{ $excerpt }”
broadcasts-line-cancelled = ✖️ #{ $id } cancelled ({ $sent } sent) · { $editions } · “{ $excerpt }”
broadcasts-line-withdrawn = 🗑 #{ $id } withdrawn ({ $sent } had been sent) · { $editions } · “{ $excerpt }”
broadcast-progress-title = 📣 <b>Broadcast #{ $id }</b>: sending…
broadcast-progress-counts = Sent { $sent } · failed { $failed } · remaining { $remaining }
broadcast-progress-rate = Rate { NUMBER($rate, minimumFractionDigits: 1, maximumFractionDigits: 1) } msg/s
broadcast-progress-rate-eta = Rate { NUMBER($rate, minimumFractionDigits: 1, maximumFractionDigits: 1) } msg/s · about { $eta } left
broadcast-finished = ✅ <b>Broadcast #{ $id } finished</b>
broadcast-final-cancelled = 🛑 <b>Broadcast #{ $id } cancelled</b>
broadcast-report-counts = Targeted { $targeted } · sent { $sent } · failed { $failed } · blocked { $blocked } · skipped { $skipped }
broadcast-report-editions = By edition: { $list }
broadcast-report-reasons = Not sent: { $list }
broadcast-correcting-title = ✏️ <b>Broadcast #{ $id }</b>: correcting…
broadcast-withdrawing-title = 🗑 <b>Broadcast #{ $id }</b>: withdrawing…
broadcast-follow-up-counts = Done { $done } · failed { $failed } · remaining { $remaining }
broadcast-corrected = ✏️ <b>Broadcast #{ $id } corrected</b>
broadcast-withdrawn = 🗑 <b>Broadcast #{ $id } withdrawn</b>
broadcast-follow-up-final = Done { $done } · failed { $failed } · skipped { $skipped } (deleted by the reader, or past Telegram's 48 hours)
broadcast-took = Took { $duration }
duration-seconds = { $s } s
duration-minutes = { $m } min { $s } s
duration-hours = { $h } h { $m } min

## Pushes

push-read-more = Read the full release
push-updated = ✏️ Updated: { $title }
push-menu-button = ⋯
push-mute-source = 🔇 Mute { $name }
push-unmute-source = 🔔 Unmute { $name }
push-follow-topic = Follow { $name }
push-unfollow-topic = ✅ Unfollow { $name }
push-source-muted = Muted { $name }: nothing more from it. Undo in /sources.

## Alerts (/alert, /alerts)

alert-usage =
    <b>Alerts</b>: get the releases that match a search.
    <code>/alert &lt;words&gt;</code>, e.g. <code>/alert wind farm -offshore</code>

    • every word must appear; <code>port*</code> matches words starting with “port”; <code>"grey sound"</code> a phrase; <code>-word</code> excludes; <code>topic:&lt;slug&gt;</code> only one topic.
    See and delete your alerts with /alerts.
alert-only-excludes = An alert needs at least one word to look for, not only words to exclude.
alert-too-long = That alert is too long: keep it under 200 characters.
alert-too-many = That alert has too many words: 12 at most.
alert-limit = This chat already has { $limit } alerts, the most it can have. Delete one with /alerts first.
alert-duplicate = You already have the alert “{ $query }”.
alert-saved = 🔔 Alert saved: “{ $query }”. Matching releases will be sent here.
alert-while-all = Note: this chat receives <b>all</b> releases, so the alert only marks the matching ones. To receive only your topics and alerts, switch below.
alert-switch-button = Only what I follow
alerts-empty = No alerts yet. Save one with <code>/alert &lt;words&gt;</code>.
alerts-title = <b>Your alerts</b> ({ $count } of { $limit }; tap to delete)
alert-deleted = Alert deleted.
alert-gone = That alert was already deleted.
push-alert = Alert: { $query }

## Digests and time zones (/digest, /timezone)

digest-usage =
    <b>Digest</b>: one message a day or a week instead of a message per release.
    <code>/digest daily 08:00</code>
    <code>/digest weekly mon 09:30</code>
    <code>/digest off</code> — each release as it comes
    Times are in the chat’s time zone: <code>/timezone Europe/Berlin</code>.
digest-set = 🗞 Digest: <b>{ $digest }</b>.
digest-off = off (each release as it comes)
digest-daily = daily at { $time } ({ $zone })
digest-weekly = weekly on { $day ->
    [1] Monday
    [2] Tuesday
    [3] Wednesday
    [4] Thursday
    [5] Friday
    [6] Saturday
   *[7] Sunday
  } at { $time } ({ $zone })
timezone-usage = Usage: <code>/timezone &lt;name&gt;</code>, e.g. <code>/timezone Asia/Baku</code> or <code>/timezone UTC</code>.
timezone-unknown = “{ $name }” is not a time zone I know. Use a name like <code>Europe/Berlin</code> or <code>Asia/Baku</code>.
timezone-set = 🕰 Time zone: <b>{ $zone }</b>.
digest-heading = Digest: { $count ->
    [one] { $count } release
   *[other] { $count } releases
  }
digest-continued = (continued)
held-list-heading = While your quiet hours were on: { $count ->
    [one] { $count } more release
   *[other] { $count } more releases
  }
held-list-note = The first few came one by one; the rest are listed here.
digest-other-topics = Other
settings-digest-off-button = Immediately
settings-digest-daily-button = Daily digest
settings-digest-weekly-button = Weekly digest

## Forum topics

topic-subscribed = 👋 <b>Subscribed!</b> New press releases will arrive in this topic. /settings here chooses what.
topic-paused = ⏸ Pushes to this topic are paused: Telegram said “{ $reason }”. Reopen the topic and send /start here to resume.
stats-paused = { $count ->
    [one] { $count } paused forum topic
   *[other] { $count } paused forum topics
  }
stats-paused-line = topic { $thread }: { $reason }
stats-paused-unknown = unknown

## Channels (/channels, /channel_alert)

channels-empty = You have not subscribed any channel. Add me to your channel as an admin, then send <code>/subscribe_channel @yourchannel</code> here.
channels-list = <b>Your channels</b> ({ $count }): tap one to change what it receives.
channel-gone = That channel is no longer subscribed.
channel-no-longer-admin = You are no longer an admin of that channel, so you can’t change it.
channel-topics-button = 🗂 Topics
channel-alerts-button = 🔔 Alerts
channel-back-button = « Settings
channel-topics-title = <b>Topics</b> (tap to follow or unfollow)
channel-alert-usage = Usage: <code>/channel_alert @channel &lt;words&gt;</code> saves an alert for a channel you subscribed.

## The web archive (src/web/archive/): plain text, the page template escapes it

web-site-title = Press releases
web-nav-latest = Latest
web-nav-topics = Topics
web-nav-search = Search
web-language = Language
web-skip = Skip to the content
web-search-label = Search the archive
web-search-button = Search
web-search-hint = Words in any form; filters: topic:energy, from:2024-01-31, to:2024-12-31.
web-filter-language = Release language
web-filter-topic = Topic
web-filter-any = Any
web-filter-apply = Show
web-latest-title = Latest releases
web-page = Page { $page }
web-newer = « Newer
web-older = Older »
web-empty = No releases here yet.
web-topics-title = Topics
web-topics-empty = There are no topics yet: they appear as releases come in.
web-search-title = Search
web-search-found = { $total ->
    [one] { $total } result for “{ $words }”
   *[other] { $total } results for “{ $words }”
}
web-search-found-filters = { $total ->
    [one] { $total } result, newest first
   *[other] { $total } results, newest first
}
web-search-capped = Showing the best of the newest matches: add words or filters to narrow the search.
web-search-nothing = Nothing found for “{ $words }”.
web-search-nothing-filters = Nothing found with these filters.
web-search-nothing-hint = Try other words or fewer filters, or browse the topics.
web-search-empty = Type some words to look for.
web-search-too-long = This search is too long: at most { $limit } characters, please.
web-search-unknown-topic = There is no topic “{ $name }”.
web-search-suggest = Did you mean:
web-rate-limited = Too many searches from your address. Please wait a minute and try again.
web-original = Read it on the publisher’s site
web-also-in = Also in:
web-topics-label = Topics:
web-updated = Updated { $date }
web-time-zone = Times in { $zone }
web-feeds = Subscribe: Atom, JSON Feed
web-not-found-title = Page not found
web-not-found = There is no such page: the address may be mistyped, or the release was removed.
web-bad-request-title = This address cannot be read
web-bad-request = A part of the address is not valid (a page number, perhaps).
web-error-title = Something went wrong
web-error = Please try again in a minute.
web-back-home = Back to the latest releases
open-in-archive = 🌐 Open in archive
## /sources

sources-title = Sources
sources-hint = tap to follow, unfollow or unmute
sources-empty = There are no sources yet.
sources-mode-all = You receive all releases except from muted sources. To receive only what you follow, choose “Only what I follow” in /settings.
sources-follow-button = Follow { $name }
sources-unfollow-button = ✅ { $name } — unfollow
sources-unmute-button = 🔇 { $name } — unmute
source-following = Following { $name }
source-unfollowed = Unfollowed { $name }
source-unmuted = Unmuted { $name }
source-gone = That source no longer exists. Send /sources again.

## /quiet

quiet-title = Sound of pushes
quiet-now = Now: { $mode }
quiet-hours = Quiet hours: { $hours } ({ $zone }, /timezone)
quiet-alerts = Alerts ring anyway: { $ring }
quiet-usage = Set the hours with <code>/quiet 23:00-07:00</code>.
quiet-yes = yes
quiet-no = no
quiet-mode-normal = with sound
quiet-mode-silent = always silent
quiet-mode-quiet = silent during quiet hours
quiet-mode-hold = held during quiet hours, sent when they end
quiet-button-normal = 🔔 With sound
quiet-button-silent = 🔕 Always silent
quiet-button-quiet = 🌙 Silent at night
quiet-button-hold = ⏸ Hold at night
quiet-button-alerts-on = ✅ Alerts ring anyway
quiet-button-alerts-off = Alerts ring anyway
quiet-bad-hours = “{ $typed }” is not a span of hours: write two times, e.g. <code>/quiet 22:00-08:00</code>.

# The admins' console (a Telegram Mini App, src/web/console/)
console-title = Press office console
console-tab-sources = Sources
console-tab-delivery = Delivery
console-tab-broadcast = Broadcast
console-loading = Loading…
console-refused-missing = Open the console from the bot: Telegram signs who you are, and nothing is shown without it.
console-refused-forged = Telegram’s signature on this session does not check out. Open the console from the bot again.
console-refused-stale = This session has expired. Close the console and open it from the bot again.
console-refused-not-admin = The console is for the bot’s admins only.
console-invalid-field = The field “{ $field }” is missing or not valid.
console-source-unknown = There is no source #{ $id }.
console-source-paused = Source #{ $id } is paused: resume it first.
console-broadcast-unknown = There is no broadcast #{ $id }.
console-broadcast-over = Broadcast #{ $id } is no longer running.
console-status-ok = OK
console-status-error = Failing
console-status-never = Not polled yet
console-status-removed = Paused
console-last-success = Last success
console-last-error = Last error
console-next-poll = Next poll
console-next-tick = at the next scheduled poll
console-releases = Releases
console-backoff = Backing off after { $count } failed polls
console-never = never
console-poll-now = Poll now
console-pause = Pause
console-resume = Resume
console-no-sources = No sources yet: add one with /feed_add or pressbot feeds add.
console-hourly = Per hour, last 7 days
console-per-minute = Per minute, last 2 hours
console-sent = Sent
console-failed = Failed
console-skipped = Skipped
console-queued = Queued now
console-rate = Send rate now
console-rate-configured = configured { $rate }/s
console-last-releases = Last releases
console-targeted = Targeted
console-still-queued = Still queued
console-took = Publication to last send
console-text = Text (Telegram HTML: b for bold, i for italic, a href for links)
console-language = Language of the text
console-audience = Audience
console-audience-everyone = Everyone
console-audience-language = Chats in a language
console-audience-topic = Followers of a topic
console-topic = Topic
console-preview = Preview: exactly what Telegram will receive
console-preview-html = HTML sent
console-reaches = Reaches { $count } chats
console-send = Send…
console-confirm = Send to { $count } chats now
console-back = Back
console-progress = Broadcast #{ $id }: { $status }
console-pending = Pending
console-cancel = Cancel the broadcast
console-retry = Try again
cmd-console = Open the press office console (sources, delivery, broadcasts)
console-button = Console
console-open-hint = The console shows the sources, the delivery and the broadcast composer.
console-unavailable = The console needs <code>PUBLIC_URL</code> (https, as Telegram requires) and the HTTP server (<code>PORT</code>). Everything it does is also here: /feeds, /stats, /broadcast.
console-tab-audience = Audience
console-joined = Active chats, by the day they joined (last 90 days)
console-active-chats = Active chats
console-by-language = By language
console-by-kind = By kind of chat
console-by-mode = By mode
console-by-digest = Digests
console-forum-topics = Forum topics subscribed
console-top-topics = Most followed topics
console-no-language = not chosen
console-kind-private = Private chats
console-kind-group = Groups
console-kind-supergroup = Supergroups
console-kind-channel = Channels
console-mode-all = Everything
console-mode-topics = Topics and alerts only
console-digest-off = No digest
console-digest-daily = Daily
console-digest-weekly = Weekly
