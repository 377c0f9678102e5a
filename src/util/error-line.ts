/** The first line of an error's message, short enough for a feed's last_error and an admin alert. */
export function errorLine(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error)
  return message.split('\n')[0]!.slice(0, 300) || 'unknown error'
}
