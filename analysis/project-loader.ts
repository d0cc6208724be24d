// Loads a project from its roots: a package directory (Project.toml + src/<Name>.jl), a script, or
// any set of files, following `include("...")` with literal paths. File access goes only through
// the host callbacks, so analysis stays pure and the CLI, the language server and tests can each
// supply their own file system (disk, open editor buffers, in-memory fixtures).

import { dirname, join, normalize, relative, isAbsolute, sep } from 'node:path';
import type { FileFacts } from './file-facts';
import type { Range } from './finding';
import { Project, rangeOf } from './project';
import { resolveIncludePath } from './project-view';

export type ReadResult = string | { error: string } | null;

export interface LoaderHost {
  /** The file's text, or null / `{ error }` when it cannot be read. */
  readFile(path: string): ReadResult;
  fileExists(path: string): boolean;
  /** True for directories; without it a root is a directory when `<root>/Project.toml` exists. */
  isDirectory?(path: string): boolean;
}

/** Parses one file into its facts (the caller picks the parser backend). */
export type ParseFile = (path: string, text: string) => FileFacts;

export type LoadProblemKind =
  | 'missing-include'
  | 'include-cycle'
  | 'include-outside-root'
  | 'computed-include'
  | 'unreadable-file'
  | 'package-without-entry-file';

export interface LoadProblem {
  kind: LoadProblemKind;
  severity: 'error' | 'warning' | 'info';
  /** The file the problem is reported in (the including file for include problems). */
  path: string;
  range: Range | null;
  message: string;
  /** The file the problem is about (the missing or cyclic include target). */
  target?: string;
}

export interface LoadOptions {
  /** Directory that includes should stay inside (a workspace root); package roots use their own. */
  rootDir?: string;
  /** Reuse facts of files already parsed (the language server's open project). */
  reuse?: Project;
  /** Files whose text is already known (editor buffers); read before asking the host. */
  texts?: ReadonlyMap<string, string>;
}

export interface PackageInfo {
  name: string;
  dir: string;
  entryFile: string;
}

export interface LoadedProject {
  project: Project;
  problems: LoadProblem[];
  /** The files analysis started from (package entry files, scripts, given files). */
  rootFiles: string[];
  packages: PackageInfo[];
}

/** Reads `name = "..."` from a Project.toml text. */
export function packageNameOf(projectToml: string): string | null {
  // Only the top-level table: stop at the first [section].
  const head = projectToml.split(/^\s*\[/m)[0];
  const m = /^\s*name\s*=\s*"([^"]+)"/m.exec(head);
  return m ? m[1] : null;
}

/**
 * Loads every root and the files they include. Roots may be package directories, Project.toml
 * paths or Julia files; given files that other given files include are linked into the including
 * module, and included files that were not given are read through the host.
 */
