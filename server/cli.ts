// The command line: `trimsafe --check [PATH...]`, `trimsafe rules`, `trimsafe rule CODE`.
// Exit codes: 0 nothing at or above --fail-on, 1 findings (or files that could not be checked),
// 2 usage, config or internal errors.

import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Finding, Severity } from '../analysis/finding';
import { CATEGORY_TITLES, JuliaVersion } from '../rules/rule';
import type { CheckResult } from './check';
import { ConfigError, JULIA_VERSIONS } from './config';
import { parseJobs, resolveJobs } from './parallel';
import type { Report } from './format/common';
import type { BaselineOutcome } from './baseline';

// Modules only some commands and options need are required when used, so `--version` and a plain
// check do not load every output format, the fixer, baselines, init and the verifier-log reader.
const lazy = {
  check: () => import('./check'),
  metas: () => import('../rules/all-metas'),
  docs: () => import('../rules/docs'),
  fix: () => import('./fix'),
  common: () => import('./format/common'),
  baseline: () => import('./baseline'),
  init: () => import('./init'),
  verifierLog: () => import('./verifier-log-command'),
  verifierMeta: () => import('../rules/verifier-log-findings'),
};

async function format(name: OutputFormat, report: Report, verifierLog: boolean, color: boolean, quiet: boolean): Promise<string> {
  switch (name) {
    case 'json':
      return (await import('./format/json')).formatJson(report);
    case 'sarif':
      return (await import('./format/sarif')).formatSarif(report, verifierLog ? [...(await lazy.verifierMeta()).VERIFIER_RULE_META] : []);
    case 'github':
      return (await import('./format/github')).formatGithub(report);
    case 'gitlab':
      return (await import('./format/gitlab')).formatGitlab(report);
    default:
      return (await import('./format/text')).formatText(report, { color, quiet });
  }
}

export const VERSION: string = (() => {
  try {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    return (require('../../package.json') as { version: string }).version;
  } catch {
    return '0.0.0';
  }
})();

export class UsageError extends Error {}

export type OutputFormat = 'text' | 'json' | 'sarif' | 'github' | 'gitlab';

export interface CliOptions {
  command: 'check' | 'rules' | 'rule' | 'help' | 'version' | 'server' | 'init';
  paths: string[];
  format: OutputFormat;
  failOn: Severity | 'none' | null;
  fix: boolean;
  unsafeFixes: boolean;
  diff: boolean;
  configPath: string | null;
  julia: JuliaVersion | null;
  forceExclude: boolean;
  select: string[];
  ignore: string[];
  color: boolean | null;
  quiet: boolean;
  verbose: boolean;
  statistics: boolean;
  outputFile: string | null;
  ruleKey: string | null;
  /** --jobs: threads to parse with; null: TRIMSAFE_JOBS or the number of cores. */
  jobs: number | null;
  /** --verifier-log FILE: report a juliac --trim build log's verifier items on the project's lines. */
  verifierLog: string | null;
  /** Adoption: --baseline PATH, --update-baseline, --add-ignore; --force for init. */
  baseline: string | null;
  updateBaseline: boolean;
  addIgnore: boolean;
  force: boolean;
  /** Arguments left for commands handled elsewhere (the language server). */
  rest: string[];
}

