// `npm run corpus`: measures trimsafe against the labelled corpus in test/corpus/. Each case (a
// folder with case.toml, or a single .jl file) is checked exactly as `trimsafe --check <case>` does
// (runCheck, default config, reachability, includes), and every finding at error or warning level is
// matched against the `# label:` comments by file and line. Prints precision and recall per rule
// and overall, error-level findings on trim-safe code, and every miss and false alarm.
// `--write` also writes test/corpus/metrics.json; `--check` exits 1 when a figure is below
// test/corpus/thresholds.json; `--json` prints the metrics as JSON; `--suggest-thresholds` prints
// floors just below the measured figures.

import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, sep } from 'node:path';
import { parse as parseToml } from 'smol-toml';
import { Finding, SEVERITY_RANK } from '../analysis/finding';
import { getBackend } from '../grammar-bindings';
import { runCheck } from '../server/check';

export type LabelClass = 'error' | 'warning' | 'info' | 'none';

export interface Label {
  /** Absolute path of the labelled file. */
  file: string;
  /** 1-based line the label applies to. */
  line: number;
  cls: LabelClass;
  /** Acceptable codes (`TRIM201|TRIM203`); empty: any code. */
  codes: string[];
  /** Labels of one case sharing a `~name` are one expectation that any of their lines satisfies. */
  group: string | null;
}

export interface CorpusCase {
  /** Absolute path of the case (a folder or a .jl file). */
  path: string;
  /** Path relative to the corpus root, with `/`. */
  id: string;
  /** Under `safe/`: must produce no error-level finding (and, unlabelled, no warning). */
  trimSafe: boolean;
  /** `H01`.. from a `hazards/H01-...` folder, else null. */
  hazard: string | null;
  labels: Label[];
  /** Label comments that could not be read. */
  badLabels: string[];
}

export interface Miss {
  case: string;
  /** `file:line` of the (first) labelled line. */
  at: string;
  expected: string;
  /** What trimsafe reported on those lines at any level (info and hint included). */
  got: string;
  rule: string;
  hazard: string | null;
}

export interface FalseAlarm {
  case: string;
  at: string;
  /** `none` when a do-not-flag label was on the line, `unlabelled` otherwise. */
  expected: string;
  got: string;
  rule: string;
  severity: 'error' | 'warning';
  message: string;
  hazard: string | null;
}

export interface RuleFigures {
  truePositives: number;
  falsePositives: number;
  expected: number;
  found: number;
  /** null when the rule reported nothing (or nothing was expected of it). */
  precision: number | null;
  recall: number | null;
}

export interface CorpusMetrics {
  cases: number;
  trimSafeCases: number;
  /** Expectations (error/warning labels, a group counting once). */
  expectations: number;
  /** Do-not-flag (`none`) labels. */
  doNotFlagLabels: number;
  truePositives: number;
  falsePositives: number;
  falseNegatives: number;
  precision: number;
  recall: number;
  /** Error-level findings in trim-safe cases (must be 0). */
  trimSafeErrors: number;
  /** Warning-level findings in trim-safe cases. */
  trimSafeWarnings: number;
  perRule: Record<string, RuleFigures>;
  /** Recall per hazard folder (H01..H33), and per other top-level folder. */
  perHazard: Record<string, { expected: number; found: number; recall: number | null }>;
  misses: Miss[];
  falseAlarms: FalseAlarm[];
  /** Found, but at another level than labelled (`error` label, warning finding, or the reverse). */
  severityMismatches: Array<{ case: string; at: string; expected: string; got: string }>;
  /** `info` labels: real behaviour changes expected below warning; found at any level / total. */
  infoLabels: { total: number; found: number };
  /** Files trimsafe could not check, and unreadable labels. */
  problems: string[];
}

export interface Thresholds {
  precision: number;
  recall: number;
  maxTrimSafeErrors: number;
  minCases?: number;
  rules?: Record<string, { precision?: number; recall?: number }>;
}

const LABEL_RE = /#\s*label(-next)?:\s*(.*)$/;
const CODE_RE = /^TRIM\d{3}$/;
const CLASSES = new Set<LabelClass>(['error', 'warning', 'info', 'none']);

