/**
 * Text helpers shared by every output (reports, the action's log lines):
 * no stage owns them.
 */

/**
 * A message on one line, whatever the list holds: line breaks and other
 * control characters quoted from the Markdown (a URL with a newline in an
 * HTML attribute) are shown escaped. Every output relies on it: a raw line
 * break would start a new line in the text report, and in a CI log one that
 * begins with `::` is a workflow command.
 *
 * @param message the rule's message
 * @returns the message without control characters
 */
export function oneLine(message: string): string {
  return message.replace(CONTROL, (character) => {
    if (character === '\n') return '\\n'
    if (character === '\r') return '\\r'
    return `\\u${character.charCodeAt(0).toString(16).padStart(4, '0')}`
  })
}

/** C0 controls but tab, DEL, NEL, and the Unicode line and paragraph separators. */
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u0008\u000a-\u001f\u007f\u0085\u2028\u2029]/g

/**
 * The first line of an error's message, for a one-line report. Duck-typed,
 * not `instanceof Error`: errors from Node's core and from undici may come
 * from another realm (Jest's VM modules, bundles).
 *
 * @param error what was thrown or rejected
 * @returns its message's first line, else the value as a string
 */
export function errorMessage(error: unknown): string {
  const message =
    typeof error === 'object' && error !== null && typeof (error as {message?: unknown}).message === 'string'
      ? (error as {message: string}).message
      : String(error)
  return message.split('\n')[0] ?? message
}