const HELP = `trimsafe: finds the lines of Julia code that break a juliac --trim build.

Usage:
  trimsafe --check [PATH...]     check files and directories (default: .)
  trimsafe --verifier-log FILE [PATH...]
                                 put each trim verifier item of a juliac build log
                                 (FILE, or - for stdin) on the project line behind it
  trimsafe rules [--format json] list the rules
  trimsafe rule CODE             show one rule's documentation
  trimsafe init [DIR] [--force]  write a commented starter .trimsafe.toml (never overwrites
                                 an existing one without --force)
  trimsafe --stdio               run the language server on stdio

Options for --check:
  --format text|json|sarif|github|gitlab
                                    output format (default: text; gitlab: code quality report)
  --fail-on error|warning|info|hint|none
                                    lowest severity that makes the exit code 1 (default: error)
  --fix                             apply safe fixes in place, then re-check
  --unsafe-fixes                    with --fix or --diff, also apply unsafe fixes
  --diff                            print the fixes as a diff; write nothing
  --config PATH                     use this .trimsafe.toml for every file
  --julia 1.12|1.13|nightly         Julia version to check against
  --select CODES / --ignore CODES   comma-separated codes or names to run / skip
  --force-exclude                   apply config excludes to files named explicitly
  --jobs N                          threads to parse with (default: TRIMSAFE_JOBS, else all cores)
  --statistics                      print the number of findings per rule
  --quiet                           print findings only
  --output-file PATH                write the report to PATH
  --baseline PATH                   hide the findings recorded in this baseline file (and
                                    leave them to --fix and --diff); report its entries
                                    that no longer match
  --update-baseline                 record all current findings in the baseline
                                    (--baseline PATH, default .trimsafe-baseline.json)
  --add-ignore                      add "# trimsafe: ignore[CODE] -- TODO: reason" comments
                                    for every current error and warning
  --color / --no-color              force colour on or off (default: on a terminal)
  --verbose                         print what trimsafe is doing to stderr
  --version, --help

Exit codes: 0 no finding at or above --fail-on; 1 findings, or files that could not be checked;
2 usage, configuration, baseline or internal errors.
`;

export function parseArgs(argv: string[]): CliOptions {
  const o: CliOptions = {
    command: 'help',
    paths: [],
    format: 'text',
    failOn: null,
    fix: false,
    unsafeFixes: false,
    diff: false,
    configPath: null,
    julia: null,
    forceExclude: false,
    select: [],
    ignore: [],
    color: null,
    quiet: false,
    verbose: false,
    statistics: false,
    outputFile: null,
    ruleKey: null,
    baseline: null,
    updateBaseline: false,
    addIgnore: false,
    force: false,
    jobs: null,
    verifierLog: null,
    rest: [],
  };
  let commandSet = false;
  const setCommand = (c: CliOptions['command']) => {
    if (commandSet && o.command !== c) throw new UsageError(`cannot combine ${o.command} with ${c}`);
    o.command = c;
    commandSet = true;
  };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    const [flag, inline] = arg.startsWith('--') && arg.includes('=') ? [arg.slice(0, arg.indexOf('=')), arg.slice(arg.indexOf('=') + 1)] : [arg, undefined];
    const value = (): string => {
      if (inline !== undefined) return inline;
      const v = argv[++i];
      if (v === undefined || v.startsWith('--')) throw new UsageError(`${flag} needs a value`);
      return v;
    };
    switch (flag) {
      case '--check':
        setCommand('check');
        break;
      case '--verifier-log':
        setCommand('check');
        o.verifierLog = value();
        break;
      case '--stdio':
      case '--node-ipc':
      case '--socket':
      case '--clientProcessId':
        setCommand('server');
        o.rest.push(arg);
        break;
      case '--help':
      case '-h':
        setCommand('help');
        break;
      case '--version':
      case '-V':
        setCommand('version');
        break;
      case '--format':
      case '--output-format': {
        const v = value();
        if (!['text', 'json', 'sarif', 'github', 'gitlab'].includes(v)) throw new UsageError(`--format must be text, json, sarif, github or gitlab, not "${v}"`);
        o.format = v as OutputFormat;
        break;
      }
      case '--fail-on': {
        const v = value();
        if (!['error', 'warning', 'info', 'hint', 'none'].includes(v)) throw new UsageError(`--fail-on must be error, warning, info, hint or none, not "${v}"`);
        o.failOn = v as Severity | 'none';
        break;
      }
      case '--fix':
        o.fix = true;
        break;
      case '--unsafe-fixes':
        o.unsafeFixes = true;
        break;
      case '--diff':
        o.diff = true;
        break;
      case '--config':
        o.configPath = value();
        break;
      case '--julia': {
        const v = value();
        if (!JULIA_VERSIONS.includes(v as JuliaVersion)) throw new UsageError(`--julia must be one of ${JULIA_VERSIONS.join(', ')}, not "${v}"`);
        o.julia = v as JuliaVersion;
        break;
      }
      case '--select':
        o.select.push(...splitList(value()));
        break;
      case '--ignore':
        o.ignore.push(...splitList(value()));
        break;
      case '--jobs':
      case '-j': {
        const v = value();
        const n = parseJobs(v);
        if (n === null) throw new UsageError(`--jobs must be a positive whole number, not "${v}"`);
        o.jobs = n;
        break;
      }
      case '--force-exclude':
        o.forceExclude = true;
        break;
      case '--baseline':
        o.baseline = value();
        break;
      case '--update-baseline':
        o.updateBaseline = true;
        break;
      case '--add-ignore':
        o.addIgnore = true;
        break;
      case '--force':
        o.force = true;
        break;
      case '--color':
        o.color = true;
        break;
      case '--no-color':
        o.color = false;
        break;
      case '--quiet':
      case '-q':
        o.quiet = true;
        break;
      case '--verbose':
      case '-v':
        o.verbose = true;
        break;
      case '--statistics':
        o.statistics = true;
        break;
      case '--output-file':
      case '-o':
        o.outputFile = value();
        break;
      default:
        if (arg.startsWith('-') && arg !== '-') throw new UsageError(`unknown option ${arg} (see trimsafe --help)`);
        if (!commandSet && (arg === 'rules' || arg === 'rule' || arg === 'check' || arg === 'init')) {
          setCommand(arg === 'check' ? 'check' : arg);
          break;
        }
        if (o.command === 'rule' && o.ruleKey === null) o.ruleKey = arg;
        else o.paths.push(arg);
    }
  }
  if (o.command === 'rule' && !o.ruleKey) throw new UsageError('trimsafe rule needs a rule code or name, for example: trimsafe rule TRIM101');
  checkAdoptionFlags(o);
  if (o.command !== 'check' && o.command !== 'help' && o.paths.length > 0 && o.command !== 'server' && !(o.command === 'init' && o.paths.length === 1)) {
    throw new UsageError(`unexpected argument ${o.paths[0]}`);
  }
  if (!commandSet && o.paths.length > 0) throw new UsageError(`missing command: did you mean trimsafe --check ${o.paths.join(' ')}?`);
  return o;
}