/** Parses the `# label:` comments of one file. */
export function parseLabels(file: string, text: string): { labels: Label[]; bad: string[] } {
  const labels: Label[] = [];
  const bad: string[] = [];
  text.split(/\r?\n/).forEach((lineText, i) => {
    const m = LABEL_RE.exec(lineText);
    if (!m) return;
    const line = m[1] ? i + 2 : i + 1;
    for (const part of m[2].split(',')) {
      const tokens = part.trim().split(/\s+/).filter(Boolean);
      if (tokens.length === 0) continue;
      let cls: LabelClass | null = null;
      let codes: string[] = [];
      let group: string | null = null;
      let ok = true;
      for (const t of tokens) {
        if (CLASSES.has(t as LabelClass) && !cls) cls = t as LabelClass;
        else if (t.startsWith('~') && t.length > 1 && !group) group = t.slice(1);
        else if (t.split('|').every((c) => CODE_RE.test(c)) && codes.length === 0) codes = t.split('|');
        else ok = false;
      }
      if (!ok || !cls) {
        bad.push(`${file}:${i + 1}: cannot read label "${part.trim()}"`);
        continue;
      }
      labels.push({ file, line, cls, codes, group });
    }
  });
  return { labels, bad };
}

function jlFilesUnder(dir: string): string[] {
  const out: string[] = [];
  const visit = (d: string) => {
    for (const name of readdirSync(d).sort()) {
      const p = join(d, name);
      if (statSync(p).isDirectory()) visit(p);
      else if (name.endsWith('.jl')) out.push(p);
    }
  };
  visit(dir);
  return out;
}

/** Every case under `root`: folders holding case.toml, and .jl files outside such folders. */
export function discoverCases(root: string): CorpusCase[] {
  const cases: CorpusCase[] = [];
  const make = (path: string, files: string[]): CorpusCase => {
    const id = relative(root, path).split(sep).join('/');
    const hazard = /^hazards\/(H\d\d)/.exec(id)?.[1] ?? null;
    const labels: Label[] = [];
    const badLabels: string[] = [];
    for (const f of files) {
      const parsed = parseLabels(f, readFileSync(f, 'utf8'));
      labels.push(...parsed.labels);
      badLabels.push(...parsed.bad);
    }
    return { path, id, trimSafe: id.startsWith('safe/'), hazard, labels, badLabels };
  };
  const visit = (dir: string) => {
    for (const name of readdirSync(dir).sort()) {
      const p = join(dir, name);
      if (statSync(p).isDirectory()) {
        if (existsSync(join(p, 'case.toml'))) {
          parseToml(readFileSync(join(p, 'case.toml'), 'utf8'));
          cases.push(make(p, jlFilesUnder(p)));
        } else visit(p);
      } else if (name.endsWith('.jl')) cases.push(make(p, [p]));
    }
  };
  visit(root);
  return cases;
}

interface Expectation {
  cls: 'error' | 'warning' | 'info';
  codes: string[];
  at: Array<{ file: string; line: number }>;
  hit: string | null;
  hitSeverities: Set<string>;
}

function expectationsOf(labels: Label[]): Expectation[] {
  const out: Expectation[] = [];
  const byGroup = new Map<string, Expectation>();
  for (const l of labels) {
    if (l.cls === 'none') continue;
    const key = l.group;
    const existing = key ? byGroup.get(key) : undefined;
    if (existing) {
      existing.at.push({ file: l.file, line: l.line });
      // A label without codes in a group accepts any code for the whole group.
      if (l.codes.length === 0 || existing.codes.length === 0) existing.codes = [];
      else for (const c of l.codes) if (!existing.codes.includes(c)) existing.codes.push(c);
      continue;
    }
    const e: Expectation = { cls: l.cls, codes: [...l.codes], at: [{ file: l.file, line: l.line }], hit: null, hitSeverities: new Set() };
    out.push(e);
    if (key) byGroup.set(key, e);
  }
  return out;
}

const describeCodes = (codes: string[]) => (codes.length ? codes.join('|') : 'any code');
const fmtAt = (root: string, file: string, line: number) => `${relative(root, file).split(sep).join('/')}:${line}`;

export interface EvaluateOptions {
  /** Called after each case, for progress output. */
  onCase?: (c: CorpusCase) => void;
}

