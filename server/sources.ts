// Finding and reading the files to check. Bad input never throws: each problem becomes one Notice
// for that file and the run goes on.

import { lstatSync, readdirSync, readFileSync, realpathSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import ignore, { Ignore } from 'ignore';
import picomatch from 'picomatch';
import { ConfigResolver, TrimsafeConfig } from './config';

export interface Notice {
  path: string;
  /** `error`: the file could not be checked; `info`: nothing to check (for example an empty file). */
  level: 'error' | 'info';
  message: string;
}

export interface SourceFile {
  path: string;
  /** Text without a byte-order mark. */
  text: string;
  hadBom: boolean;
  /** The file's dominant line ending, used for text that fixes insert. */
  eol: '\n' | '\r\n';
  /** The raw bytes as read, to detect changes before writing fixes. */
  bytes: Buffer;
}

export const MAX_FILE_BYTES = 32 * 1024 * 1024;

const SKIPPED_DIRECTORIES = new Set(['.git', 'node_modules', '.hg', '.svn']);

export interface DiscoverOptions {
  cwd: string;
  configs: ConfigResolver;
  /** Apply config excludes to files named explicitly too (for pre-commit). */
  forceExclude?: boolean;
}

/** Expands paths into `.jl` files: directories are searched; files named explicitly are always kept. */
export function discoverFiles(paths: string[], options: DiscoverOptions): { files: string[]; notices: Notice[] } {
  const files = new Set<string>();
  const notices: Notice[] = [];
  for (const raw of paths) {
    const abs = resolve(options.cwd, raw);
    let st;
    try {
      st = statSync(abs);
    } catch (err) {
      const code = (err as NodeJS.ErrnoException).code;
      notices.push({ path: abs, level: 'error', message: code === 'ENOENT' ? 'no such file or directory' : code === 'ELOOP' ? 'symbolic link loop' : `cannot access (${code})` });
      continue;
    }
    if (st.isDirectory()) {
      walkDirectory(abs, options, files, notices);
    } else if (st.isFile()) {
      if (options.forceExclude && isExcluded(abs, options.configs.forFile(abs))) continue;
      files.add(abs);
    } else {
      notices.push({ path: abs, level: 'error', message: 'not a regular file' });
    }
  }
  return { files: [...files].sort(), notices };
}

function walkDirectory(root: string, options: DiscoverOptions, files: Set<string>, notices: Notice[]): void {
  const seenReal = new Set<string>();
  const stack: Array<{ dir: string; ignores: Array<{ base: string; ig: Ignore }> }> = [{ dir: root, ignores: ancestorIgnores(root) }];
  while (stack.length > 0) {
    const { dir, ignores } = stack.pop()!;
    let real: string;
    try {
      real = realpathSync(dir);
    } catch {
      notices.push({ path: dir, level: 'error', message: 'cannot resolve directory (broken link or loop)' });
      continue;
    }
    if (seenReal.has(real)) continue;
    seenReal.add(real);
    let entries: string[];
    try {
      entries = readdirSync(dir).sort();
    } catch (err) {
      notices.push({ path: dir, level: 'error', message: `cannot read directory (${(err as NodeJS.ErrnoException).code})` });
      continue;
    }
    const local = readIgnore(dir);
    const active = local ? [...ignores, { base: dir, ig: local }] : ignores;
    for (const name of entries) {
      const full = join(dir, name);
      let st;
      try {
        st = lstatSync(full);
      } catch {
        continue;
      }
      const isDir = st.isDirectory() || (st.isSymbolicLink() && safeIsDirectory(full));
      if (isDir && SKIPPED_DIRECTORIES.has(name)) continue;
      if (isIgnored(full, isDir, active)) continue;
      const config = options.configs.forDirectory(isDir ? full : dir);
      if (isExcluded(full, config)) continue;
      if (isDir) {
        stack.push({ dir: full, ignores: active });
      } else if (name.endsWith('.jl')) {
        if (config.include.length > 0 && !matchesAny(full, config.root, config.include)) continue;
        if (st.isSymbolicLink() && !safeIsFile(full)) {
          notices.push({ path: full, level: 'error', message: 'broken symbolic link' });
          continue;
        }
        files.add(full);
      }
    }
  }
}

function safeIsDirectory(p: string): boolean {
  try {
    return statSync(p).isDirectory();
  } catch {
    return false;
  }
}

function safeIsFile(p: string): boolean {
  try {
    return statSync(p).isFile();
  } catch {
    return false;
  }
}

function readIgnore(dir: string): Ignore | null {
  try {
    const text = readFileSync(join(dir, '.gitignore'), 'utf8');
    return ignore().add(text);
  } catch {
    return null;
  }
}

/** .gitignore files above the walked root, up to the repository root. */
function ancestorIgnores(root: string): Array<{ base: string; ig: Ignore }> {
  const chain: Array<{ base: string; ig: Ignore }> = [];
  let dir = dirname(root);
  const dirs: string[] = [];
  for (;;) {
    dirs.push(dir);
    if (safeIsDirectory(join(dir, '.git'))) break;
    const parent = dirname(dir);
    if (parent === dir) return [];
    dir = parent;
  }
  for (const d of dirs.reverse()) {
    const ig = readIgnore(d);
    if (ig) chain.push({ base: d, ig });
  }
  return chain;
}

function isIgnored(path: string, isDir: boolean, ignores: Array<{ base: string; ig: Ignore }>): boolean {
  for (const { base, ig } of ignores) {
    const rel = relative(base, path).split(sep).join('/');
    if (!rel || rel.startsWith('..')) continue;
    if (ig.ignores(isDir ? rel + '/' : rel)) return true;
  }
  return false;
}

const matcherCache = new Map<string, picomatch.Matcher>();

function matchesAny(path: string, root: string, globs: string[]): boolean {
  const rel = relative(root, path).split(sep).join('/');
  if (rel.startsWith('..')) return false;
  return globs.some((g) => {
    let m = matcherCache.get(g);
    if (!m) {
      m = picomatch(g, { dot: true });
      matcherCache.set(g, m);
    }
    return m(rel) || m(rel + '/');
  });
}

export function isExcluded(path: string, config: TrimsafeConfig): boolean {
  if (config.exclude.length === 0) return false;
  // A pattern excludes a directory and everything below it.
  const rel = relative(config.root, path).split(sep).join('/');
  if (rel.startsWith('..')) return false;
  const parts = rel.split('/');
  for (let i = 1; i <= parts.length; i++) {
    if (matchesAny(join(config.root, ...parts.slice(0, i)), config.root, config.exclude)) return true;
  }
  return false;
}

/** Reads one file as UTF-8 text, or explains in one line why it cannot be checked. */
export function readSource(path: string): SourceFile | Notice {
  let bytes: Buffer;
  try {
    const st = statSync(path);
    if (st.isDirectory()) return { path, level: 'error', message: 'is a directory, not a file' };
    if (st.size > MAX_FILE_BYTES) return { path, level: 'error', message: `larger than ${MAX_FILE_BYTES / 1024 / 1024} MB; skipped` };
    bytes = readFileSync(path);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    const why = code === 'EACCES' ? 'permission denied' : code === 'ENOENT' ? 'no such file' : code === 'ELOOP' ? 'symbolic link loop' : code === 'EISDIR' ? 'is a directory, not a file' : (code ?? (err as Error).message);
    return { path, level: 'error', message: `cannot read: ${why}` };
  }
  if (bytes.length === 0) return { path, level: 'info', message: 'empty file; nothing to check' };
  const nul = bytes.indexOf(0);
  if (nul !== -1) return { path, level: 'error', message: `binary content (NUL byte at offset ${nul}); not checked` };
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(bytes);
  } catch {
    const at = firstInvalidUtf8(bytes);
    const line = bytes.subarray(0, at).filter((b) => b === 10).length + 1;
    return { path, level: 'error', message: `not valid UTF-8 (first bad byte at line ${line}, byte offset ${at}); not checked` };
  }
  const hadBom = text.charCodeAt(0) === 0xfeff;
  if (hadBom) text = text.slice(1);
  const crlf = (text.match(/\r\n/g) ?? []).length;
  const lf = (text.match(/\n/g) ?? []).length - crlf;
  return { path, text, hadBom, eol: crlf > lf ? '\r\n' : '\n', bytes };
}

export function isNotice(x: SourceFile | Notice): x is Notice {
  return (x as Notice).level !== undefined;
}

function firstInvalidUtf8(bytes: Buffer): number {
  let i = 0;
  while (i < bytes.length) {
    const b = bytes[i];
    const need = b < 0x80 ? 0 : b >= 0xc2 && b < 0xe0 ? 1 : b >= 0xe0 && b < 0xf0 ? 2 : b >= 0xf0 && b < 0xf5 ? 3 : -1;
    if (need < 0) return i;
    for (let k = 1; k <= need; k++) if (i + k >= bytes.length || (bytes[i + k] & 0xc0) !== 0x80) return i;
    i += need + 1;
  }
  return bytes.length;
}
