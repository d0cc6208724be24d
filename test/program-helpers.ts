// Whole-program tests: load a folder (a package with Project.toml, or scripts) through the project
// loader, run the rules and annotate reachability, as the CLI does.

import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { computeFileFacts } from '../analysis/file-facts';
import { Finding } from '../analysis/finding';
import { LoadedProject, LoaderHost, loadProject } from '../analysis/project-loader';
import { ReachabilityOptions } from '../analysis/reachability';
import { getBackend, parseWith } from '../grammar-bindings';
import { annotateReachability, DEFAULT_RULE_OPTIONS, runRules } from '../rules/engine';
import { RULES } from '../rules/registry';
import { Rule } from '../rules/rule';

export const diskHost: LoaderHost = {
  readFile(path) {
    try {
      return readFileSync(path, 'utf8');
    } catch (e) {
      return { error: (e as NodeJS.ErrnoException).code ?? String(e) };
    }
  },
  fileExists: (path) => existsSync(path),
  isDirectory: (path) => existsSync(path) && statSync(path).isDirectory(),
};

/** An in-memory host over `{ path: text }`. */
export function memoryHost(files: Record<string, string>): LoaderHost {
  return {
    readFile: (p) => (p in files ? files[p] : null),
    fileExists: (p) => p in files || Object.keys(files).some((k) => k.startsWith(p + '/')),
    isDirectory: (p) => Object.keys(files).some((k) => k.startsWith(p + '/')),
  };
}

export interface ProgramResult extends LoadedProject {
  findings: Finding[];
}

export async function loadWith(roots: string[], host: LoaderHost): Promise<LoadedProject> {
  const backend = await getBackend();
  return loadProject(roots, host, (path, text) => computeFileFacts(path, parseWith(backend, text)));
}

/** Loads `roots` (default: the folder itself when it has Project.toml, else its top-level .jl files). */
export async function checkProgram(
  dir: string,
  options: ReachabilityOptions & { roots?: string[]; rules?: readonly Rule[]; host?: LoaderHost } = {},
): Promise<ProgramResult> {
  const roots =
    options.roots?.map((r) => join(dir, r)) ??
    (existsSync(join(dir, 'Project.toml')) ? [dir] : readdirSync(dir).filter((f) => f.endsWith('.jl')).sort().map((f) => join(dir, f)));
  const loaded = await loadWith(roots, options.host ?? diskHost);
  const result = runRules(loaded.project, options.rules ?? RULES, DEFAULT_RULE_OPTIONS);
  const findings = annotateReachability(result, loaded.project, options);
  return { ...loaded, findings };
}

/** `file:line:CODE:severity` keys (1-based lines, paths relative to `dir`). */
export function programKeys(dir: string, findings: Finding[]): string[] {
  return findings.map((f) => `${relative(dir, f.path)}:${f.range.start.line + 1}:${f.code}:${f.severity}`).sort();
}

/** `# expect: CODE severity` comments of every .jl file under `dir`, as programKeys. */
export function programExpectations(dir: string): string[] {
  const out: string[] = [];
  const visit = (d: string) => {
    for (const name of readdirSync(d).sort()) {
      const p = join(d, name);
      if (statSync(p).isDirectory()) visit(p);
      else if (name.endsWith('.jl')) {
        readFileSync(p, 'utf8')
          .split('\n')
          .forEach((line, i) => {
            const m = /#\s*expect:\s*(.*)$/.exec(line);
            if (!m) return;
            for (const part of m[1].split(',')) {
              const [code, severity] = part.trim().split(/\s+/);
              if (code) out.push(`${relative(dir, p)}:${i + 1}:${code}:${severity ?? '?'}`);
            }
          });
      }
    }
  };
  visit(dir);
  return out.sort();
}
