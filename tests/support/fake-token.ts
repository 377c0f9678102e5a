/**
 * The bot token of every test that needs a well-formed one: digits, a colon and 35 characters, as @BotFather
 * hands them out, so config validation accepts it and the logger's token pattern would catch it. The fake Bot API
 * accepts any token; it records which ones it saw (`api.tokens`).
 */
export const FAKE_TOKEN = '123456789:AAHdqTcvCH1vGWJxfSeofSAs0K5PALDsaw_'
