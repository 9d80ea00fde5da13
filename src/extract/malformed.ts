/**
 * Shapes of URLs that cannot be what the author meant (spaces, a Markdown
 * link pasted into a link target, text glued to an arXiv id, scheme typos).
 * Shared by `link-malformed` (which reports them) and `arxiv-id-malformed`
 * (which skips them, so that one defect gives one finding). Pure.
 */
import {parseArxivId} from './arxiv-id.js'

/** Why a URL is malformed, and the URL it should be when that is certain. */
export interface MalformedUrl {
  /** One sentence: "Unexpected X in `url`, expected Y". */
  message: string
  /** The corrected URL, only when the correction is certain. */
  fixed?: string
}

const ARXIV_HOST = /^(?:www\.|export\.)?arxiv\.org$/i
const SCHEMES = ['http', 'https']

/**
 * Check the shape of a URL.
 *
 * @param url the URL as written
 * @returns what is wrong with it, or undefined for a plausible URL
 */
export function malformedUrl(url: string): MalformedUrl | undefined {
  const value = url.trim()
  if (value === '') return undefined
  const shown = code(shorten(value))

  const inner = /\]\((\S+?)\)?$/.exec(value)
  if (/^!?\[/.test(value) || inner) {
    const hint = inner ? ` (the inner link points at ${code(inner[1])})` : ''
    return {
      message: `Unexpected Markdown link inside the link target ${shown}, expected one URL${hint}`
    }
  }

  if (/\s/.test(value)) {
    return {
      message: `Unexpected white space in URL ${shown}, expected none (or \`%20\`)`
    }
  }

  if (/^file:/i.test(value)) {
    return {
      message:
        `Unexpected local file URL ${shown}: it names a file on the author's computer, ` +
        'expected a web URL or a path relative to the list'
    }
  }

  const script = /^(javascript|vbscript):/i.exec(value)
  if (script) {
    return {
      message: `Unexpected \`${script[1]}:\` URL ${shown}: GitHub removes script links, expected a web URL`
    }
  }

  const doubled = /^(https?):\/*(https?):?\/*/i.exec(value)
  if (doubled) {
    const fixed = `${doubled[2].toLowerCase()}://${value.slice(doubled[0].length)}`
    return {
      message: `Unexpected repeated scheme in ${shown}, expected ${code(shorten(fixed))}`,
      fixed
    }
  }

  const scheme = /^([a-z][a-z\d+.-]*)(:?)(\/*)/i.exec(value)
  if (scheme) {
    const [whole, name, colon, slashes] = scheme
    const lower = name.toLowerCase()
    const rest = value.slice(whole.length)
    const typo = !SCHEMES.includes(lower) && isSchemeTypo(lower)
    const webScheme = SCHEMES.includes(lower) || typo
    if (webScheme && (colon !== '' || slashes.length >= 2) && rest !== '') {
      const fixedScheme = typo ? (lower.includes('s') ? 'https' : 'http') : lower
      const fixed = `${fixedScheme}://${rest}`
      if (typo) {
        return {
          message: `Unexpected scheme \`${name}\` in ${shown}, expected \`${fixedScheme}\``,
          fixed
        }
      }
      if (colon === '') {
        return {
          message: `Unexpected \`${name}//\` without colon in ${shown}, ` + `expected \`${fixedScheme}://\``,
          fixed
        }
      }
      if (slashes.length !== 2) {
        return {
          message: `Unexpected \`${name}:${slashes}\` in ${shown}, expected \`${fixedScheme}://\``,
          fixed
        }
      }
    }
  }

  return malformedArxivUrl(value, shown)
}

function malformedArxivUrl(value: string, shown: string): MalformedUrl | undefined {
  let parsed: URL
  try {
    parsed = new URL(value)
  } catch {
    const prefixed = /^arxiv:(.*)$/i.exec(value)
    return prefixed ? gluedId(prefixed[1], shown) : undefined
  }
  if (parsed.protocol === 'arxiv:') return gluedId(parsed.pathname, shown)
  if (!ARXIV_HOST.test(parsed.hostname)) return undefined
  const path = /^\/(abs|pdf|html)\/(.*)$/.exec(parsed.pathname)
  if (!path) return undefined
  if (/^\/|\/\//.test(path[2])) {
    const collapsed = path[2].replace(/\/{2,}/g, '/').replace(/^\//, '')
    const id = path[1] === 'pdf' ? collapsed.replace(/\.pdf$/i, '') : collapsed
    const valid = parseArxivId(safeDecode(id)).ok
    const fixed = valid ? value.replace(parsed.pathname, `/${path[1]}/${collapsed}`) : undefined
    return {
      message: `Unexpected empty path segment (\`//\`) in ${shown}, expected ${
        fixed ? code(shorten(fixed)) : `\`/${path[1]}/<id>\``
      }`,
      fixed
    }
  }
  const first = path[2].split('/')[0]
  // `.pdf` after an id: arXiv redirects `/abs/<id>.pdf` to the paper too (API-NOTES A2)
  const id = path[1] === 'html' ? first : first.replace(/\.pdf$/i, '')
  return gluedId(safeDecode(id), shown)
}

/** `2407.11681mini`: a valid new-style id followed by other text. */
function gluedId(raw: string, shown: string): MalformedUrl | undefined {
  const match = /^(\d{4}\.\d{4,5}(?:v\d+)?)([^]*)$/.exec(raw)
  if (!match || match[2] === '' || /^[\d/]/.test(match[2])) return undefined
  if (!parseArxivId(match[1]).ok) return undefined
  return {
    message:
      `Unexpected text ${code(match[2])} glued to the arXiv id ` + `\`${match[1]}\` in ${shown}, expected the id alone`
  }
}

/** `htps`, `htttps`, `ttp`: one edit away from http or https. */
function isSchemeTypo(scheme: string): boolean {
  if (scheme.length < 3 || !/^[hpst]+$/.test(scheme)) return false
  return SCHEMES.some((target) => editDistance(scheme, target) === 1)
}

function editDistance(a: string, b: string): number {
  const row = Array.from({length: b.length + 1}, (_, index) => index)
  for (let i = 1; i <= a.length; i++) {
    let previous = row[0]
    row[0] = i
    for (let j = 1; j <= b.length; j++) {
      const current = row[j]
      row[j] = Math.min(row[j] + 1, row[j - 1] + 1, previous + (a[i - 1] === b[j - 1] ? 0 : 1))
      previous = current
    }
  }
  return row[b.length]
}

function code(text: string): string {
  return '`' + text.replace(/`/g, "'") + '`'
}

function shorten(text: string): string {
  return text.length > 80 ? text.slice(0, 77) + '...' : text
}

function safeDecode(text: string): string {
  try {
    return decodeURIComponent(text)
  } catch {
    return text
  }
}
