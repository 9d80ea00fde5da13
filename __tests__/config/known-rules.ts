/** A small rule catalogue for the configuration tests. */
import type {KnownRules} from '../../src/config/schema.js'

/** `arxiv-title-mismatch` takes a `threshold` option here, the others none. */
export const KNOWN_RULES: KnownRules = new Map([
  ['duplicate-entry', {defaultSeverity: 'error'}],
  [
    'arxiv-title-mismatch',
    {
      defaultSeverity: 'error',
      optionsSchema: {threshold: {type: 'number', minimum: 0, maximum: 1}}
    }
  ],
  ['link-redirected', {defaultSeverity: 'notice'}],
  ['table-extra-cells', {defaultSeverity: 'warning'}]
])