/** Checks every case and matches findings against labels. */
export async function evaluateCorpus(root: string, options: EvaluateOptions = {}): Promise<CorpusMetrics> {
  const cases = discoverCases(root);
  const misses: Miss[] = [];
  const falseAlarms: FalseAlarm[] = [];
  const severityMismatches: CorpusMetrics['severityMismatches'] = [];
  const problems: string[] = [];
  const perRule = new Map<string, RuleFigures>();
  const rule = (code: string) => {
    let r = perRule.get(code);
    if (!r) perRule.set(code, (r = { truePositives: 0, falsePositives: 0, expected: 0, found: 0, precision: null, recall: null }));
    return r;
  };
  const perHazard = new Map<string, { expected: number; found: number; recall: number | null }>();
  let expectationsTotal = 0;
  let tp = 0;
  let fp = 0;
  let fn = 0;
  let doNotFlag = 0;
  let safeErrors = 0;
  let safeWarnings = 0;
  let infoTotal = 0;
  let infoFound = 0;

  for (const c of cases) {
    problems.push(...c.badLabels);
    const { findings, notices } = await runCheck({ paths: [c.path], cwd: root });
    for (const n of notices) if (n.level === 'error') problems.push(`${relative(root, n.path)}: ${n.message}`);
    const expectations = expectationsOf(c.labels);
    doNotFlag += c.labels.filter((l) => l.cls === 'none').length;

    // One unit per (file, line, code): several findings of one rule on one line count once.
    const units = new Map<string, Finding>();
    for (const f of findings) {
      if (SEVERITY_RANK[f.severity] < SEVERITY_RANK.warning) continue;
      const key = `${f.path}\0${f.range.start.line + 1}\0${f.code}`;
      const prev = units.get(key);
      if (!prev || SEVERITY_RANK[f.severity] > SEVERITY_RANK[prev.severity]) units.set(key, f);
    }
    const allOnLine = (file: string, line: number) =>
      findings.filter((f) => f.path === file && f.range.start.line + 1 === line).map((f) => `${f.code} ${f.severity}`);
    const matches = (e: Expectation, f: Finding) =>
      (e.codes.length === 0 || e.codes.includes(f.code)) && e.at.some((a) => a.file === f.path && a.line === f.range.start.line + 1);

    for (const f of units.values()) {
      const line = f.range.start.line + 1;
      const sev = f.severity as 'error' | 'warning';
      if (c.trimSafe && sev === 'error') safeErrors++;
      if (c.trimSafe && sev === 'warning') safeWarnings++;
      const positive = expectations.find((e) => e.cls !== 'info' && matches(e, f));
      if (positive) {
        tp++;
        rule(f.code).truePositives++;
        if (!positive.hit) positive.hit = f.code;
        positive.hitSeverities.add(sev);
        continue;
      }
      const info = expectations.find((e) => e.cls === 'info' && matches(e, f));
      if (info) {
        if (!info.hit) info.hit = f.code;
        info.hitSeverities.add(sev);
        continue;
      }
      fp++;
      rule(f.code).falsePositives++;
      const trap = c.labels.some((l) => l.cls === 'none' && l.file === f.path && l.line === line);
      falseAlarms.push({
        case: c.id,
        at: fmtAt(root, f.path, line),
        expected: trap ? 'none (do-not-flag)' : 'nothing (unlabelled line)',
        got: `${f.code} ${sev}`,
        rule: f.code,
        severity: sev,
        message: f.message.split('\n')[0],
        hazard: c.hazard,
      });
    }

    for (const e of expectations) {
      if (e.cls === 'info') {
        infoTotal++;
        const anyLevel = findings.some((f) => (e.codes.length === 0 || e.codes.includes(f.code)) && e.at.some((a) => a.file === f.path && a.line === f.range.start.line + 1));
        if (anyLevel) infoFound++;
        continue;
      }
      expectationsTotal++;
      const code = e.hit ?? e.codes[0] ?? '(any code)';
      rule(code).expected++;
      const hz = c.hazard ?? c.id.split('/')[0];
      const h = perHazard.get(hz) ?? { expected: 0, found: 0, recall: null };
      h.expected++;
      if (e.hit) {
        rule(code).found++;
        h.found++;
        if (!e.hitSeverities.has(e.cls)) {
          severityMismatches.push({ case: c.id, at: fmtAt(root, e.at[0].file, e.at[0].line), expected: `${describeCodes(e.codes)} ${e.cls}`, got: `${e.hit} ${[...e.hitSeverities].join('/')}` });
        }
      } else {
        fn++;
        const got = e.at.flatMap((a) => allOnLine(a.file, a.line));
        misses.push({
          case: c.id,
          at: e.at.map((a) => fmtAt(root, a.file, a.line)).join(' or '),
          expected: `${describeCodes(e.codes)} ${e.cls}`,
          got: got.length ? got.join(', ') : 'nothing',
          rule: code,
          hazard: c.hazard,
        });
      }
      perHazard.set(hz, h);
    }
    options.onCase?.(c);
  }

  const ratio = (a: number, b: number) => (b === 0 ? null : a / b);
  const rules: Record<string, RuleFigures> = {};
  for (const code of [...perRule.keys()].sort()) {
    const r = perRule.get(code)!;
    r.precision = ratio(r.truePositives, r.truePositives + r.falsePositives);
    r.recall = ratio(r.found, r.expected);
    rules[code] = r;
  }
  const hazards: CorpusMetrics['perHazard'] = {};
  for (const hz of [...perHazard.keys()].sort()) {
    const h = perHazard.get(hz)!;
    hazards[hz] = { ...h, recall: ratio(h.found, h.expected) };
  }
  return {
    cases: cases.length,
    trimSafeCases: cases.filter((c) => c.trimSafe).length,
    expectations: expectationsTotal,
    doNotFlagLabels: doNotFlag,
    truePositives: tp,
    falsePositives: fp,
    falseNegatives: fn,
    precision: ratio(tp, tp + fp) ?? 1,
    recall: ratio(expectationsTotal - fn, expectationsTotal) ?? 1,
    trimSafeErrors: safeErrors,
    trimSafeWarnings: safeWarnings,
    perRule: rules,
    perHazard: hazards,
    misses,
    falseAlarms,
    severityMismatches,
    infoLabels: { total: infoTotal, found: infoFound },
    problems,
  };
}