function checkAdoptionFlags(o: CliOptions): void {
  if (o.force && o.command !== 'init') throw new UsageError('--force only applies to trimsafe init');
  if ((o.baseline !== null || o.updateBaseline || o.addIgnore) && o.command !== 'check') throw new UsageError('--baseline, --update-baseline and --add-ignore apply to --check');
  if (o.addIgnore && (o.fix || o.diff || o.updateBaseline)) throw new UsageError('--add-ignore cannot be combined with --fix, --diff or --update-baseline');
  if (o.updateBaseline && o.diff) throw new UsageError('--update-baseline cannot be combined with --diff');
}

function splitList(v: string): string[] {
  return v.split(',').map((s) => s.trim()).filter(Boolean);
}

export interface CliIo {
  cwd: string;
  stdout: (s: string) => void;
  stderr: (s: string) => void;
  isTTY: boolean;
  env: NodeJS.ProcessEnv;
}

export async function runCli(argv: string[], io: CliIo): Promise<number> {
  let opts: CliOptions;
  try {
    opts = parseArgs(argv);
  } catch (err) {
    if (err instanceof UsageError) {
      io.stderr(`trimsafe: ${err.message}\n`);
      return 2;
    }
    throw err;
  }
  switch (opts.command) {
    case 'help':
      io.stdout(HELP);
      return 0;
    case 'version':
      io.stdout(`trimsafe ${VERSION}\n`);
      return 0;
    case 'rules':
      io.stdout(await listRules(opts.format));
      return 0;
    case 'rule': {
      const key = opts.ruleKey!;
      const meta = (await lazy.metas()).allRuleMetas().find((m) => m.code === key.toUpperCase() || m.name === key.toLowerCase());
      if (!meta) {
        io.stderr(`trimsafe: no rule "${opts.ruleKey}" (see trimsafe rules)\n`);
        return 2;
      }
      io.stdout(opts.format === 'json' ? JSON.stringify(meta, null, 2) + '\n' : (await lazy.docs()).renderRuleMarkdown(meta));
      return 0;
    }
    case 'server':
      io.stderr('trimsafe: the language server is not available in this build\n');
      return 2;
    case 'check':
      return runCheckCommand(opts, io);
    case 'init': {
      const { runInitCommand: initProject } = await lazy.init();
      return initProject(opts.paths[0] ?? '.', opts.force, io);
    }
  }
}

