// `trimsafe --verifier-log FILE [PATH...]`: reads a `juliac --trim` build log (FILE, or `-` for
// stdin), maps its verifier items onto the checked project's files, and returns the same shape as
// a check so the CLI prints it with the usual formatters.

import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { computeFileFacts } from '../analysis/file-facts';
import { compareFindings, Finding } from '../analysis/finding';
import { Project } from '../analysis/project';
import { parseVerifierLog, VerifierItem } from '../analysis/verifier-log';
import { getBackend, parseWith } from '../grammar-bindings';
import { findRule } from '../rules/registry';
import { mapVerifierLog, UnplacedVerifierItems } from '../rules/verifier-log-findings';
import { CheckRequest, CheckResult, runCheck } from './check';
import { Notice } from './sources';
import { applySuppressions, parseSuppressions } from './suppressions';

export interface VerifierLogRequest extends CheckRequest {
  /** The log file, relative to `cwd`, or `-` for standard input. */
  logPath: string;
  /** Reads standard input; defaults to reading file descriptor 0. */
  readStdin?: () => string;
}

const PROJECT_FILES = ['Project.toml', 'JuliaProject.toml'];

/** Project.toml files governing `files`: the nearest one above each file. */
export function findProjectTomls(files: Iterable<string>): Array<{ path: string; text: string }> {
  const found = new Map<string, string>();
  const visited = new Set<string>();
  for (const file of files) {
    for (let dir = dirname(file); !visited.has(dir); dir = dirname(dir)) {
      visited.add(dir);
      const hit = PROJECT_FILES.map((n) => join(dir, n)).find((p) => existsSync(p));
      if (hit) {
        try {
          found.set(hit, readFileSync(hit, 'utf8'));
        } catch {
          // An unreadable Project.toml only costs the fallback placement of dependency items.
        }
        break;
      }
      if (dirname(dir) === dir) break;
    }
  }
  return [...found].map(([path, text]) => ({ path, text }));
}

function describeUnplaced(group: UnplacedVerifierItems): string {
  const numbers = (items: VerifierItem[]) => {
    const labels = items.map((i) => (i.severity === 'warning' ? `warning #${i.number}` : `#${i.number}`));
    return labels.length > 10 ? labels.slice(0, 10).join(', ') + ', …' : labels.join(', ');
  };
  const n = group.items.length;
  const what = `${n} verifier item${n === 1 ? '' : 's'} (${numbers(group.items)})`;
  return group.package
    ? `${what} come${n === 1 ? 's' : ''} from ${group.package}, which this project does not name in a using/import or Project.toml [deps]: no line to show ${n === 1 ? 'it' : 'them'} on`
    : `${what} ha${n === 1 ? 's' : 've'} no stack frame in this project or in a package (Base or the compiler only): no line to show ${n === 1 ? 'it' : 'them'} on`;
}

export async function runVerifierLog(req: VerifierLogRequest): Promise<CheckResult> {
  const logName = req.logPath === '-' ? '<stdin>' : resolve(req.cwd, req.logPath);
  // The usual check discovers and reads the files, and its findings say which lines trimsafe's own
  // rules flag (with config severities and suppressions applied).
  const checked = await runCheck(req);
  let logText: string;
  try {
    logText = req.logPath === '-' ? (req.readStdin ?? (() => readFileSync(0, 'utf8')))() : readFileSync(logName, 'utf8');
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    const notice: Notice = { path: logName, level: 'error', message: `could not read the verifier log (${code === 'ENOENT' ? 'no such file' : (code ?? (err as Error).message)})` };
    return { ...checked, findings: [], notices: [...checked.notices, notice] };
  }

  const backend = await getBackend();
  const project = new Project();
  for (const s of checked.sources.values()) project.setFile(computeFileFacts(s.path, parseWith(backend, s.text)));

  const log = parseVerifierLog(logText);
  const mapping = mapVerifierLog(log, {
    project,
    projectTomls: findProjectTomls(checked.sources.keys()),
    ruleFindings: checked.findings,
  });

  // `# trimsafe: ignore TRIM901` comments apply to verifier findings as to any other.
  const kept: Finding[] = [];
  const byPath = new Map<string, Finding[]>();
  for (const f of mapping.findings) byPath.set(f.path, [...(byPath.get(f.path) ?? []), f]);
  for (const [path, mine] of byPath) {
    const facts = project.files.get(path);
    if (!facts) {
      kept.push(...mine);
      continue;
    }
    const suppressions = parseSuppressions(facts.tree.root, facts.tree.source, (key) => (/^TRIM9\d\d$/i.test(key) ? key.toUpperCase() : (findRule(key)?.meta.code ?? null)));
    kept.push(...applySuppressions(path, mine, suppressions, facts.tree.source, false));
  }

  const notices: Notice[] = [...checked.notices];
  if (log.items.length === 0) {
    notices.push({ path: logName, level: 'info', message: 'no trim verifier items in this log (looked for `Verifier error #N:` / `Error #N:` lines)' });
  }
  for (const group of mapping.unplaced) notices.push({ path: logName, level: 'info', message: describeUnplaced(group) });
  if (log.summary) {
    const errors = log.items.filter((i) => i.severity === 'error').length;
    const warnings = log.items.length - errors;
    if (errors !== log.summary.errors || warnings !== log.summary.warnings) {
      notices.push({
        path: logName,
        level: 'info',
        message: `the log's summary counts ${log.summary.errors} errors and ${log.summary.warnings} warnings, trimsafe read ${errors} and ${warnings} (is the log cut short?)`,
      });
    }
  }
  return { findings: kept.sort(compareFindings), notices, sources: checked.sources, configs: checked.configs };
}
