import {readFileSync} from 'node:fs'
import AjvModule from 'ajv'
import {renderSarif, type SarifRule} from '../../src/report/sarif.js'
import * as sarif from '../../src/report/sarif.js'
import {finding, report} from './make-report.js'

/**
 * The SARIF 2.1.0 schema shipped with @microsoft/jest-sarif is draft-04 (it
 * declares `id`, not `$id`). Ajv 8 has no draft-04 class; the schema uses no
 * draft-04-only keyword (no boolean exclusiveMinimum), so it compiles as
 * draft-07 once `$schema` is dropped and `id` becomes `$id`. (jest-sarif
 * itself validates with a nested Ajv 6; we use the project's Ajv 8.)
 */
function compileSarifValidator() {
  const schemaPath = new URL(
    '../../node_modules/@microsoft/jest-sarif/lib/schemas/sarif-2.1.0-rtm.5.json',
    import.meta.url
  )
  const {$schema, id, ...rest} = JSON.parse(readFileSync(schemaPath, 'utf8'))
  expect($schema).toBe('http://json-schema.org/draft-04/schema#')
  // The schema's `language` pattern (`…{2}]?$`) is invalid with the `u` flag.
  const ajv = new AjvModule.default({
    strict: false,
    allErrors: true,
    unicodeRegExp: false
  })
  ajv.addFormat('uri', (value: string) => URL.canParse(value))
  ajv.addFormat('uri-reference', (value: string) => URL.canParse(value, 'file:///base/'))
  ajv.addFormat('date-time', (value: string) => !Number.isNaN(Date.parse(value)))
  return ajv.compile({$id: id, ...rest})
}

const validate = compileSarifValidator()

/** The parts of a SARIF log these tests read (or corrupt). */
interface Region {
  startLine: number
  startColumn: number
  endLine?: number
  endColumn?: number
}
interface PhysicalLocation {
  artifactLocation: {uri: string; uriBaseId?: string}
  region: Region
}
interface Result {
  ruleId: string
  ruleIndex?: number
  level: string
  message: {text: string}
  locations: Array<{physicalLocation: PhysicalLocation}>
  relatedLocations?: unknown[]
  fixes?: unknown[]
  partialFingerprints: Record<string, string>
  [key: string]: unknown
}
interface Rule {
  id: string
  shortDescription: {text: string}
  helpUri: string
  defaultConfiguration: {level: string}
}
interface Log {
  $schema: string
  version: string
  runs: Array<{
    tool: {driver: {name?: string; version: string; rules: Rule[]}}
    originalUriBaseIds?: unknown
    results: Result[]
  }>
}

const RULES: SarifRule[] = [
  {
    id: 'duplicate-entry',
    description: 'The same paper twice in one section.',
    defaultSeverity: 'error',
    fixable: false
  },
  {id: 'link-malformed', description: 'A URL that cannot be what was meant.', defaultSeverity: 'error', fixable: true},
  {
    id: 'github-repo-moved',
    description: 'Repository renamed or transferred.',
    defaultSeverity: 'warning',
    fixable: true
  },
  {id: 'link-empty', description: 'A link with an empty target.', defaultSeverity: 'notice', fixable: false}
]

const sample = report([
  finding({
    file: '/repo/docs/my list.md',
    line: 7,
    column: 3,
    endLine: 7,
    endColumn: 40,
    rule: 'link-malformed',
    message: 'Unexpected text `mini` after arXiv id',
    url: 'https://arxiv.org/abs/2407.11681mini',
    fix: {range: [120, 156], replacement: 'https://arxiv.org/abs/2407.11681'}
  }),
  finding({
    file: '/repo/README.md',
    line: 20,
    column: 1,
    endLine: 21,
    endColumn: 5,
    rule: 'duplicate-entry',
    message: 'Duplicate entry `Attention`',
    related: [{file: '/repo/README.md', line: 4, column: 1, message: 'first occurrence'}]
  }),
  finding({file: '/repo/README.md', line: 30, rule: 'duplicate-entry', message: 'Duplicate entry `Attention`'}),
  finding({file: '/repo/README.md', line: 2, severity: 'notice', rule: 'link-empty', message: 'Empty link'}),
  finding({file: '/repo/README.md', line: 3, severity: 'warning', rule: 'github-repo-moved', message: 'Moved'})
])