/** Every figure below its checked-in floor, as sentences; empty when all hold. */
export function thresholdFailures(m: CorpusMetrics, t: Thresholds): string[] {
  const out: string[] = [];
  const fmt = (x: number) => x.toFixed(4);
  if (m.precision < t.precision) out.push(`overall precision ${fmt(m.precision)} < ${t.precision}`);
  if (m.recall < t.recall) out.push(`overall recall ${fmt(m.recall)} < ${t.recall}`);
  if (m.trimSafeErrors > t.maxTrimSafeErrors) out.push(`${m.trimSafeErrors} error-level findings on trim-safe code > ${t.maxTrimSafeErrors}`);
  if (t.minCases !== undefined && m.cases < t.minCases) out.push(`${m.cases} cases < ${t.minCases}`);
  if (m.problems.length > 0) out.push(`corpus problems: ${m.problems.join('; ')}`);
  for (const [code, floor] of Object.entries(t.rules ?? {})) {
    const r = m.perRule[code];
    if (floor.precision !== undefined && r?.precision != null && r.precision < floor.precision) out.push(`${code} precision ${fmt(r.precision)} < ${floor.precision}`);
    if (floor.recall !== undefined && (r?.recall ?? 0) < floor.recall) out.push(`${code} recall ${fmt(r?.recall ?? 0)} < ${floor.recall}`);
  }
  return out;
}

function pct(x: number | null): string {
  return x === null ? '   -  ' : `${(100 * x).toFixed(1).padStart(5)}%`;
}

