// Editor settings (initializationOptions and the `trimsafe` section of workspace/configuration) and
// the config resolver the server uses: `.trimsafe.toml` as the CLI reads it, with editor overrides
// on top, and a broken config replaced by defaults (reported, never fatal).

import { dirname, resolve } from 'node:path';

import { findRule } from '../../rules/registry';
import { JuliaVersion } from '../../rules/rule';
import { AnalysisMode, ConfigError, ConfigResolver, defaultConfig, JULIA_VERSIONS, RuleSetting, TrimsafeConfig } from '../config';

export interface EditorSettings {
  julia?: JuliaVersion;
  /** Rule code or name to severity or "off"; wins over `.trimsafe.toml`. */
  rules?: Record<string, RuleSetting>;
  maxWorkspaceFiles?: number;
  mode?: AnalysisMode;
  /** Delay between a change and its analysis; 0 analyses at once. */
  debounceMs?: number;
}

export const DEFAULT_DEBOUNCE_MS = 150;

const RULE_SETTINGS = new Set(['error', 'warning', 'info', 'hint', 'off']);

/**
 * Reads settings leniently: unknown keys and bad values are dropped and described in `problems`,
 * so a typo in an editor config never stops the server. Accepts both `{trimsafe: {...}}` and the
 * bare object.
 */
export function parseEditorSettings(raw: unknown): { settings: EditorSettings; problems: string[] } {
  const problems: string[] = [];
  const settings: EditorSettings = {};
  if (raw === null || raw === undefined) return { settings, problems };
  if (typeof raw !== 'object' || Array.isArray(raw)) {
    problems.push('settings must be an object');
    return { settings, problems };
  }
  let obj = raw as Record<string, unknown>;
  if (typeof obj.trimsafe === 'object' && obj.trimsafe !== null && !Array.isArray(obj.trimsafe)) {
    obj = { ...obj, ...(obj.trimsafe as Record<string, unknown>) };
  }
  if (obj.julia !== undefined && obj.julia !== null) {
    if (typeof obj.julia === 'string' && JULIA_VERSIONS.includes(obj.julia as JuliaVersion)) settings.julia = obj.julia as JuliaVersion;
    else problems.push(`"julia" must be one of ${JULIA_VERSIONS.join(', ')}`);
  }
  if (obj.mode !== undefined && obj.mode !== null) {
    if (obj.mode === 'auto' || obj.mode === 'entrypoints' || obj.mode === 'library') settings.mode = obj.mode;
    else problems.push('"mode" must be "auto", "entrypoints" or "library"');
  }
  const cap = obj.maxWorkspaceFiles ?? obj['max-workspace-files'];
  if (cap !== undefined && cap !== null) {
    if (typeof cap === 'number' && Number.isInteger(cap) && cap >= 0) settings.maxWorkspaceFiles = cap;
    else problems.push('"maxWorkspaceFiles" must be a whole number');
  }
  if (obj.debounceMs !== undefined && obj.debounceMs !== null) {
    if (typeof obj.debounceMs === 'number' && obj.debounceMs >= 0 && Number.isFinite(obj.debounceMs)) settings.debounceMs = obj.debounceMs;
    else problems.push('"debounceMs" must be a number of milliseconds');
  }
  if (obj.rules !== undefined && obj.rules !== null) {
    if (typeof obj.rules !== 'object' || Array.isArray(obj.rules)) problems.push('"rules" must be an object of rule code to severity');
    else {
      const rules: Record<string, RuleSetting> = {};
      for (const [key, value] of Object.entries(obj.rules as Record<string, unknown>)) {
        const rule = findRule(key);
        if (!rule) problems.push(`unknown rule "${key}"`);
        else if (typeof value !== 'string' || !RULE_SETTINGS.has(value)) problems.push(`rule "${key}" must be "off", "error", "warning", "info" or "hint"`);
        else rules[rule.meta.code] = value as RuleSetting;
      }
      settings.rules = rules;
    }
  }
  // `failOn` only matters to the command line; accepted and ignored here.
  return { settings, problems };
}

/** Later settings win, key by key; rule tables are merged. */
export function mergeSettings(...layers: EditorSettings[]): EditorSettings {
  const out: EditorSettings = {};
  for (const l of layers) {
    if (l.julia) out.julia = l.julia;
    if (l.mode) out.mode = l.mode;
    if (l.maxWorkspaceFiles !== undefined) out.maxWorkspaceFiles = l.maxWorkspaceFiles;
    if (l.debounceMs !== undefined) out.debounceMs = l.debounceMs;
    if (l.rules) out.rules = { ...(out.rules ?? {}), ...l.rules };
  }
  return out;
}

function hasOverrides(s: EditorSettings): boolean {
  return !!(s.julia || s.mode || s.maxWorkspaceFiles !== undefined || (s.rules && Object.keys(s.rules).length > 0));
}

/**
 * The CLI's resolver with two differences: editor settings override each config, and a config that
 * fails to load is recorded in `errors` and replaced by defaults rooted at its directory. Returned
 * configs keep a stable identity per config file, as `checkProject` groups files by identity.
 */
export class EditorConfigResolver extends ConfigResolver {
  readonly errors = new Map<string, ConfigError>();
  private readonly overlaid = new Map<TrimsafeConfig, TrimsafeConfig>();
  private readonly fallbacks = new Map<string, TrimsafeConfig>();
  private readonly resolvedByDir = new Map<string, TrimsafeConfig>();

  constructor(
    cwd: string,
    private readonly settings: EditorSettings,
  ) {
    super(cwd);
  }

  override forDirectory(dir: string): TrimsafeConfig {
    const abs = resolve(dir);
    const known = this.resolvedByDir.get(abs);
    if (known) return known;
    let base: TrimsafeConfig;
    try {
      base = super.forDirectory(abs);
    } catch (err) {
      if (!(err instanceof ConfigError)) throw err;
      this.errors.set(err.file, err);
      base = this.fallbacks.get(err.file) ?? defaultConfig(dirname(err.file));
      this.fallbacks.set(err.file, base);
    }
    const config = this.overlay(base);
    this.resolvedByDir.set(abs, config);
    return config;
  }

  private overlay(base: TrimsafeConfig): TrimsafeConfig {
    if (!hasOverrides(this.settings)) return base;
    let out = this.overlaid.get(base);
    if (!out) {
      const s = this.settings;
      const rules = new Map(base.rules);
      for (const [code, setting] of Object.entries(s.rules ?? {})) rules.set(code, setting);
      out = { ...base, rules, julia: s.julia ?? base.julia, mode: s.mode ?? base.mode, maxWorkspaceFiles: s.maxWorkspaceFiles ?? base.maxWorkspaceFiles };
      this.overlaid.set(base, out);
    }
    return out;
  }
}

