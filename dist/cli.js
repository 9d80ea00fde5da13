#!/usr/bin/env node
import {createRequire as __paperlintCreateRequire} from 'node:module';const require = __paperlintCreateRequire(import.meta.url);
import {
  DEFAULT_ARXIV_API_URL,
  DEFAULT_ARXIV_INTERVAL_MS,
  DEFAULT_BUDGET_MS,
  DEFAULT_GITHUB_API_URL,
  DEFAULT_TIMEOUT_MS,
  FAIL_ON_LEVELS,
  FORMATS,
  KNOWN_RULES,
  RULES,
  RULE_SEVERITIES,
  SERVICES,
  SEVERITIES,
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
} from "./chunks/chunk-AU35FKO4.js";

// src/cli.ts
import { writeFile } from "node:fs/promises";
import path2 from "node:path";
import process2 from "node:process";

// src/adapters/cache-dir.ts
import { createHash } from "node:crypto";
import { stat } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
function userCacheDir(options) {
  const { env } = options;
  const platform = options.platform ?? process.platform;
  const home = options.home ?? nonEmpty(env.HOME) ?? nonEmpty(env.USERPROFILE) ?? os.homedir();
  if (platform === "win32") {
    const local = nonEmpty(env.LOCALAPPDATA) ?? path.join(home, "AppData", "Local");
    return path.join(local, "paperlint", "Cache");
  }
  if (platform === "darwin") return path.join(home, "Library", "Caches", "paperlint");
  const xdg = nonEmpty(env.XDG_CACHE_HOME);
  return path.join(xdg !== void 0 && path.isAbsolute(xdg) ? xdg : path.join(home, ".cache"), "paperlint");
}
async function defaultCachePaths(project, options) {
  const modules = path.join(project, "node_modules");
  let folder;
  try {
    folder = (await stat(modules)).isDirectory() ? path.join(modules, ".cache", "paperlint") : userCacheDir(options);
  } catch {
    folder = userCacheDir(options);
  }
  const key = createHash("sha256").update(path.resolve(project)).digest("hex").slice(0, 16);
  return {
    results: path.join(folder, "results.json"),
    documents: path.join(folder, `documents-${key}.json`)
  };
}
function nonEmpty(value) {
  return value === void 0 || value === "" ? void 0 : value;
}

// src/adapters/progress.ts
var SERVICE_NAMES = new Map(
  SERVICES.map((service) => [service.id, service.name])
);
function formatProgress(progress, waiting, bar) {
  const { requests, total } = progress;
  const done = Math.min(requests.urls, total.urls);
  const parts = [];
  if (bar) {
    const cells = 20;
    const filled = total.urls === 0 ? cells : Math.round(done / total.urls * cells);
    parts.push(`[${"#".repeat(filled)}${"-".repeat(cells - filled)}] ${done}/${total.urls} links`);
  } else {
    parts.push(`links ${done}/${total.urls}`);
  }
  parts.push(`arXiv ${plural(requests.arxiv, "request")}`, `GitHub ${plural(requests.github, "request")}`);
  let line = parts.join(" \xB7 ");
  if (waiting && waiting.remainingMs > 0) {
    line += ` \xB7 waiting ${(waiting.remainingMs / 1e3).toFixed(1)} s for ${SERVICE_NAMES.get(waiting.service) ?? waiting.service}`;
  }
  return line;
}
function createProgressReporter(options) {
  const { stream } = options;
  const tty = stream.isTTY === true;
  const now = options.now ?? Date.now;
  let latest;
  const waits = /* @__PURE__ */ new Map();
  let shown = false;
  let lastDraw = -Infinity;
  let timer;
  const waiting = () => {
    let longest;
    const current = now();
    for (const [service, until] of waits) {
      const remainingMs = until - current;
      if (remainingMs > 0 && (!longest || remainingMs > longest.remainingMs)) {
        longest = { service, remainingMs };
      }
    }
    return longest;
  };
  const start = () => {
    if (timer) return;
    timer = setInterval(() => reporter.tick(), tty ? 250 : options.heartbeatMs ?? 15e3);
    timer.unref();
  };
  const reporter = {
    update(progress) {
      latest = { total: { ...progress.total }, requests: { ...progress.requests } };
      start();
      if (tty && now() - lastDraw >= 100) reporter.tick();
    },
    wait(service, ms) {
      const until = now() + ms;
      if ((waits.get(service) ?? 0) < until) waits.set(service, until);
      start();
      if (tty) reporter.tick();
    },
    tick() {
      if (!latest) return;
      const line = formatProgress(latest, waiting(), tty);
      if (tty) {
        const columns = Math.max((stream.columns ?? 80) - 1, 20);
        stream.write(`\r\x1B[2Kpaperlint ${[...line].slice(0, columns - 10).join("")}`);
        shown = true;
        lastDraw = now();
      } else {
        stream.write(`paperlint: ${line}
`);
      }
    },
    stop() {
      if (timer) clearInterval(timer);
      timer = void 0;
      if (shown) stream.write("\r\x1B[2K");
      shown = false;
    }
  };
  return reporter;
}
function plural(n, one) {
  return `${n} ${one}${n === 1 ? "" : "s"}`;
}

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
  notices: { type: "boolean" },
  "min-severity": { type: "string" },
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
Lints README.md when no file is given; a folder means its Markdown files,
and - reads standard input.

