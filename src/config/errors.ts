/**
 * The two fatal error classes of the CLI and the action. Both carry a stable
 * `code` (tests and callers match on it, never on message text) and a one-line
 * message that names the key or option, the file, and what was expected.
 * [checkout `Invalid repository '…'. Expected format {owner}/{repo}.`]
 */

/** A configuration file that cannot be read, parsed or validated (exit 2). */
export class ConfigError extends Error {
  /** Stable identifier of the error class. */
  readonly code = 'PAPERLINT_CONFIG'

  /**
   * @param message One line: the file, the key and what was expected.
   */
  constructor(message: string) {
    super(message)
    this.name = 'ConfigError'
  }
}

/** A command line that cannot be understood (exit 2). */
export class UsageError extends Error {
  /** Stable identifier of the error class. */
  readonly code = 'PAPERLINT_USAGE'

  /**
   * @param message One line: the option and what was expected.
   */
  constructor(message: string) {
    super(message)
    this.name = 'UsageError'
  }
}
