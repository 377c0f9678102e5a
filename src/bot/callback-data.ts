/**
 * Callback data of every inline button the bot sends, in one place.
 *
 * Telegram returns callback data verbatim, but anyone can forge it (a modified client sends any 1–64 bytes),
 * and buttons outlive deploys. So each feature listens only to data matching one of these strict patterns;
 * anything else falls through to the fallback feature, which answers politely instead of throwing.
 */

/** Telegram's limit on callback_data, in bytes of UTF-8. */
export const CALLBACK_DATA_LIMIT = 64

/** The strict shape of each kind of button data; features register their callback handlers on these. */
export const callbackPatterns = {
  /** A search page; the query is carried in the data itself: `s:<offset>:<base64url query>`. */
  searchInline: /^s:(\d{1,4}):([A-Za-z0-9_-]{0,60})$/,
  /**
   * A search page whose query is too long to carry, kept in memory: `q:<offset>:<owner>.<cache id>` (owner: the
   * user id in base 36). The bare `q:<offset>:<cache id>` of older buttons still matches, to be told it expired.
   */
  searchCached: /^q:(\d{1,4}):((?:[0-9a-z]{1,11}\.)?[A-Za-z0-9_-]{1,16})$/,
  /** "Alert me about new ones" under search results: the query as in searchInline / searchCached, no offset. */
  searchAlertInline: /^as:([A-Za-z0-9_-]{0,61})$/,
  searchAlertCached: /^aq:((?:[0-9a-z]{1,11}\.)?[A-Za-z0-9_-]{1,16})$/,
  /** Follow/unfollow from the /topics list (re-renders that page of the list): `tt:<topic id>[:<page>]`. */
  topicsToggle: /^tt:(\d{1,9})(?::(\d{1,4}))?$/,
  /** Another page of the /topics list. */
  topicsPage: /^tl:(\d{1,4})$/,
  /** Follow/unfollow from a /topic page (re-renders its single button). */
  topicToggle: /^tp:(\d{1,9})$/,
  /** /settings: push mode; the optional last part is a channel changed from /channels (so for the others). */
  mode: /^m:(all|topics)(?::(-\d{1,16}))?$/,
  /** /settings: language toggle, or every language. */
  language: /^l:([a-z]{2,3}|all)(?::(-\d{1,16}))?$/,
  /** /settings: the language the bot speaks in this chat (chat-wide; the optional last part is a channel). */
  botLanguage: /^bl:([a-z]{2,3})(?::(-\d{1,16}))?$/,
  /** /settings: digest off, daily or weekly (the time is kept, or 08:00). */
  digest: /^dg:(off|daily|weekly)(?::(-\d{1,16}))?$/,
  /** /settings: "Updated" replies after a substantial correction, on or off. */
  updateNotices: /^un:(on|off)(?::(-\d{1,16}))?$/,
  /** /alerts: delete one alert. */
  alertDelete: /^ad:(\d{1,9})(?::(-\d{1,16}))?$/,
  /** /channels: open a channel's settings, topics or alerts. */
  channelSettings: /^cs:(-\d{1,16})$/,
  channelTopics: /^cp:(-\d{1,16})$/,
  channelAlerts: /^ca:(-\d{1,16})$/,
  /** Follow/unfollow a topic for a channel from /channels. */
  channelTopicToggle: /^ct:(\d{1,9}):(-\d{1,16})$/,
  /** /sources: follow a source, or clear its follow or mute (`sf:<its first feed id>[:<page>]`). */
  sourceToggle: /^sf:(\d{1,9})(?::(\d{1,4}))?$/,
  /** Another page of /sources. */
  sourcesPage: /^sl:(\d{1,4})$/,
  /** The small button on a push: opens its menu in place (`pm:<release id>`); `pb:` puts the push's own back. */
  pushMenu: /^pm:(\d{1,12})$/,
  pushBack: /^pb:(\d{1,12})$/,
  /** In a push's menu: mute or unmute its source (`pz:<release id>`), follow or unfollow one of its topics. */
  pushMute: /^pz:(\d{1,12})$/,
  pushTopic: /^pt:(\d{1,12}):(\d{1,9})$/,
  /** /quiet: how pushes sound (`qs:<sound>`), and whether alerts ring anyway (`qa:on|off`). */
  quietSound: /^qs:(normal|silent|quiet|hold)$/,
  quietAlerts: /^qa:(on|off)$/,
  broadcastConfirm: /^bc:(\d{1,9})$/,
  broadcastCancel: /^bx:(\d{1,9})$/,
  /** "Send to me first": a broadcast's editions to the admin, as subscribers will get them. */
  broadcastTest: /^bt:(\d{1,9})$/,
} as const

/** The channel part of a button changing a channel from /channels; none for the chat the button is in. */
const suffix = (channelId: number | undefined) => (channelId === undefined ? '' : `:${channelId}`)

/** Builders for the button data matched by {@link callbackPatterns} (search pages: see helpers/search-codec.ts). */
export const callbackData = {
  topicsToggle: (topicId: number, page = 0) => (page > 0 ? `tt:${topicId}:${page}` : `tt:${topicId}`),
  topicsPage: (page: number) => `tl:${page}`,
  topicToggle: (topicId: number) => `tp:${topicId}`,
  mode: (mode: 'all' | 'topics', channelId?: number) => `m:${mode}${suffix(channelId)}`,
  language: (code: string, channelId?: number) => `l:${code}${suffix(channelId)}`,
  botLanguage: (locale: string, channelId?: number) => `bl:${locale}${suffix(channelId)}`,
  digest: (digest: 'off' | 'daily' | 'weekly', channelId?: number) => `dg:${digest}${suffix(channelId)}`,
  updateNotices: (on: boolean, channelId?: number) => `un:${on ? 'on' : 'off'}${suffix(channelId)}`,
  alertDelete: (alertId: number, channelId?: number) => `ad:${alertId}${suffix(channelId)}`,
  channelSettings: (channelId: number) => `cs:${channelId}`,
  channelTopics: (channelId: number) => `cp:${channelId}`,
  channelAlerts: (channelId: number) => `ca:${channelId}`,
  channelTopicToggle: (topicId: number, channelId: number) => `ct:${topicId}:${channelId}`,
  sourceToggle: (feedId: number, page = 0) => (page > 0 ? `sf:${feedId}:${page}` : `sf:${feedId}`),
  sourcesPage: (page: number) => `sl:${page}`,
  pushMenu: (releaseId: number) => `pm:${releaseId}`,
  pushBack: (releaseId: number) => `pb:${releaseId}`,
  pushMute: (releaseId: number) => `pz:${releaseId}`,
  pushTopic: (releaseId: number, topicId: number) => `pt:${releaseId}:${topicId}`,
  quietSound: (sound: 'normal' | 'silent' | 'quiet' | 'hold') => `qs:${sound}`,
  quietAlerts: (on: boolean) => `qa:${on ? 'on' : 'off'}`,
  broadcastConfirm: (id: number) => `bc:${id}`,
  broadcastCancel: (id: number) => `bx:${id}`,
  broadcastTest: (id: number) => `bt:${id}`,
}
