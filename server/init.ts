// `trimsafe init [DIR]`: writes a commented starter `.trimsafe.toml` without asking anything, so it
// is safe in scripts. It reads the package name and Julia compat from Project.toml, lists the
// entrypoints it finds (as comments: trimsafe finds them by itself), and excludes directories that
// usually hold generated code. It never overwrites an existing file unless told to (--force).

import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join, relative, resolve, sep } from 'node:path';
import { parse as parseToml } from 'smol-toml';
import { computeFileFacts } from '../analysis/file-facts';
import { getBackend, parseWith } from '../grammar-bindings';
import { JuliaVersion } from '../rules/rule';
import { CONFIG_FILE_NAME, ConfigResolver, DEFAULT_JULIA, JULIA_VERSIONS } from './config';
import { discoverFiles, isNotice, readSource } from './sources';

export const GENERATED_DIRECTORIES = ['docs/build', 'deps/build', 'deps/usr', '.CondaPkg'];
/** Enough to find the entrypoints of any application without stalling on a monorepo. */
const MAX_SCANNED_FILES = 2000;

export class InitError extends Error {}

export interface InitResult {
  file: string;
  packageName: string | null;
  julia: JuliaVersion;
  entrypoints: string[];
}

export async function initConfig(dir: string, force: boolean): Promise<{ text: string; result: InitResult }> {
  const root = resolve(dir);
  const file = join(root, CONFIG_FILE_NAME);
  if (!existsSync(root)) throw new InitError(`${dir}: no such directory`);
  if (existsSync(file) && !force) throw new InitError(`${file} already exists; not overwritten (use --force to replace it)`);
  const project = readProjectToml(root);
  const julia = juliaFromCompat(project.juliaCompat);
  const entrypoints = await findEntrypoints(root);
  const text = renderConfig({ packageName: project.name, juliaCompat: project.juliaCompat, julia, entrypoints });
  try {
    writeFileSync(file, text, { flag: force ? 'w' : 'wx' });
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'EEXIST') throw new InitError(`${file} already exists; not overwritten (use --force to replace it)`);
    throw new InitError(`${file}: cannot write (${(err as NodeJS.ErrnoException).code ?? (err as Error).message})`);
  }
  return { text, result: { file, packageName: project.name, julia, entrypoints } };
}

function readProjectToml(root: string): { name: string | null; juliaCompat: string | null } {
  for (const name of ['JuliaProject.toml', 'Project.toml']) {
    const path = join(root, name);
    if (!existsSync(path)) continue;
    try {
      const doc = parseToml(readFileSync(path, 'utf8')) as { name?: unknown; compat?: { julia?: unknown } };
      return {
        name: typeof doc.name === 'string' ? doc.name : null,
        juliaCompat: typeof doc.compat?.julia === 'string' ? doc.compat.julia : null,
      };
    } catch {
      return { name: null, juliaCompat: null };
    }
  }
  return { name: null, juliaCompat: null };
}

/** The lowest Julia version the compat entry allows, when trimsafe knows it; else the default. */
export function juliaFromCompat(compat: string | null): JuliaVersion {
  if (!compat) return DEFAULT_JULIA;
  const versions = [...compat.matchAll(/(\d+)\.(\d+)/g)].map((m) => [Number(m[1]), Number(m[2])] as const);
  if (versions.length === 0) return DEFAULT_JULIA;
  const [major, minor] = versions.reduce((a, b) => (b[0] < a[0] || (b[0] === a[0] && b[1] < a[1]) ? b : a));
  const named = `${major}.${minor}` as JuliaVersion;
  if (JULIA_VERSIONS.includes(named)) return named;
  return DEFAULT_JULIA;
}

