/**
 * The rule registry: an explicit array (a test asserts that every file in
 * `rules/` is registered and documented). Order is the README's order.
 */
import type {Rule} from './rule.js'

/** Every rule paperlint knows, offline rules first. */
export const RULES: readonly Rule[] = []

/** Rules by id. */
export const RULES_BY_ID: ReadonlyMap<string, Rule> = new Map(
  RULES.map((rule) => [rule.id, rule])
)
