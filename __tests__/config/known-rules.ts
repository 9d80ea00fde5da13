/** A small rule catalogue for the configuration tests. */
import type {Severity} from '../../src/types.js'

export const KNOWN_RULES: ReadonlyMap<string, {defaultSeverity: Severity}> =
  new Map([
    ['duplicate-entry', {defaultSeverity: 'error'}],
    ['arxiv-title-mismatch', {defaultSeverity: 'error'}],
    ['link-redirected', {defaultSeverity: 'notice'}],
    ['table-extra-cells', {defaultSeverity: 'warning'}]
  ])
