// Findings read from a juliac build log (`verifierLog = "path"` in .trimsafe.toml), shown beside
// trimsafe's own with `source: "juliac"`. Re-mapped when the log changes or the project does (the
// items land on lines of the current text).

import { readFileSync, statSync } from 'node:fs';
import { Finding } from '../../analysis/finding';
import { Project } from '../../analysis/project';
import { ProjectView } from '../../analysis/project-view';
import { verifierLogFindings } from '../../rules/verifier-log-findings';

interface Cached {
  mtimeMs: number;
  view: ProjectView;
  byPath: Map<string, Finding[]>;
}

const cache = new Map<string, Cached>();

/** The log's findings in `path`; none when the log is missing or unreadable (logged once per change). */
export function verifierFindings(logPath: string, path: string, project: Project, ruleFindings: () => Finding[], log: (msg: string) => void): Finding[] {
  let mtimeMs: number;
  try {
    mtimeMs = statSync(logPath).mtimeMs;
  } catch {
    return [];
  }
  const view = project.view();
  let hit = cache.get(logPath);
  if (!hit || hit.mtimeMs !== mtimeMs || hit.view !== view) {
    const byPath = new Map<string, Finding[]>();
    try {
      for (const f of verifierLogFindings(readFileSync(logPath, 'utf8'), { project, ruleFindings: ruleFindings() })) {
        const list = byPath.get(f.path) ?? [];
        list.push(f);
        byPath.set(f.path, list);
      }
    } catch (err) {
      log(`trimsafe: reading verifier log ${logPath} failed: ${(err as Error).message}`);
    }
    hit = { mtimeMs, view, byPath };
    cache.set(logPath, hit);
  }
  return hit.byPath.get(path) ?? [];
}
