#!/usr/bin/env node
import {createRequire as __paperlintCreateRequire} from 'node:module';const require = __paperlintCreateRequire(import.meta.url);
import {
  DEFAULT_ARXIV_API_URL,
  DEFAULT_ARXIV_INTERVAL_MS,
  DEFAULT_BUDGET_MS,
  DEFAULT_CACHE_FILE,
  DEFAULT_GITHUB_API_URL,
  DEFAULT_TIMEOUT_MS,
  FAIL_ON_LEVELS,
  FORMATS,
  KNOWN_RULES,
  RULES,
  RULE_SEVERITIES,
  UsageError,
  VERSION,
  closestMatch,
  isChoice,
  isHttpUrl,
  loadConfig,
  renderJson,
  renderWorkflowCommands,
  resolveSettings,
  runPaperlint,
  sortFindings
} from "./chunks/chunk-NVFCEVMX.js";

// src/cli.ts
import { writeFile } from "node:fs/promises";
import path from "node:path";
import process from "node:process";

// src/config/argv.ts
import { parseArgs } from "node:util";
var OPTIONS = {
  format: { type: "string", short: "f" },
  "fail-on": { type: "string" },
  config: { type: "string", short: "c" },
  offline: { type: "boolean" },
  fix: { type: "boolean" },
  rule: { type: "string", multiple: true },
  disable: { type: "string", multiple: true },
  quiet: { type: "boolean", short: "q" },
  version: { type: "boolean", short: "v" },
  help: { type: "boolean", short: "h" },
  color: { type: "boolean" },
  "no-color": { type: "boolean" },
  "github-token": { type: "string" },
  "cache-file": { type: "string" },
  "no-cache": { type: "boolean" },
  "allow-private-hosts": { type: "boolean" },
  "arxiv-api-url": { type: "string" },
  "github-api-url": { type: "string" },
  "arxiv-interval": { type: "string" },
  timeout: { type: "string" },
  budget: { type: "string" },
  output: { type: "string", short: "o" }
};
var RULE_ID = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
var HELP_TEXT = `paperlint [options] [file|glob ...]

Lint curated Markdown lists of research papers: broken or mismatched arXiv
ids, dead GitHub repositories, duplicates, broken tables, anchors and links.
Lints README.md when no file is given.

Output:
  -f, --format <format>      text, json, sarif or github (default: text)
  -o, --output <file>        Write the report to a file instead of stdout
  -q, --quiet                Report errors only
      --color, --no-color    Force or disable colours (default: auto;
                             NO_COLOR and FORCE_COLOR are honoured)

Exit status:
      --fail-on <severity>   Exit 1 on findings at or above error, warning,
                             notice, or never (default: error)

Rules:
      --rule <id[=severity]> Set a rule's severity: error, warning, notice
                             or off; a bare id enables the rule at its
                             default severity (repeatable, comma lists)
      --disable <id,...>     Turn rules off (repeatable, comma lists)
      --fix                  Apply certain fixes to the files

Configuration:
  -c, --config <path>        Configuration file (default: .paperlint.yml,
                             .paperlint.yaml or .paperlint.json in the
                             working directory)

Network:
      --offline              Run only the rules that need no network
      --github-token <token> GitHub token (default: $GITHUB_TOKEN)
      --github-api-url <url> GitHub API (default: $GITHUB_API_URL, else
                             ${DEFAULT_GITHUB_API_URL})
      --arxiv-api-url <url>  arXiv API (default:
                             ${DEFAULT_ARXIV_API_URL})
      --arxiv-interval <ms>  Spacing of arXiv requests
                             (default: ${DEFAULT_ARXIV_INTERVAL_MS})
      --timeout <ms>         Timeout per request
                             (default: ${DEFAULT_TIMEOUT_MS})
      --budget <ms>          Time budget of the network phase, waits
                             included (default: ${DEFAULT_BUDGET_MS})
      --cache-file <path>    Results cache (default: ${DEFAULT_CACHE_FILE})
      --no-cache             Neither read nor write the cache
      --allow-private-hosts  Allow requests to loopback and private
                             addresses (tests, intranets)

Miscellaneous:
  -h, --help                 Show this help
  -v, --version              Show the version

Settings come from the command line, then the configuration file, then the
environment (GITHUB_TOKEN, GITHUB_API_URL), then the defaults.

Exit codes: 0 no finding at or above --fail-on, 1 findings at or above it,
2 usage, configuration or input error.

Examples:
  paperlint
  paperlint --offline docs/*.md
  paperlint --format sarif --output paperlint.sarif README.md
  paperlint --rule link-redirected=off --fail-on warning README.md
`;
function parseArgv(argv, knownRules) {
  const lenient = parseArgs({
    args: [...argv],
    options: OPTIONS,
    strict: false,
    allowPositionals: true,
    tokens: true
  });
  for (const token of lenient.tokens) {
    if (token.kind === "option") checkToken(token);
  }
  let parsed;
  try {
    parsed = parseArgs({
      args: [...argv],
      options: OPTIONS,
      strict: true,
      allowPositionals: true,
      tokens: true
    });
  } catch (cause) {
    const reason = cause instanceof Error ? cause.message : String(cause);
    throw new UsageError(`${reason.split("\n", 1)[0]} (see paperlint --help)`);
  }
  const { values, positionals, tokens } = parsed;
  const options = {
    files: positionals,
    fix: values.fix === true,
    rules: {},
    quiet: values.quiet === true,
    version: values.version === true,
    help: values.help === true
  };
  if (values.format !== void 0) {
    options.format = choice(FORMATS, values.format, "--format");
  }
  if (values["fail-on"] !== void 0) {
    options.failOn = choice(FAIL_ON_LEVELS, values["fail-on"], "--fail-on");
  }
  if (values.config !== void 0) options.config = values.config;
  if (values.offline) options.offline = true;
  if (values["allow-private-hosts"]) options.allowPrivateHosts = true;
  if (values["github-token"] !== void 0) {
    options.githubToken = values["github-token"];
  }
  if (values["cache-file"] !== void 0) {
    options.cacheFile = values["cache-file"];
  }
  if (values["no-cache"]) options.cache = false;
  if (values["arxiv-api-url"] !== void 0) {
    options.arxivApiUrl = httpUrl(values["arxiv-api-url"], "--arxiv-api-url");
  }
  if (values["github-api-url"] !== void 0) {
    options.githubApiUrl = httpUrl(values["github-api-url"], "--github-api-url");
  }
  if (values["arxiv-interval"] !== void 0) {
    options.arxivIntervalMs = milliseconds(
      values["arxiv-interval"],
      "--arxiv-interval",
      0
    );
  }
  if (values.timeout !== void 0) {
    options.timeoutMs = milliseconds(values.timeout, "--timeout", 1);
  }
  if (values.budget !== void 0) {
    options.budgetMs = milliseconds(values.budget, "--budget", 1);
  }
  if (values.output !== void 0) options.output = values.output;
  for (const token of tokens) {
    if (token.kind !== "option") continue;
    if (token.name === "color") options.color = true;
    if (token.name === "no-color") options.color = false;
    if (token.name === "rule") {
      for (const [id, level] of ruleLevels(token.value ?? "", knownRules)) {
        options.rules[id] = level;
      }
    }
    if (token.name === "disable") {
      for (const id of ruleIds(token.value ?? "", "--disable", knownRules)) {
        options.rules[id] = "off";
      }
    }
  }
  return options;
}
function checkToken(token) {
  if (!Object.hasOwn(OPTIONS, token.name)) {
    const guess = token.rawName.startsWith("--") ? closestMatch(token.name, Object.keys(OPTIONS)) : void 0;
    const hint = guess ? `, did you mean '--${guess}'?` : "";
    throw new UsageError(
      `unknown option '${token.rawName}'${hint} (see paperlint --help)`
    );
  }
  const spec = OPTIONS[token.name];
  if (spec.type === "boolean" && token.value !== void 0) {
    throw new UsageError(
      `option '${token.rawName}' takes no value (got "${token.value}")`
    );
  }
  const looksLikeOption = !token.inlineValue && token.value !== void 0 && token.value.startsWith("-") && token.value !== "-";
  const missing = token.value === void 0 || looksLikeOption;
  if (spec.type === "string" && missing) {
    throw new UsageError(
      `option '${token.rawName}' needs a value${expected(token.name)}`
    );
  }
  if (spec.type === "string" && token.value === "") {
    throw new UsageError(`option '${token.rawName}' needs a non-empty value`);
  }
}
function expected(name) {
  if (name === "format") return ` (${FORMATS.join(", ")})`;
  if (name === "fail-on") return ` (${FAIL_ON_LEVELS.join(", ")})`;
  if (name === "rule") return " (id or id=severity)";
  return "";
}
function choice(choices, value, option) {
  if (isChoice(choices, value)) return value;
  throw new UsageError(
    `option '${option}' must be one of ${choices.join(", ")} (got "${value}")`
  );
}
function httpUrl(value, option) {
  if (isHttpUrl(value)) return value;
  throw new UsageError(
    `option '${option}' must be an http(s) URL (got "${value}")`
  );
}
function milliseconds(value, option, minimum) {
  const number = /^\d+$/.test(value) ? Number(value) : NaN;
  if (Number.isSafeInteger(number) && number >= minimum) return number;
  const kind = minimum === 0 ? "a non-negative" : "a positive";
  throw new UsageError(
    `option '${option}' must be ${kind} integer of milliseconds (got "${value}")`
  );
}
function ruleLevels(value, knownRules) {
  return splitList(value).map((item) => {
    const [id, severity, ...rest] = item.split("=");
    checkRuleId(id, "--rule", knownRules);
    if (severity === void 0) return [id, "on"];
    if (rest.length > 0 || !isChoice(RULE_SEVERITIES, severity)) {
      throw new UsageError(
        `option '--rule' expects id=severity with severity one of ${RULE_SEVERITIES.join(", ")} (got "${item}")`
      );
    }
    return [id, severity];
  });
}
function ruleIds(value, option, knownRules) {
  const ids = splitList(value);
  for (const id of ids) checkRuleId(id, option, knownRules);
  return ids;
}
function splitList(value) {
  return value.split(",").map((item) => item.trim()).filter((item) => item !== "");
}
function checkRuleId(id, option, knownRules) {
  if (!RULE_ID.test(id)) {
    throw new UsageError(
      `option '${option}' expects a kebab-case rule id (got "${id}")`
    );
  }
  if (knownRules && !knownRules.has(id)) {
    const guess = closestMatch(id, knownRules.keys());
    const hint = guess ? `, did you mean '${guess}'?` : "";
    throw new UsageError(
      `unknown rule '${id}' in option '${option}'${hint} (see paperlint --help)`
    );
  }
}