Output:
  -f, --format <format>      text, compact, json, sarif or github
                             (default: text; compact is one
                             file:line:col: severity rule message line
                             per finding, for editors and grep)
  -o, --output <file>        Write the report to a file instead of stdout
      --notices              List notices in the text report (default:
                             counted only)
      --min-severity <sev>   List only findings at or above error, warning
                             or notice, in every format
  -q, --quiet                Report errors only, and no notes on stderr
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
      --cache-file <path>    Results cache (default: paperlint/ in
                             node_modules/.cache when there is one, else
                             in the user's cache folder; the extraction
                             cache goes next to it)
      --no-cache             Neither read nor write the cache
      --allow-private-hosts  Allow requests to loopback and private
                             addresses (tests, intranets)

Miscellaneous:
  -h, --help                 Show this help
  -v, --version              Show the version

Settings come from the command line, then the configuration file, then the
environment (GITHUB_TOKEN, GITHUB_API_URL), then the defaults.

Exit codes: 0 no finding at or above --fail-on, 1 findings at or above it,
2 usage, configuration, input or network error (only the error is printed).

Examples:
  paperlint
  paperlint --offline docs/*.md
  paperlint --offline docs/          (the Markdown files of docs/)
  cat list.md | paperlint -          (standard input)
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
    notices: values.notices === true,
    version: values.version === true,
    help: values.help === true
  };
  if (values.format !== void 0) {
    options.format = choice(FORMATS, values.format, "--format");
  }
  if (values["fail-on"] !== void 0) {
    options.failOn = choice(FAIL_ON_LEVELS, values["fail-on"], "--fail-on");
  }
  if (values["min-severity"] !== void 0) {
    options.minSeverity = choice(SEVERITIES, values["min-severity"], "--min-severity");
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
  if (name === "min-severity") return ` (${SEVERITIES.join(", ")})`;
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
import { createHash as createHash2 } from "node:crypto";
import { isAbsolute, relative } from "node:path";
import { pathToFileURL } from "node:url";
var RULE_HELP_BASE = "https://github.com/paperlint/paperlint";
var RULE_DOCS_BASE = `${RULE_HELP_BASE}/blob/main/docs/rules`;
function ruleHelpUri(id) {
  return `${RULE_DOCS_BASE}/${id}.md`;
}
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
    helpUri: ruleHelpUri(rule.id),
    defaultConfiguration: { level: LEVEL[rule.defaultSeverity] },
    properties: {
      tags: ["paperlint"],
      fixable: rule.fixable,
      "problem.severity": PROBLEM_SEVERITY[rule.defaultSeverity]
    }
  };
}
function artifactLocation(file, root) {
  let path3 = file;
  if (root !== void 0 && isAbsolute(file)) {
    path3 = relative(root, file);
    if (path3 === "" || path3.startsWith("..") || isAbsolute(path3)) {
      return { uri: pathToFileURL(file).href };
    }
  } else if (isAbsolute(file)) {
    return { uri: pathToFileURL(file).href };
  }
  const uri = path3.replace(/\\/g, "/").replace(/^(\.\/)+/, "").split("/").map((segment) => encodeURIComponent(segment)).join("/");
  return { uri, uriBaseId: SRCROOT };
}
function directoryUri(root) {
  const href = pathToFileURL(root).href;
  return href.endsWith("/") ? href : `${href}/`;
}
function fingerprintOf(finding, uri) {
  return createHash2("sha256").update(`${finding.rule}\0${uri}\0${finding.message}`).digest("hex").slice(0, 32);
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
var RANK = { notice: 0, warning: 1, error: 2 };
var SEVERITIES2 = ["error", "warning", "notice"];
var SEVERITY_WIDTH = 7;
function renderText(report, options) {
  const paint = (style, text) => options.color ? `${ANSI[style][0]}${text}${ANSI[style][1]}` : text;
  const width = options.width ?? 120;
  const floor = options.quiet ? "error" : options.minSeverity ?? "notice";
  const shown = sortFindings(
    report.findings.filter((finding) => RANK[finding.severity] >= RANK[floor])
  );
  const hidden = options.quiet ? [] : report.findings.filter((finding) => RANK[finding.severity] < RANK[floor]);
  const { summary } = report;
  const lines = [];
  if (shown.length === 0) {
    const what = floor === "error" ? "errors" : floor === "warning" ? "errors or warnings" : "problems";
    lines.push(
      paint(
        "green",
        `No ${what} found in ${plural2(summary.files, "file")} (${plural2(summary.entries, "entry", "entries")}, ${plural2(summary.links, "link")}).`
      )
    );
  }
  for (const group of groupByFile(shown)) {
    lines.push(paint("underline", paint("bold", sanitize(group[0].file))));
    const placeWidth = Math.max(
      ...group.map((f) => `${f.line}:${f.column}`.length)
    );
    const indent = " ".repeat(2 + placeWidth + 2 + SEVERITY_WIDTH + 2);
    for (const finding of group) {
      const place = `${finding.line}:${finding.column}`.padEnd(placeWidth);
      const severity = paint(
        SEVERITY_STYLE[finding.severity],
        finding.severity.padEnd(SEVERITY_WIDTH)
      );
      const words = sanitize(finding.message).split(" ").filter(Boolean);
      wrap(words, width - indent.length).forEach((line, index) => {
        lines.push(index === 0 ? `  ${place}  ${severity}  ${line}` : indent + line);
      });
      const context = placeOf(finding, width - indent.length - finding.rule.length - 3);
      lines.push(
        indent + paint("dim", context === void 0 ? finding.rule : `${finding.rule} \xB7 ${context}`)
      );
    }
    lines.push("");
  }
  if (shown.length > 0) {
    const counts = SEVERITIES2.filter((severity) => count(shown, severity) > 0).map((severity) => plural2(count(shown, severity), severity)).join(", ");
    const style = count(shown, "error") > 0 ? "red" : count(shown, "warning") > 0 ? "yellow" : "cyan";
    lines.push(paint("bold", paint(style, `\u2716 ${plural2(shown.length, "problem")} (${counts})`)));
  }
  if (hidden.length > 0) {
    const counts = SEVERITIES2.filter((severity) => count(hidden, severity) > 0).map((severity) => plural2(count(hidden, severity), severity)).join(", ");
    const how = floor === "warning" && hidden.every((finding) => finding.severity === "notice") ? "--notices" : `--min-severity ${lowest(hidden)}`;
    lines.push(paint("cyan", `+ ${counts} (${how} to list them)`));
  }
  const counted = [...shown, ...hidden];
  if (counted.length > 0 && shown.length > 0) {
    lines.push(...wrap(tally(counted), width - 2).map(
      (line, index) => paint("dim", `${index === 0 ? "  " : "    "}${line}`)
    ));
  }
  const fixable = counted.filter((finding) => finding.fix !== void 0).length;
  if (fixable > 0) {
    const verb = fixable === 1 ? "is" : "are";
    lines.push(`  ${fixable} of them ${verb} fixable with the \`--fix\` option.`);
  }
  return `${lines.join("\n")}
`;
}
function renderCompact(report, minSeverity = "notice") {
  return sortFindings(
    report.findings.filter((finding) => RANK[finding.severity] >= RANK[minSeverity])
  ).map(
    (finding) => `${sanitize(finding.file)}:${finding.line}:${finding.column}: ${finding.severity} ${finding.rule} ${sanitize(finding.message)}
`
  ).join("");
}
function wrap(words, width) {
  const lines = [];
  let current = "";
  for (const word of words) {
    if (current === "") current = word;
    else if (length(current) + 1 + length(word) <= width) current += ` ${word}`;
    else {
      lines.push(current);
      current = word;
    }
  }
  if (current !== "") lines.push(current);
  return lines;
}
function length(text) {
  return [...text].length;
}
function placeOf(finding, width) {
  const section = finding.section?.map(sanitize).join(" \u203A ");
  const title = finding.entry === void 0 ? void 0 : sanitize(finding.entry);
  if (title === void 0 && section === void 0) return void 0;
  const where = section === void 0 ? "" : `in ${section}`;
  if (title === void 0) return cut(where, width);
  const room = width - (where === "" ? 0 : Math.min(length(where), 30) + 1) - 2;
  const quoted = `\u201C${cut(title, Math.max(room, 20))}\u201D`;
  return cut(where === "" ? quoted : `${quoted} ${where}`, width);
}
function cut(text, width) {
  const points = [...text];
  return points.length <= width ? text : `${points.slice(0, width - 1).join("").trimEnd()}\u2026`;
}
function tally(findings) {
  const byRule = /* @__PURE__ */ new Map();
  for (const finding of findings) byRule.set(finding.rule, (byRule.get(finding.rule) ?? 0) + 1);
  const sorted = [...byRule].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));
  return ["By", "rule:", ...sorted.map(([rule, n], index) => `${rule} ${n}${index < sorted.length - 1 ? "," : ""}`)];
}
function lowest(findings) {
  return findings.some((finding) => finding.severity === "notice") ? "notice" : "warning";
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
function plural2(n, one, many = `${one}s`) {
  return `${n} ${n === 1 ? one : many}`;
}
function sanitize(text) {
  return text.replace(
    /[\u0000-\u001F\u007F-\u009F]/g,
    (char) => char === "\n" || char === "	" ? " " : "\uFFFD"
  );
}

// src/cli.ts
var RANK2 = { notice: 0, warning: 1, error: 2 };
async function main(argv, io) {
  const fail = (message) => {
    io.stderr.write(`paperlint: ${message}
`);
    return 2;
  };
  let cli;
  let settings;
  let cachePaths;
  let stdin;
  try {
    cli = parseArgv(argv, KNOWN_RULES);
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
    if (cli.cacheFile === void 0 && loaded.config.cache?.file === void 0) {
      cachePaths = await defaultCachePaths(io.cwd, { env: io.env });
    }
    if (settings.files.includes("-")) {
      if (settings.fix) return fail("--fix cannot rewrite standard input (-); name the file instead");
      if (!io.stdin) return fail("standard input (-) is not available");
      stdin = await readStdin(io.stdin, settings.maxFileBytes);
    }
  } catch (error) {
    return fail(messageOf(error));
  }
  const progress = settings.quiet || settings.offline ? void 0 : createProgressReporter({ stream: io.stderr, heartbeatMs: io.heartbeatMs });
  const warnings = [];
  let outcome;
  try {
    outcome = await runPaperlint(settings, {
      cwd: io.cwd,
      version: VERSION,
      // Held until the run ends: a warning must not tear the progress line
      warn: (line) => warnings.push(line),
      onProgress: progress?.update,
      onWait: progress?.wait,
      cachePaths,
      stdin,
      // Exit 2 prints only the error: no need to wait for the network first
      skipNetworkOnInputError: true
    });
  } catch (error) {
    progress?.stop();
    return fail(messageOf(error));
  }
  progress?.stop();
  const { result, stats } = outcome;
  if (result.networkDown) {
    return fail("the network is unreachable: every host failed to resolve or connect; use --offline to lint without it");
  }
  if (result.inputErrors.length > 0) {
    for (const error of result.inputErrors) io.stderr.write(`paperlint: ${error.file}: ${error.message}
`);
    return 2;
  }
  for (const line of warnings) io.stderr.write(`paperlint: warning: ${line}
`);
  const output = render(result.report, settings, cli, io);
  try {
    if (settings.output !== void 0) await writeFile(path2.resolve(io.cwd, settings.output), output);
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
  return exitCode(result, settings);
}
async function readStdin(stream, maxBytes) {
  const chunks = [];
  let length2 = 0;
  for await (const chunk of stream) {
    const buffer = typeof chunk === "string" ? Buffer.from(chunk) : Buffer.from(chunk);
    chunks.push(buffer);
    length2 += buffer.length;
    if (length2 > maxBytes) throw new Error(`standard input is larger than the ${maxBytes} bytes limit`);
  }
  const bytes = Buffer.concat(chunks, length2);
  if (bytes.subarray(0, 8192).includes(0)) throw new Error("standard input is binary, not Markdown");
  try {
    return new TextDecoder("utf-8", { fatal: true, ignoreBOM: true }).decode(bytes);
  } catch {
    throw new Error("standard input is not valid UTF-8 text");
  }
}
function exitCode(result, settings) {
  if (settings.failOn === "never") return 0;
  const threshold = RANK2[settings.failOn];
  return result.report.findings.some((finding) => RANK2[finding.severity] >= threshold) ? 1 : 0;
}
function render(report, settings, cli, io) {
  const floor = settings.quiet ? "error" : cli.minSeverity ?? "notice";
  const listed = floor === "notice" ? report : { ...report, findings: report.findings.filter((finding) => RANK2[finding.severity] >= RANK2[floor]) };
  switch (settings.format) {
    case "json":
      return renderJson(listed);
    case "sarif":
      return renderSarif(listed, RULES, { toolVersion: VERSION, root: io.cwd });
    case "github":
      return renderWorkflowCommands(listed.findings);
    case "compact":
      return renderCompact(listed);
    case "text": {
      const toTerminal = settings.output === void 0 && io.stdout.isTTY === true;
      return renderText(report, {
        color: settings.color ?? toTerminal,
        quiet: settings.quiet,
        // Notices are counted, not listed, unless asked for
        minSeverity: cli.minSeverity ?? (cli.notices ? "notice" : "warning")
      });
    }
  }
}
function statsLines(stats) {
  let text = "";
  for (const service of SERVICES) {
    const entry = stats[service.id];
    if (entry.requests === 0 && entry.cacheHits === 0) continue;
    text += `paperlint: ${service.name}: ${entry.requests} request${entry.requests === 1 ? "" : "s"}, ${entry.cacheHits} cached, ${entry.retries} retried, ${(entry.waitedMs / 1e3).toFixed(1)} s waited for rate limits
`;
  }
  return text;
}
function messageOf(error) {
  if (error instanceof Error) return error.message.split("\n")[0] ?? String(error);
  return String(error);
}
if (process2.argv[1] && import.meta.url.endsWith("/cli.js")) {
  process2.stdout.on("error", (error) => {
    if (error.code === "EPIPE") process2.exit(process2.exitCode ?? 0);
    throw error;
  });
  main(process2.argv.slice(2), {
    stdout: process2.stdout,
    stderr: process2.stderr,
    stdin: process2.stdin,
    cwd: process2.cwd(),
    env: process2.env
  }).then(
    (code) => {
      process2.exitCode = code;
    },
    (error) => {
      process2.stderr.write(`paperlint: internal error: ${messageOf(error)}
`);
      process2.exitCode = 2;
    }
  );
}
export {
  main
};
//# sourceMappingURL=cli.js.map