function render(input = sample): Log {
  return JSON.parse(renderSarif(input, RULES, {toolVersion: '1.2.3', root: '/repo'}))
}

describe('renderSarif', () => {
  test('should export renderSarif and the help base', () => {
    expect(Object.keys(sarif).sort()).toEqual(['RULE_HELP_BASE', 'renderSarif', 'ruleHelpUri'])
  })

  test('should produce a log that the SARIF 2.1.0 schema accepts', () => {
    const log = render()
    const valid = validate(log)
    expect(validate.errors ?? []).toEqual([])
    expect(valid).toBe(true)
    expect(validate(render(report([])))).toBe(true)
    expect(validate(JSON.parse(renderSarif(sample, RULES, {toolVersion: '0.1.0'})))).toBe(true)
  })

  test.each([
    [
      'a wrong version',
      (log: Log) => {
        log.version = '2.0.0'
      }
    ],
    [
      'an unknown level',
      (log: Log) => {
        log.runs[0].results[0].level = 'fatal'
      }
    ],
    [
      'a zero start line',
      (log: Log) => {
        log.runs[0].results[0].locations[0].physicalLocation.region.startLine = 0
      }
    ],
    [
      'a missing driver name',
      (log: Log) => {
        delete log.runs[0].tool.driver.name
      }
    ],
    [
      'an unknown property',
      (log: Log) => {
        log.runs[0].results[0].severity = 'error'
      }
    ]
  ])('should be rejected by the validator with %s', (_, corrupt) => {
    const log = render()
    corrupt(log)
    expect(validate(log)).toBe(false)
  })

  test('should describe the tool and every rule', () => {
    const {$schema, version, runs} = render()
    expect($schema).toBe('https://json.schemastore.org/sarif-2.1.0.json')
    expect(version).toBe('2.1.0')
    expect(runs).toHaveLength(1)
    const {driver} = runs[0].tool
    expect(driver.name).toBe('paperlint')
    expect(driver.version).toBe('1.2.3')
    expect(
      driver.rules.map(
        (rule) => `${rule.id} ${rule.defaultConfiguration.level} ${rule.helpUri} ${rule.shortDescription.text}`
      )
    ).toEqual([
      'duplicate-entry error https://github.com/paperlint/paperlint/blob/main/docs/rules/duplicate-entry.md The same paper twice in one section.',
      'link-malformed error https://github.com/paperlint/paperlint/blob/main/docs/rules/link-malformed.md A URL that cannot be what was meant.',
      'github-repo-moved warning https://github.com/paperlint/paperlint/blob/main/docs/rules/github-repo-moved.md Repository renamed or transferred.',
      'link-empty note https://github.com/paperlint/paperlint/blob/main/docs/rules/link-empty.md A link with an empty target.'
    ])
    expect(runs[0].originalUriBaseIds).toEqual({'%SRCROOT%': {uri: 'file:///repo/'}})
  })

  test('should map results: rule, level, place, sorted by file and line', () => {
    const results = render().runs[0].results
    expect(
      results.map((result) => {
        const {artifactLocation, region} = result.locations[0].physicalLocation
        return (
          `${artifactLocation.uriBaseId} ${artifactLocation.uri}:` +
          `${region.startLine}:${region.startColumn}-${region.endLine}:${region.endColumn} ` +
          `${result.level} ${result.ruleId}#${result.ruleIndex} ${result.message.text}`
        )
      })
    ).toEqual([
      '%SRCROOT% README.md:2:1-1:2 note link-empty#3 Empty link',
      '%SRCROOT% README.md:3:1-1:2 warning github-repo-moved#2 Moved',
      '%SRCROOT% README.md:20:1-21:5 error duplicate-entry#0 Duplicate entry `Attention`',
      '%SRCROOT% README.md:30:1-1:2 error duplicate-entry#0 Duplicate entry `Attention`',
      '%SRCROOT% docs/my%20list.md:7:3-7:40 error link-malformed#1 Unexpected text `mini` after arXiv id'
    ])
  })

  test('should write related locations and fixes', () => {
    const results = render().runs[0].results
    expect(results[2].relatedLocations).toEqual([
      {
        id: 0,
        physicalLocation: {
          artifactLocation: {uri: 'README.md', uriBaseId: '%SRCROOT%'},
          region: {startLine: 4, startColumn: 1}
        },
        message: {text: 'first occurrence'}
      }
    ])
    expect(results[4].fixes).toEqual([
      {
        description: {text: 'Replace with `https://arxiv.org/abs/2407.11681`'},
        artifactChanges: [
          {
            artifactLocation: {uri: 'docs/my%20list.md', uriBaseId: '%SRCROOT%'},
            replacements: [
              {
                deletedRegion: {charOffset: 120, charLength: 36},
                insertedContent: {text: 'https://arxiv.org/abs/2407.11681'}
              }
            ]
          }
        ]
      }
    ])
    expect(results[0].fixes).toBeUndefined()
    expect(results[0].relatedLocations).toBeUndefined()
  })

  test('should fingerprint rule+file+message, stable across runs and lines', () => {
    const key = 'paperlintFinding/v1'
    const prints = render().runs[0].results.map((result) => result.partialFingerprints[key])
    expect(prints.every((print: string) => /^[0-9a-f]{32}:\d+$/.test(print))).toBe(true)
    // Identical duplicates keep distinct alerts.
    expect(prints[2].replace(/:0$/, ':1')).toBe(prints[3])
    // Moving a finding to another line keeps its fingerprint.
    const moved = render(
      report([
        finding({file: '/repo/README.md', line: 99, severity: 'notice', rule: 'link-empty', message: 'Empty link'})
      ])
    )
    expect(moved.runs[0].results[0].partialFingerprints[key]).toBe(prints[0])
    expect(new Set(prints).size).toBe(prints.length)
  })

  test.each([
    ['relative paths stay relative', 'docs/a.md', '/repo', 'docs/a.md', '%SRCROOT%'],
    ['backslashes become slashes', 'docs\\a.md', '/repo', 'docs/a.md', '%SRCROOT%'],
    ['a leading ./ is dropped', './a.md', '/repo', 'a.md', '%SRCROOT%'],
    ['files outside root become file URIs', '/elsewhere/a.md', '/repo', 'file:///elsewhere/a.md', undefined],
    ['absolute paths without root become file URIs', '/repo/a.md', undefined, 'file:///repo/a.md', undefined],
    ['special characters are encoded', 'a#b?.md', '/repo', 'a%23b%3F.md', '%SRCROOT%']
  ])('should locate files: %s', (_, file, root, uri, uriBaseId) => {
    const log = JSON.parse(renderSarif(report([finding({file})]), RULES, {toolVersion: '1.0.0', root})) as Log
    const {artifactLocation} = log.runs[0].results[0].locations[0].physicalLocation
    expect(artifactLocation).toEqual(uriBaseId ? {uri, uriBaseId} : {uri})
    expect(validate(log)).toBe(true)
  })

  test('should omit ruleIndex for a rule missing from the catalogue', () => {
    const log = render(report([finding({rule: 'not-in-catalogue'})]))
    expect(log.runs[0].results[0].ruleIndex).toBeUndefined()
    expect(log.runs[0].results[0].ruleId).toBe('not-in-catalogue')
  })
})