// src/report/sarif.ts
import { createHash } from "node:crypto";
import { isAbsolute, relative } from "node:path";
import { pathToFileURL } from "node:url";
var RULE_HELP_BASE = "https://github.com/paperlint/paperlint";
var SARIF_SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json";
var SRCROOT = "%SRCROOT%";
var LEVEL = {
  error: "error",
  warning: "warning",
  notice: "note"
};
var PROBLEM_SEVERITY = {
  error: "error",
  warning: "warning",
  notice: "recommendation"
};
var FINGERPRINT_KEY = "paperlintFinding/v1";
function renderSarif(report, rules, options) {
  const ruleIndex = new Map(rules.map((rule, index) => [rule.id, index]));
  const uriOf = (file) => artifactLocation(file, options.root);
  const seen = /* @__PURE__ */ new Map();
  const results = sortFindings(report.findings).map((finding) => {
    const fix = finding.fix;
    const location = uriOf(finding.file);
    const fingerprint = fingerprintOf(finding, location.uri);
    const occurrence = seen.get(fingerprint) ?? 0;
    seen.set(fingerprint, occurrence + 1);
    const index = ruleIndex.get(finding.rule);
    return {
      ruleId: finding.rule,
      ...index === void 0 ? {} : { ruleIndex: index },
      level: LEVEL[finding.severity],
      message: { text: finding.message },
      locations: [
        {
          physicalLocation: {
            artifactLocation: location,
            region: {
              startLine: finding.line,
              startColumn: finding.column,
              endLine: finding.endLine,
              endColumn: finding.endColumn
            }
          }
        }
      ],
      ...finding.related && finding.related.length > 0 ? {
        relatedLocations: finding.related.map((related, id) => ({
          id,
          physicalLocation: {
            artifactLocation: uriOf(related.file),
            region: { startLine: related.line, startColumn: related.column }
          },
          message: { text: related.message }
        }))
      } : {},
      partialFingerprints: { [FINGERPRINT_KEY]: `${fingerprint}:${occurrence}` },
      ...fix ? {
        fixes: [
          {
            description: {
              text: `Replace with \`${fix.replacement}\``
            },
            artifactChanges: [
              {
                artifactLocation: location,
                replacements: [
                  {
                    deletedRegion: {
                      charOffset: fix.range[0],
                      charLength: fix.range[1] - fix.range[0]
                    },
                    insertedContent: { text: fix.replacement }
                  }
                ]
              }
            ]
          }
        ]
      } : {},
      ...finding.url === void 0 ? {} : { properties: { url: finding.url } }
    };
  });
  const log = {
    $schema: SARIF_SCHEMA,
    version: "2.1.0",
    runs: [
      {
        tool: {
          driver: {
            name: "paperlint",
            version: options.toolVersion,
            semanticVersion: options.toolVersion,
            informationUri: options.informationUri ?? RULE_HELP_BASE,
            rules: rules.map(ruleDescriptor)
          }
        },
        ...options.root === void 0 ? {} : {
          originalUriBaseIds: {
            [SRCROOT]: { uri: directoryUri(options.root) }
          }
        },
        columnKind: "utf16CodeUnits",
        results
      }
    ]
  };
  return `${JSON.stringify(log, null, 2)}
`;
}
function ruleDescriptor(rule) {
  return {
    id: rule.id,
    name: pascalCase(rule.id),
    shortDescription: { text: rule.description },
    helpUri: `${RULE_HELP_BASE}#${rule.id}`,
    defaultConfiguration: { level: LEVEL[rule.defaultSeverity] },
    properties: {
      tags: ["paperlint"],
      fixable: rule.fixable,
      "problem.severity": PROBLEM_SEVERITY[rule.defaultSeverity]
    }
  };
}
function artifactLocation(file, root) {
  let path2 = file;
  if (root !== void 0 && isAbsolute(file)) {
    path2 = relative(root, file);
    if (path2 === "" || path2.startsWith("..") || isAbsolute(path2)) {
      return { uri: pathToFileURL(file).href };
    }
  } else if (isAbsolute(file)) {
    return { uri: pathToFileURL(file).href };
  }
  const uri = path2.replace(/\\/g, "/").replace(/^(\.\/)+/, "").split("/").map((segment) => encodeURIComponent(segment)).join("/");
  return { uri, uriBaseId: SRCROOT };
}
function directoryUri(root) {
  const href = pathToFileURL(root).href;
  return href.endsWith("/") ? href : `${href}/`;
}
function fingerprintOf(finding, uri) {
  return createHash("sha256").update(`${finding.rule}\0${uri}\0${finding.message}`).digest("hex").slice(0, 32);
}
function pascalCase(id) {
  return id.split("-").map((part) => part.charAt(0).toUpperCase() + part.slice(1)).join("");
}

