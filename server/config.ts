// `.trimsafe.toml`: found by walking up from each file (or named with --config). Malformed TOML and
// unknown keys are errors with the file, line and reason, never silently ignored.

import { existsSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { parse as parseToml, TomlError } from 'smol-toml';
import { Severity } from '../analysis/finding';
import { findRule } from '../rules/registry';
import { JuliaVersion } from '../rules/rule';

export const CONFIG_FILE_NAME = '.trimsafe.toml';
export const JULIA_VERSIONS: readonly JuliaVersion[] = ['1.12', '1.13', 'nightly'];
export const DEFAULT_JULIA: JuliaVersion = '1.12';

export type RuleSetting = Severity | 'off';
export type AnalysisMode = 'auto' | 'entrypoints' | 'library';

export interface TrimsafeConfig {
  /** The config file, or null for defaults. */
  path: string | null;
  /** Directory that relative globs and paths are resolved against. */
  root: string;
  julia: JuliaVersion;
  failOn: Severity | 'none';
  include: string[];
  exclude: string[];
  entrypoints: string[];
  mode: AnalysisMode;
  /** Rule code to setting. */
  rules: Map<string, RuleSetting>;
  verifierLog: string | null;
  /** Cap on files a language server scans in the background. */
  maxWorkspaceFiles: number;
}

export class ConfigError extends Error {
  constructor(
    readonly file: string,
    readonly line: number | null,
    readonly reason: string,
  ) {
    super(`${file}${line ? `:${line}` : ''}: ${reason}`);
  }
}

export function defaultConfig(root: string): TrimsafeConfig {
  return {
    path: null,
    root,
    julia: DEFAULT_JULIA,
    failOn: 'error',
    include: [],
    exclude: [],
    entrypoints: [],
    mode: 'auto',
    rules: new Map(),
    verifierLog: null,
    maxWorkspaceFiles: 5000,
  };
}

const SEVERITIES = ['error', 'warning', 'info', 'hint'];
const TOP_KEYS = new Set([
  'julia',
  'fail-on',
  'include',
  'exclude',
  'entrypoints',
  'mode',
  'rules',
  'verifier-log',
  'verifierLog',
  'max-workspace-files',
]);

/** Parses config text; `file` is used in error messages and to resolve relative paths. */
export function parseConfig(text: string, file: string): TrimsafeConfig {
  let data: Record<string, unknown>;
  try {
    data = parseToml(text) as Record<string, unknown>;
  } catch (err) {
    if (err instanceof TomlError) throw new ConfigError(file, err.line ?? null, `invalid TOML: ${firstLine(err.message)}`);
    throw new ConfigError(file, null, `invalid TOML: ${(err as Error).message}`);
  }
  const config = defaultConfig(dirname(file));
  config.path = file;
  const lineOf = (key: string, table?: string) => findKeyLine(text, key, table);
  for (const [key, value] of Object.entries(data)) {
    if (!TOP_KEYS.has(key)) {
      throw new ConfigError(file, lineOf(key), `unknown key "${key}" (known keys: ${[...TOP_KEYS].filter((k) => k !== 'verifierLog').join(', ')})`);
    }
    const fail = (reason: string): never => {
      throw new ConfigError(file, lineOf(key), reason);
    };
    switch (key) {
      case 'julia':
        if (typeof value !== 'string' || !JULIA_VERSIONS.includes(value as JuliaVersion)) {
          fail(`"julia" must be one of ${JULIA_VERSIONS.map((v) => `"${v}"`).join(', ')}`);
        }
        config.julia = value as JuliaVersion;
        break;
      case 'fail-on':
        if (typeof value !== 'string' || ![...SEVERITIES, 'none'].includes(value)) fail('"fail-on" must be "error", "warning", "info", "hint" or "none"');
        config.failOn = value as Severity | 'none';
        break;
      case 'include':
      case 'exclude':
      case 'entrypoints': {
        if (!Array.isArray(value) || value.some((v) => typeof v !== 'string')) fail(`"${key}" must be a list of strings`);
        const list = value as string[];
        if (key === 'include') config.include = list;
        else if (key === 'exclude') config.exclude = list;
        else config.entrypoints = list;
        break;
      }
      case 'mode':
        if (value !== 'auto' && value !== 'entrypoints' && value !== 'library') fail('"mode" must be "auto", "entrypoints" or "library"');
        config.mode = value as AnalysisMode;
        break;
      case 'verifier-log':
      case 'verifierLog':
        if (typeof value !== 'string') fail(`"${key}" must be a path`);
        config.verifierLog = resolve(config.root, value as string);
        break;
      case 'max-workspace-files':
        if (typeof value !== 'number' || !Number.isInteger(value) || value < 0) fail('"max-workspace-files" must be a whole number');
        config.maxWorkspaceFiles = value as number;
        break;
      case 'rules': {
        if (typeof value !== 'object' || value === null || Array.isArray(value)) fail('"rules" must be a table: [rules]');
        for (const [ruleKey, setting] of Object.entries(value as Record<string, unknown>)) {
          const rule = findRule(ruleKey);
          if (!rule) throw new ConfigError(file, lineOf(ruleKey, 'rules'), `unknown rule "${ruleKey}" in [rules] (see \`trimsafe rules\`)`);
          if (typeof setting !== 'string' || ![...SEVERITIES, 'off'].includes(setting)) {
            throw new ConfigError(file, lineOf(ruleKey, 'rules'), `rule "${ruleKey}" must be "off", "error", "warning", "info" or "hint"`);
          }
          config.rules.set(rule.meta.code, setting as RuleSetting);
        }
        break;
      }
    }
  }
  return config;
}

export function loadConfigFile(file: string): TrimsafeConfig {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (err) {
    throw new ConfigError(file, null, `cannot read config: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`);
  }
  return parseConfig(text, resolve(file));
}

/** The nearest `.trimsafe.toml` at or above `dir`, or null. */
export function findConfigFile(dir: string): string | null {
  let current = resolve(dir);
  for (;;) {
    const candidate = join(current, CONFIG_FILE_NAME);
    if (existsSync(candidate) && isFile(candidate)) return candidate;
    const parent = dirname(current);
    if (parent === current) return null;
    current = parent;
  }
}

function isFile(p: string): boolean {
  try {
    return statSync(p).isFile();
  } catch {
    return false;
  }
}

/** Resolves and caches configs per directory; `forced` (from --config) wins for every file. */
export class ConfigResolver {
  private readonly byFile = new Map<string, TrimsafeConfig>();
  private readonly byDir = new Map<string, string | null>();

  constructor(
    private readonly cwd: string,
    private readonly forced: TrimsafeConfig | null = null,
  ) {}

  forDirectory(dir: string): TrimsafeConfig {
    if (this.forced) return this.forced;
    const abs = resolve(dir);
    let file = this.byDir.get(abs);
    if (file === undefined) {
      file = findConfigFile(abs);
      this.byDir.set(abs, file);
    }
    if (!file) return this.defaults();
    let config = this.byFile.get(file);
    if (!config) {
      config = loadConfigFile(file);
      this.byFile.set(file, config);
    }
    return config;
  }

  forFile(path: string): TrimsafeConfig {
    return this.forDirectory(dirname(resolve(path)));
  }

  private defaultsCache: TrimsafeConfig | null = null;
  private defaults(): TrimsafeConfig {
    return (this.defaultsCache ??= defaultConfig(this.cwd));
  }
}

function firstLine(s: string): string {
  return s.split('\n')[0];
}

function findKeyLine(text: string, key: string, table?: string): number | null {
  const lines = text.split(/\r?\n/);
  let inTable: string | null = null;
  const keyPattern = new RegExp(`^\\s*(["']?)${key.replace(/[.*+?^${}()|[\]\\-]/g, '\\$&')}\\1\\s*=`);
  for (let i = 0; i < lines.length; i++) {
    const header = /^\s*\[\s*([^\]]+?)\s*\]/.exec(lines[i]);
    if (header) {
      inTable = header[1];
      if (!table && inTable === key) return i + 1;
      continue;
    }
    if ((table ?? null) === inTable && keyPattern.test(lines[i])) return i + 1;
  }
  return null;
}