/** The human-readable report `npm run corpus` prints. */
export function formatReport(m: CorpusMetrics): string {
  const lines: string[] = [];
  lines.push(`trimsafe corpus: ${m.cases} cases (${m.trimSafeCases} trim-safe), ${m.expectations} expected findings, ${m.doNotFlagLabels} do-not-flag labels`);
  lines.push('');
  lines.push('rule      precision  recall   TP  FP  expected  found');
  for (const [code, r] of Object.entries(m.perRule)) {
    lines.push(`${code.padEnd(9)} ${pct(r.precision)}    ${pct(r.recall)}  ${String(r.truePositives).padStart(3)} ${String(r.falsePositives).padStart(3)}  ${String(r.expected).padStart(8)}  ${String(r.found).padStart(5)}`);
  }
  lines.push('');
  lines.push('recall by hazard: ' + Object.entries(m.perHazard).map(([h, v]) => `${h} ${v.found}/${v.expected}`).join(', '));
  lines.push('');
  lines.push(`overall precision ${pct(m.precision).trim()} (${m.truePositives} TP, ${m.falsePositives} FP)`);
  lines.push(`overall recall    ${pct(m.recall).trim()} (${m.expectations - m.falseNegatives} of ${m.expectations})`);
  lines.push(`error-level findings on trim-safe cases: ${m.trimSafeErrors} (warnings: ${m.trimSafeWarnings})`);
  lines.push(`info-level behaviour changes found: ${m.infoLabels.found} of ${m.infoLabels.total}`);
  const group = <T extends { rule: string }>(items: T[]) => {
    const by = new Map<string, T[]>();
    for (const it of items) by.set(it.rule, [...(by.get(it.rule) ?? []), it]);
    return [...by.entries()].sort(([a], [b]) => (a < b ? -1 : 1));
  };
  lines.push('');
  lines.push(`misses (${m.misses.length}):`);
  for (const [code, items] of group(m.misses)) {
    lines.push(`  ${code}`);
    for (const x of items) lines.push(`    ${x.at}  expected ${x.expected}, got ${x.got}`);
  }
  lines.push(`false alarms (${m.falseAlarms.length}):`);
  for (const [code, items] of group(m.falseAlarms)) {
    lines.push(`  ${code}`);
    for (const x of items) lines.push(`    ${x.at}  expected ${x.expected}, got ${x.got}: ${x.message}`);
  }
  if (m.severityMismatches.length > 0) {
    lines.push(`found at another level than labelled (${m.severityMismatches.length}):`);
    for (const x of m.severityMismatches) lines.push(`    ${x.at}  expected ${x.expected}, got ${x.got}`);
  }
  if (m.problems.length > 0) {
    lines.push(`problems (${m.problems.length}):`);
    for (const p of m.problems) lines.push(`    ${p}`);
  }
  return lines.join('\n') + '\n';
}

/** Floors just below the measured figures (rounded down to 0.01), for thresholds.json. */
export function suggestThresholds(m: CorpusMetrics): Thresholds {
  const floor = (x: number) => Math.max(0, Math.floor(x * 100 - 1e-9) / 100);
  const rules: NonNullable<Thresholds['rules']> = {};
  for (const [code, r] of Object.entries(m.perRule)) {
    if (!CODE_RE.test(code)) continue;
    const entry: { precision?: number; recall?: number } = {};
    if (r.precision !== null) entry.precision = floor(r.precision);
    if (r.recall !== null) entry.recall = floor(r.recall);
    rules[code] = entry;
  }
  return { precision: floor(m.precision), recall: floor(m.recall), maxTrimSafeErrors: 0, minCases: m.cases, rules };
}

/** The repository root: the nearest directory above `from` holding package.json. */
export function repoRoot(from: string = __dirname): string {
  let dir = from;
  while (!existsSync(join(dir, 'package.json'))) {
    const up = dirname(dir);
    if (up === dir) throw new Error(`no package.json above ${from}`);
    dir = up;
  }
  return dir;
}

export function corpusDir(): string {
  return join(repoRoot(), 'test', 'corpus');
}

export function readThresholds(dir: string = corpusDir()): Thresholds {
  return JSON.parse(readFileSync(join(dir, 'thresholds.json'), 'utf8')) as Thresholds;
}

async function main(argv: string[]): Promise<number> {
  const dir = corpusDir();
  const started = performance.now();
  const metrics = await evaluateCorpus(dir);
  const seconds = (performance.now() - started) / 1000;
  if (argv.includes('--json')) process.stdout.write(JSON.stringify(metrics, null, 2) + '\n');
  else {
    process.stdout.write(formatReport(metrics));
    process.stdout.write(`(${(await getBackend()).name} parser, ${seconds.toFixed(1)} s)\n`);
  }
  if (argv.includes('--write')) {
    writeFileSync(join(dir, 'metrics.json'), JSON.stringify(metrics, null, 2) + '\n');
    process.stdout.write(`wrote ${relative(process.cwd(), join(dir, 'metrics.json'))}\n`);
  }
  if (argv.includes('--suggest-thresholds')) process.stdout.write(JSON.stringify(suggestThresholds(metrics), null, 2) + '\n');
  if (argv.includes('--check')) {
    const failures = thresholdFailures(metrics, readThresholds(dir));
    for (const f of failures) process.stdout.write(`below threshold: ${f}\n`);
    return failures.length > 0 ? 1 : 0;
  }
  return 0;
}

if (require.main === module) {
  main(process.argv.slice(2)).then(
    (code) => process.exit(code),
    (err) => {
      process.stderr.write(`${err instanceof Error ? err.stack : err}\n`);
      process.exit(2);
    },
  );
}