// src/report/text.ts
var ANSI = {
  bold: ["\x1B[1m", "\x1B[22m"],
  dim: ["\x1B[2m", "\x1B[22m"],
  underline: ["\x1B[4m", "\x1B[24m"],
  red: ["\x1B[31m", "\x1B[39m"],
  green: ["\x1B[32m", "\x1B[39m"],
  yellow: ["\x1B[33m", "\x1B[39m"],
  cyan: ["\x1B[36m", "\x1B[39m"]
};
var SEVERITY_STYLE = {
  error: "red",
  warning: "yellow",
  notice: "cyan"
};
function renderText(report, options) {
  const paint = (style2, text) => options.color ? `${ANSI[style2][0]}${text}${ANSI[style2][1]}` : text;
  const shown = sortFindings(
    options.quiet ? report.findings.filter((finding) => finding.severity === "error") : report.findings
  );
  const { summary } = report;
  if (shown.length === 0) {
    const what = options.quiet ? "errors" : "problems";
    const line = `No ${what} found in ${plural(summary.files, "file")} (${plural(summary.entries, "entry", "entries")}, ${plural(summary.links, "link")}).`;
    return `${paint("green", line)}
`;
  }
  const lines = [];
  for (const group of groupByFile(shown)) {
    lines.push(paint("underline", paint("bold", sanitize(group[0].file))));
    const lineWidth = Math.max(...group.map((f) => String(f.line).length));
    const columnWidth = Math.max(...group.map((f) => String(f.column).length));
    const severityWidth = Math.max(...group.map((f) => f.severity.length));
    const messageWidth = Math.max(
      ...group.map((f) => sanitize(f.message).length)
    );
    for (const finding of group) {
      const place = String(finding.line).padStart(lineWidth) + ":" + String(finding.column).padEnd(columnWidth);
      const severity = paint(
        SEVERITY_STYLE[finding.severity],
        finding.severity.padEnd(severityWidth)
      );
      const message = sanitize(finding.message).padEnd(messageWidth);
      const rule = paint("dim", finding.rule);
      lines.push(`  ${place}  ${severity}  ${message}  ${rule}`);
    }
    lines.push("");
  }
  const errors = count(shown, "error");
  const warnings = count(shown, "warning");
  const notices = count(shown, "notice");
  const style = errors > 0 ? "red" : warnings > 0 ? "yellow" : "cyan";
  const total = `\u2716 ${plural(shown.length, "problem")} (${plural(errors, "error")}, ${plural(warnings, "warning")}, ${plural(notices, "notice")})`;
  lines.push(paint("bold", paint(style, total)));
  const fixable = shown.filter((finding) => finding.fix !== void 0).length;
  if (fixable > 0) {
    const verb = fixable === 1 ? "is" : "are";
    lines.push(
      paint(
        style,
        `  ${fixable} of them ${verb} fixable with the \`--fix\` option.`
      )
    );
  }
  return `${lines.join("\n")}
`;
}
function groupByFile(findings) {
  const groups = [];
  for (const finding of findings) {
    const last = groups.at(-1);
    if (last && last[0].file === finding.file) last.push(finding);
    else groups.push([finding]);
  }
  return groups;
}
function count(findings, severity) {
  return findings.filter((finding) => finding.severity === severity).length;
}
function plural(n, one, many = `${one}s`) {
  return `${n} ${n === 1 ? one : many}`;
}
function sanitize(text) {
  return text.replace(
    /[\u0000-\u001F\u007F-\u009F]/g,
    (char) => char === "\n" || char === "	" ? " " : "\uFFFD"
  );
}