async function runCheckCommand(opts: CliOptions, io: CliIo): Promise<number> {
  const { atOrAbove, runCheck } = await lazy.check();
  const color = opts.color ?? (io.isTTY && !io.env.NO_COLOR && opts.outputFile === null) ?? false;
  const log = (s: string) => opts.verbose && io.stderr(`trimsafe: ${s}\n`);
  let result: CheckResult;
  const request = {
    paths: opts.paths,
    cwd: io.cwd,
    configPath: opts.configPath ?? undefined,
    forceExclude: opts.forceExclude,
    julia: opts.julia ?? undefined,
    select: opts.select,
    ignore: opts.ignore,
    jobs: 1,
  };
  try {
    request.jobs = resolveJobs(opts.jobs, io.env);
  } catch (err) {
    io.stderr(`trimsafe: ${(err as Error).message}\n`);
    return 2;
  }
  try {
    const started = Date.now();
    result = opts.verifierLog !== null ? await (await lazy.verifierLog()).runVerifierLog({ ...request, logPath: opts.verifierLog }) : await runCheck(request);
    log(`checked ${result.sources.size} files in ${Date.now() - started} ms`);
  } catch (err) {
    if (err instanceof ConfigError) {
      io.stderr(`trimsafe: config error: ${err.message}\n`);
      return 2;
    }
    io.stderr(`trimsafe: internal error: ${(err as Error).stack ?? err}\n`);
    return 2;
  }
  const backend = await import('../grammar-bindings').then((m) => m.getBackend());
  log(backend.description);

  let fixed: number | undefined;
  let diffText = '';
  if (opts.fix || opts.diff) {
    const { FileChangedError, planFixes, unifiedDiff, writeFixedFile } = await lazy.fix();
    const { displayPath } = await lazy.common();
    // Findings a baseline records are accepted as they are: --fix and --diff leave them alone too.
    let fixable = result.findings;
    if (opts.baseline && !opts.updateBaseline) {
      const { applyBaseline, loadBaseline, BaselineError } = await lazy.baseline();
      try {
        const current = result;
        fixable = applyBaseline(loadBaseline(resolve(io.cwd, opts.baseline)), result.findings, result.sources.keys(), (p) => current.sources.get(p)?.text).kept;
      } catch (err) {
        if (!(err instanceof BaselineError)) throw err;
        io.stderr(`trimsafe: baseline error: ${err.message}\n`);
        return 2;
      }
    }
    const plan = planFixes(fixable, result.sources, opts.unsafeFixes);
    if (opts.diff) {
      for (const [path, text] of plan.texts) diffText += unifiedDiff(displayPath(io.cwd, path), result.sources.get(path)!.text, text);
    } else {
      let written = 0;
      for (const [path, text] of plan.texts) {
        try {
          writeFixedFile(result.sources.get(path)!, text);
          written++;
        } catch (err) {
          const why = err instanceof FileChangedError ? err.message : `${displayPath(io.cwd, path)}: could not write fixes: ${(err as Error).message}`;
          result.notices.push({ path, level: 'error', message: why });
        }
      }
      fixed = plan.applied;
      log(`applied ${plan.applied} fixes in ${written} files`);
      if (written > 0) {
        const notices = result.notices;
        result = await runCheck(request);
        result.notices.push(...notices.filter((n) => n.message.includes('could not write') || n.message.includes('changed since')));
      }
    }
  }

  let baselineOutcome: BaselineOutcome | null = null;
  if (opts.baseline || opts.updateBaseline || opts.addIgnore) {
    const { adoptionSteps, BaselineError } = await lazy.baseline();
    try {
      const adopted = await adoptionSteps({ baseline: opts.baseline, updateBaseline: opts.updateBaseline, addIgnore: opts.addIgnore, cwd: io.cwd }, result, () => runCheck(request));
      for (const m of adopted.messages) io.stderr(`trimsafe: ${m}\n`);
      result = adopted.result;
      baselineOutcome = adopted.baseline;
    } catch (err) {
      if (!(err instanceof BaselineError)) throw err;
      io.stderr(`trimsafe: baseline error: ${err.message}\n`);
      return 2;
    }
  }

  const report: Report = {
    findings: result.findings,
    notices: result.notices,
    cwd: io.cwd,
    filesChecked: result.sources.size,
    sourceText: (p) => result.sources.get(p)?.text,
    fixed,
    version: VERSION,
  };
  let output: string;
  if (opts.diff) output = diffText;
  else output = await format(opts.format, report, opts.verifierLog !== null, !!color, opts.quiet);
  if (baselineOutcome && opts.format === 'json' && !opts.diff) output = (await lazy.baseline()).addBaselineToJson(output, baselineOutcome, io.cwd);
  if (baselineOutcome && opts.format === 'text' && !opts.diff && !opts.quiet) output += (await lazy.baseline()).baselineSummaryLine(baselineOutcome, io.cwd);
  if (opts.statistics && opts.format === 'text') output += statistics(result.findings);
  if (opts.outputFile) writeFileSync(resolve(io.cwd, opts.outputFile), output);
  else io.stdout(output);

  if (opts.diff) return diffText.length > 0 ? 1 : 0;
  const failOn = opts.failOn ?? failOnFromConfig(result);
  const failing = atOrAbove(result.findings, failOn);
  const unreadable = result.notices.some((n) => n.level === 'error');
  return failing.length > 0 || unreadable ? 1 : 0;
}

