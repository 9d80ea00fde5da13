/**
 * The I/O adapter of the configuration: finds and reads the file, then hands
 * its text to the pure `parseConfig`.
 */
import {readFile} from 'node:fs/promises'
import {join, resolve} from 'node:path'
import {CONFIG_FILE_NAMES} from './defaults.js'
import {ConfigError} from './errors.js'
import {parseConfig, type Config, type KnownRules} from './file.js'

/** A loaded configuration and where it came from. */
export interface LoadedConfig {
  config: Config
  /** Absolute path of the file, or undefined when none was found. */
  path: string | undefined
}

/**
 * Load the configuration: the explicit file when given (it must exist), else
 * the first of `.paperlint.yml`, `.paperlint.yaml`, `.paperlint.json` in `cwd`
 * (two of them at once is an error), else an empty configuration.
 * @param cwd The working directory.
 * @param explicitPath `--config` as given, relative to `cwd` or absolute.
 * @param knownRules The rule catalogue, to validate rule ids.
 * @returns The configuration and its absolute path.
 * @throws {ConfigError} When the file is missing, unreadable or invalid.
 */
export async function loadConfig(
  cwd: string,
  explicitPath: string | undefined,
  knownRules: KnownRules
): Promise<LoadedConfig> {
  if (explicitPath !== undefined) {
    const path = resolve(cwd, explicitPath)
    const text = await readText(path, explicitPath)
    if (text === undefined) {
      throw new ConfigError(`config file ${explicitPath} not found`)
    }
    return {config: parseConfig(text, explicitPath, knownRules), path}
  }
  const found: Array<{name: string; path: string; text: string}> = []
  for (const name of CONFIG_FILE_NAMES) {
    const path = join(cwd, name)
    const text = await readText(path, name)
    if (text !== undefined) found.push({name, path, text})
  }
  if (found.length > 1) {
    const names = found.map((file) => file.name).join(' and ')
    throw new ConfigError(`found ${names}: keep one configuration file (or pass --config)`)
  }
  const [file] = found
  if (!file) return {config: {}, path: undefined}
  const config = parseConfig(file.text, file.name, knownRules)
  return {config, path: file.path}
}

/** The file's text, or undefined when it does not exist. */
async function readText(path: string, shownAs: string): Promise<string | undefined> {
  try {
    return await readFile(path, 'utf8')
  } catch (cause) {
    const code = (cause as NodeJS.ErrnoException).code
    if (code === 'ENOENT' || code === 'ENOTDIR') return undefined
    if (code === 'EISDIR') {
      throw new ConfigError(`config file ${shownAs} is a directory`)
    }
    const reason = cause instanceof Error ? cause.message : String(cause)
    throw new ConfigError(`cannot read config file ${shownAs}: ${reason}`)
  }
}