// src/cli.ts
var RANK = { notice: 0, warning: 1, error: 2 };
async function main(argv, io) {
  const fail = (message) => {
    io.stderr.write(`paperlint: ${message}
`);
    return 2;
  };
  let settings;
  try {
    const cli = parseArgv(argv, KNOWN_RULES);
    if (cli.help) {
      io.stdout.write(HELP_TEXT);
      return 0;
    }
    if (cli.version) {
      io.stdout.write(`${VERSION}
`);
      return 0;
    }
    const loaded = await loadConfig(io.cwd, cli.config, KNOWN_RULES);
    settings = resolveSettings(loaded.config, cli, io.env, loaded.path);
  } catch (error) {
    return fail(messageOf(error));
  }
  const progress = io.stderr.isTTY ? progressLine(io.stderr) : void 0;
  let outcome;
  try {
    outcome = await runPaperlint(settings, {
      cwd: io.cwd,
      version: VERSION,
      warn: (line) => io.stderr.write(`paperlint: warning: ${line}
`),
      onProgress: progress?.update
    });
  } catch (error) {
    return fail(messageOf(error));
  } finally {
    progress?.clear();
  }
  const { result, stats } = outcome;
  const output = render(result.report, settings, io);
  try {
    if (settings.output !== void 0) await writeFile(path.resolve(io.cwd, settings.output), output);
    else io.stdout.write(output);
  } catch (error) {
    return fail(`cannot write ${settings.output}: ${messageOf(error)}`);
  }
  if (!settings.quiet) {
    for (const notice of result.notices) io.stderr.write(`paperlint: ${notice}
`);
    for (const { file, applied } of result.fixed) {
      io.stderr.write(`paperlint: fixed ${applied} problem${applied === 1 ? "" : "s"} in ${file}
`);
    }
    if (stats && !io.stderr.isTTY) io.stderr.write(statsLines(stats));
  }
  for (const error of result.inputErrors) io.stderr.write(`paperlint: ${error.file}: ${error.message}
`);
  if (result.networkDown) {
    return fail("the network is unreachable: every host failed to resolve or connect; use --offline to lint without it");
  }
  if (result.inputErrors.length > 0) return 2;
  return exitCode(result, settings);
}
function exitCode(result, settings) {
  if (settings.failOn === "never") return 0;
  const threshold = RANK[settings.failOn];
  return result.report.findings.some((finding) => RANK[finding.severity] >= threshold) ? 1 : 0;
}
function render(report, settings, io) {
  switch (settings.format) {
    case "json":
      return renderJson(report);
    case "sarif":
      return renderSarif(report, RULES, { toolVersion: VERSION, root: io.cwd });
    case "github":
      return renderWorkflowCommands(report.findings);
    case "text": {
      const toTerminal = settings.output === void 0 && io.stdout.isTTY === true;
      return renderText(report, { color: settings.color ?? toTerminal, quiet: settings.quiet });
    }
  }
}
function statsLines(stats) {
  const names = { arxiv: "arXiv API", github: "GitHub API", urls: "links" };
  let text = "";
  for (const [service, entry] of Object.entries(stats)) {
    if (entry.requests === 0 && entry.cacheHits === 0) continue;
    text += `paperlint: ${names[service]}: ${entry.requests} request${entry.requests === 1 ? "" : "s"}, ${entry.cacheHits} cached, ${entry.retries} retried, ${(entry.waitedMs / 1e3).toFixed(1)} s waited for rate limits
`;
  }
  return text;
}
function progressLine(stream) {
  let last = 0;
  let shown = false;
  return {
    update(progress) {
      const now = Date.now();
      if (now - last < 100) return;
      last = now;
      shown = true;
      const { requests, total } = progress;
      stream.write(
        `\r\x1B[2Kpaperlint: links ${Math.min(requests.urls, total.urls)}/${total.urls} \xB7 arXiv ${requests.arxiv} requests \xB7 GitHub ${requests.github} requests`
      );
    },
    clear() {
      if (shown) stream.write("\r\x1B[2K");
    }
  };
}
function messageOf(error) {
  if (error instanceof Error) return error.message.split("\n")[0] ?? String(error);
  return String(error);
}
if (process.argv[1] && import.meta.url.endsWith("/cli.js")) {
  main(process.argv.slice(2), {
    stdout: process.stdout,
    stderr: process.stderr,
    cwd: process.cwd(),
    env: process.env
  }).then(
    (code) => {
      process.exitCode = code;
    },
    (error) => {
      process.stderr.write(`paperlint: internal error: ${messageOf(error)}
`);
      process.exitCode = 2;
    }
  );
}
export {
  main
};