function failOnFromConfig(result: CheckResult): Severity | 'none' {
  // The strictest threshold among the configs that governed the checked files.
  const order: Array<Severity | 'none'> = ['hint', 'info', 'warning', 'error', 'none'];
  let best: Severity | 'none' = 'none';
  const seen = [...result.sources.keys()].map((p) => result.configs.forFile(p).failOn);
  if (seen.length === 0) return 'error';
  for (const s of seen) if (order.indexOf(s) < order.indexOf(best)) best = s;
  return best;
}

function statistics(findings: Finding[]): string {
  const counts = new Map<string, { name: string; n: number; fixable: number }>();
  for (const f of findings) {
    const c = counts.get(f.code) ?? { name: f.name, n: 0, fixable: 0 };
    c.n++;
    if (f.fixes.some((x) => x.safety === 'safe')) c.fixable++;
    counts.set(f.code, c);
  }
  const rows = [...counts].sort((a, b) => b[1].n - a[1].n);
  return rows.map(([code, c]) => `${String(c.n).padStart(5)}  ${code}  ${c.name}${c.fixable > 0 ? `  (${c.fixable} fixable)` : ''}`).join('\n') + (rows.length > 0 ? '\n' : '');
}

async function listRules(format: OutputFormat): Promise<string> {
  if (format === 'json') {
    return JSON.stringify(
      (await lazy.metas()).allRuleMetas().map((m) => ({ code: m.code, name: m.name, summary: m.summary, severity: m.severity, category: m.category, tags: m.tags ?? [], fixable: m.fixable })),
      null,
      2,
    ) + '\n';
  }
  const lines: string[] = [];
  let category = '';
  for (const m of (await lazy.metas()).allRuleMetas()) {
    if (m.category !== category) {
      category = m.category;
      lines.push(`${lines.length > 0 ? '\n' : ''}${CATEGORY_TITLES[m.category]}`);
    }
    lines.push(`  ${m.code}  ${m.name.padEnd(26)} ${m.severity.padEnd(8)} ${m.summary}`);
  }
  return lines.join('\n') + '\n';
}
