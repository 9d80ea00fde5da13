#!/usr/bin/env node
import {createRequire as __paperlintCreateRequire} from 'node:module';const require = __paperlintCreateRequire(import.meta.url);
import {
  HELP_TEXT,
  KNOWN_RULES,
  RULES,
  SERVICES,
  VERSION,
  errorMessage,
  loadConfig,
  parseArgv,
  renderJson,
  renderSarif,
  renderWorkflowCommands,
  resolveSettings,
  runPaperlint,
  sortFindings
} from "./chunks/chunk-UJB7CGJW.js";
import "./chunks/chunk-WU6OEDVS.js";

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
var SERVICE_NAMES = new Map(SERVICES.map((service) => [service.id, service.name]));
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
var SEVERITIES = ["error", "warning", "notice"];
var SEVERITY_WIDTH = 7;
function renderText(report, options) {
  const paint = (style, text) => options.color ? `${ANSI[style][0]}${text}${ANSI[style][1]}` : text;
  const width = options.width ?? 120;
  const floor = options.quiet ? "error" : options.minSeverity ?? "notice";
  const shown = sortFindings(report.findings.filter((finding) => RANK[finding.severity] >= RANK[floor]));
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
    const placeWidth = Math.max(...group.map((f) => `${f.line}:${f.column}`.length));
    const indent = " ".repeat(2 + placeWidth + 2 + SEVERITY_WIDTH + 2);
    for (const finding of group) {
      const place = `${finding.line}:${finding.column}`.padEnd(placeWidth);
      const severity = paint(SEVERITY_STYLE[finding.severity], finding.severity.padEnd(SEVERITY_WIDTH));
      const words = sanitize(finding.message).split(" ").filter(Boolean);
      wrap(words, width - indent.length).forEach((line, index) => {
        lines.push(index === 0 ? `  ${place}  ${severity}  ${line}` : indent + line);
      });
      const context = placeOf(finding, width - indent.length - finding.rule.length - 3);
      lines.push(indent + paint("dim", context === void 0 ? finding.rule : `${finding.rule} \xB7 ${context}`));
    }
    lines.push("");
  }
  if (shown.length > 0) {
    const counts = SEVERITIES.filter((severity) => count(shown, severity) > 0).map((severity) => plural2(count(shown, severity), severity)).join(", ");
    const style = count(shown, "error") > 0 ? "red" : count(shown, "warning") > 0 ? "yellow" : "cyan";
    lines.push(paint("bold", paint(style, `\u2716 ${plural2(shown.length, "problem")} (${counts})`)));
  }
  if (hidden.length > 0) {
    const counts = SEVERITIES.filter((severity) => count(hidden, severity) > 0).map((severity) => plural2(count(hidden, severity), severity)).join(", ");
    const how = floor === "warning" && hidden.every((finding) => finding.severity === "notice") ? "--notices" : `--min-severity ${lowest(hidden)}`;
    lines.push(paint("cyan", `+ ${counts} (${how} to list them)`));
  }
  const counted = [...shown, ...hidden];
  if (counted.length > 0 && shown.length > 0) {
    lines.push(
      ...wrap(tally(counted), width - 2).map((line, index) => paint("dim", `${index === 0 ? "  " : "    "}${line}`))
    );
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
  return sortFindings(report.findings.filter((finding) => RANK[finding.severity] >= RANK[minSeverity])).map(
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
  return text.replace(/[\u0000-\u001F\u007F-\u009F]/g, (char) => char === "\n" || char === "	" ? " " : "\uFFFD");
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
    return fail(errorMessage(error));
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
    return fail(errorMessage(error));
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
    return fail(`cannot write ${settings.output}: ${errorMessage(error)}`);
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
      process2.stderr.write(`paperlint: internal error: ${errorMessage(error)}
`);
      process2.exitCode = 2;
    }
  );
}
export {
  main
};
//# sourceMappingURL=cli.js.map