async function findEntrypoints(root: string): Promise<string[]> {
  const { files } = discoverFiles(['.'], { cwd: root, configs: new ConfigResolver(root) });
  const backend = await getBackend();
  const out: string[] = [];
  for (const path of files.slice(0, MAX_SCANNED_FILES)) {
    const rel = relative(root, path).split(sep).join('/');
    if (GENERATED_DIRECTORIES.some((g) => rel.startsWith(g + '/'))) continue;
    const source = readSource(path);
    if (isNotice(source)) continue;
    const facts = computeFileFacts(path, parseWith(backend, source.text));
    for (const fn of facts.functions) {
      if (!fn.entry || fn.buildTime || fn.parent) continue;
      const what = fn.entry.kind === 'main' ? '@main' : fn.entry.kind === 'ccallable' ? `Base.@ccallable ${fn.name ?? ''}`.trim() : fn.entry.kind === 'init' ? '__init__' : (fn.name ?? '');
      out.push(`${rel}:${fn.node.startPosition.row + 1}  ${what}`);
    }
    for (const call of facts.entrypointCalls) {
      out.push(`${rel}:${call.node.startPosition.row + 1}  Base.Experimental.entrypoint(${call.target ?? '...'})`);
    }
  }
  return out;
}

function renderConfig(o: { packageName: string | null; juliaCompat: string | null; julia: JuliaVersion; entrypoints: string[] }): string {
  const lines: string[] = [];
  lines.push(`# trimsafe configuration${o.packageName ? ` for ${o.packageName}` : ''}, written by \`trimsafe init\`.`);
  lines.push('# Every key is optional. `trimsafe rules` lists the rules; `trimsafe rule CODE` explains one.');
  lines.push('');
  lines.push(`# Julia version to check against: ${JULIA_VERSIONS.map((v) => `"${v}"`).join(', ')}.`);
  if (o.juliaCompat) lines.push(`# Project.toml [compat] says julia = "${o.juliaCompat}".`);
  lines.push(`julia = "${o.julia}"`);
  lines.push('');
  lines.push('# Lowest severity that makes `trimsafe --check` exit 1: "error", "warning", "info", "hint" or "none".');
  lines.push('fail-on = "error"');
  lines.push('');
  lines.push('# Paths not to check, as globs relative to this file (a directory excludes everything in it).');
  lines.push('# .gitignore is honoured too. Add your own generated or vendored code here.');
  lines.push(`exclude = [${GENERATED_DIRECTORIES.map((d) => `"${d}"`).join(', ')}]`);
  lines.push('');
  lines.push('# Entrypoints: trimsafe finds `@main`, `Base.@ccallable`, `Base.Experimental.entrypoint` and');
  lines.push('# `__init__` by itself and checks the code reachable from them.');
  if (o.entrypoints.length > 0) {
    lines.push('# Found in this project:');
    for (const e of o.entrypoints) lines.push(`#   ${e}`);
  } else {
    lines.push('# None found in this project, so every function is checked as library code.');
  }
  lines.push('# Name further roots (functions, plain or qualified) that reach trimmed code another way:');
  lines.push(`# entrypoints = ["${o.packageName ?? 'MyPackage'}.run"]`);
  lines.push('');
  lines.push('# Per-rule severity: "off", "error", "warning", "info" or "hint"; codes or names.');
  lines.push('[rules]');
  lines.push('# TRIM103 = "off"');
  lines.push('# print-without-io = "warning"');
  lines.push('');
  return lines.join('\n');
}

/** `trimsafe init [DIR] [--force]` for the command line. */
export async function runInitCommand(dir: string, force: boolean, io: { cwd: string; stdout: (s: string) => void; stderr: (s: string) => void }): Promise<number> {
  try {
    const { result } = await initConfig(resolve(io.cwd, dir), force);
    const name = relative(io.cwd, result.file).split(sep).join('/') || result.file;
    const found = `${result.entrypoints.length} entrypoint${result.entrypoints.length === 1 ? '' : 's'} found`;
    io.stdout(`Wrote ${name} (${result.packageName ? `package ${result.packageName}, ` : ''}julia ${result.julia}, ${found}). Next: trimsafe --check\n`);
    return 0;
  } catch (err) {
    if (err instanceof InitError) {
      io.stderr(`trimsafe: ${err.message}\n`);
      return 2;
    }
    throw err;
  }
}