export function loadProject(roots: readonly string[], host: LoaderHost, parse: ParseFile, options: LoadOptions = {}): LoadedProject {
  const project = new Project();
  const problems: LoadProblem[] = [];
  const problemKeys = new Set<string>();
  const report = (p: LoadProblem) => {
    // A missing file is reported once, at its first include; other problems once per place.
    const key = p.kind === 'missing-include' ? `${p.kind}:${p.target}` : `${p.kind}:${p.path}:${p.range?.start.line ?? -1}:${p.target ?? ''}`;
    if (problemKeys.has(key)) return;
    problemKeys.add(key);
    problems.push(p);
  };
  const rootFiles: string[] = [];
  const packages: PackageInfo[] = [];
  /** Directory each file's includes must stay inside. */
  const fenceOf = new Map<string, string | null>();

  const readText = (path: string): string | { error: string } => {
    const given = options.texts?.get(path);
    if (given !== undefined) return given;
    let r: ReadResult;
    try {
      r = host.readFile(path);
    } catch (e) {
      r = { error: e instanceof Error ? e.message : String(e) };
    }
    if (r === null) return { error: 'file not found' };
    return r;
  };

  const loadFile = (path: string, fence: string | null): boolean => {
    if (project.files.has(path)) return true;
    const reused = options.reuse?.files.get(path);
    if (reused && !options.texts?.has(path)) {
      project.setFile(reused);
      fenceOf.set(path, fence);
      return true;
    }
    const text = readText(path);
    if (typeof text !== 'string') {
      report({ kind: 'unreadable-file', severity: 'error', path, range: null, message: `Cannot read ${path}: ${text.error}`, target: path });
      return false;
    }
    try {
      project.setFile(parse(path, text));
    } catch (e) {
      report({ kind: 'unreadable-file', severity: 'error', path, range: null, message: `Cannot parse ${path}: ${e instanceof Error ? e.message : String(e)}`, target: path });
      return false;
    }
    fenceOf.set(path, fence);
    return true;
  };

  const isDir = (p: string) => (host.isDirectory ? host.isDirectory(p) : host.fileExists(join(p, 'Project.toml')));

  const queue: string[] = [];
  for (const raw of roots) {
    const root = normalize(raw);
    let pkgDir: string | null = null;
    if (root.endsWith('Project.toml') || root.endsWith('JuliaProject.toml')) pkgDir = dirname(root);
    else if (isDir(root)) pkgDir = root;
    if (pkgDir !== null) {
      const tomlPath = host.fileExists(join(pkgDir, 'JuliaProject.toml')) ? join(pkgDir, 'JuliaProject.toml') : join(pkgDir, 'Project.toml');
      const toml = readText(tomlPath);
      const name = typeof toml === 'string' ? packageNameOf(toml) : null;
      const entry = name ? join(pkgDir, 'src', `${name}.jl`) : null;
      if (!name || !entry || !host.fileExists(entry)) {
        report({
          kind: 'package-without-entry-file',
          severity: 'warning',
          path: tomlPath,
          range: null,
          message: name
            ? `Package ${name} has no src/${name}.jl; nothing to analyse from ${pkgDir}.`
            : `${tomlPath} has no \`name\`, so the package's entry file (src/<Name>.jl) is unknown.`,
          target: entry ?? undefined,
        });
        continue;
      }
      packages.push({ name, dir: pkgDir, entryFile: entry });
      if (loadFile(entry, pkgDir)) {
        rootFiles.push(entry);
        queue.push(entry);
      }
      continue;
    }
    const fence = options.rootDir ? normalize(options.rootDir) : null;
    if (loadFile(root, fence)) {
      rootFiles.push(root);
      queue.push(root);
    }
  }

  // Follow includes breadth-first; each file's fence is inherited from whoever included it first.
  const seen = new Set<string>(queue);
  while (queue.length > 0) {
    const path = queue.shift()!;
    const facts = project.files.get(path);
    if (!facts) continue;
    const fence = fenceOf.get(path) ?? null;
    for (const inc of facts.includes) {
      if (!inc.path) {
        report({
          kind: 'computed-include',
          severity: 'info',
          path,
          range: rangeOf(inc.node),
          message: 'This include has a computed path; the included file is not analysed.',
        });
        continue;
      }
      const target = resolveIncludePath(path, inc.path);
      if (fence && isOutside(fence, target)) {
        report({
          kind: 'include-outside-root',
          severity: 'info',
          path,
          range: rangeOf(inc.node),
          message: `include("${inc.path}") reaches outside ${fence}; the file is analysed, but it is not part of the project folder.`,
          target,
        });
      }
      if (seen.has(target)) continue;
      if (!host.fileExists(target) && !options.texts?.has(target) && !options.reuse?.files.has(target)) {
        report({
          kind: 'missing-include',
          severity: 'error',
          path,
          range: rangeOf(inc.node),
          message: `include("${inc.path}") names ${target}, which does not exist; loading the module will fail.`,
          target,
        });
        continue;
      }
      seen.add(target);
      if (loadFile(target, fence)) queue.push(target);
    }
  }

  for (const p of findIncludeCycles(project, rootFiles)) report(p);
  return { project, problems, rootFiles, packages };
}

function isOutside(dir: string, file: string): boolean {
  const rel = relative(dir, file);
  return rel === '..' || rel.startsWith('..' + sep) || isAbsolute(rel);
}

/** One problem per include cycle, at the include that closes it (the first found in path order). */
export function findIncludeCycles(project: Project, startFrom: readonly string[] = []): LoadProblem[] {
  const out: LoadProblem[] = [];
  const state = new Map<string, 'active' | 'done'>();
  const paths = [...project.files.keys()].sort();
  const reportedCycles = new Set<string>();
  const stack: string[] = [];
  const visit = (path: string) => {
    state.set(path, 'active');
    stack.push(path);
    const facts = project.files.get(path)!;
    for (const inc of facts.includes) {
      if (!inc.path) continue;
      const to = resolveIncludePath(path, inc.path);
      if (!project.files.has(to)) continue;
      const s = state.get(to);
      if (s === 'active') {
        const cycle = stack.slice(stack.indexOf(to));
        const key = [...cycle].sort().join('|');
        if (reportedCycles.has(key)) continue;
        reportedCycles.add(key);
        const names = [...cycle, to].map((p) => shortName(p, cycle[0]));
        out.push({
          kind: 'include-cycle',
          severity: 'error',
          path,
          range: rangeOf(inc.node),
          message: `Include cycle: ${names.join(' -> ')}. Julia would include these files forever; remove one of the includes.`,
          target: to,
        });
      } else if (!s) {
        visit(to);
      }
    }
    stack.pop();
    state.set(path, 'done');
  };
  for (const p of [...startFrom, ...paths]) if (project.files.has(p) && !state.has(p)) visit(p);
  return out;
}

function shortName(path: string, base: string): string {
  const rel = relative(dirname(base), path);
  return rel && !rel.startsWith('..') ? rel : path;
}

/**
 * Adds to an already-built project the files its files include but that were not given (for a
 * caller that parsed the discovered files itself), and returns the load problems. Files already in
 * the project are not read again.
 */
export function completeProject(project: Project, host: LoaderHost, parse: ParseFile, options: Omit<LoadOptions, 'reuse'> = {}): LoadProblem[] {
  const given = [...project.files.keys()];
  const loaded = loadProject(given, host, parse, { ...options, reuse: project });
  for (const [path, facts] of loaded.project.files) if (!project.files.has(path)) project.setFile(facts);
  return loaded.problems;
}
