// The npm package as users get it: `npm pack`, then install the tarball into an empty project and
// run `trimsafe --check` there. Installing needs the dependencies from the npm registry or a warm
// npm cache (`npm ci` fills it); without either this test fails and says so. It sets the parser
// of each run itself, so it runs once, in the native pass of `npm test`.

import { spawnSync, SpawnSyncReturns } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { join, relative, resolve, sep } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isolatedTempDir } from './isolated-temp';

const ROOT = resolve(__dirname, '..', '..');
const HAZARD = 'function (@main)(args)\n    println("hello")\n    return 0\nend\n';
const CLEAN = 'function (@main)(args)\n    println(Core.stdout, "hello")\n    return 0\nend\n';
const VERSION = (JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { version: string }).version;

/** The environment without npm's per-run variables (they would point npm back at this checkout). */
function childEnv(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [k, v] of Object.entries(process.env)) if (!/^npm_/i.test(k) && k !== 'TRIMSAFE_PARSER' && k !== 'INIT_CWD') env[k] = v;
  return { ...env, NO_COLOR: '1', ...extra };
}

function run(cmd: string, args: string[], cwd: string, extra: Record<string, string> = {}, timeout = 120_000): SpawnSyncReturns<string> {
  return spawnSync(cmd, args, { cwd, env: childEnv(extra), encoding: 'utf8', timeout });
}

const NPM_INSTALL = ['install', '--prefer-offline', '--no-audit', '--no-fund', '--no-save', '--loglevel=error'];

describe.skipIf(process.env.TRIMSAFE_PARSER === 'wasm')('the npm package', () => {
  let work = '';
  let tarball = '';
  let checkout = '';

  beforeAll(() => {
    work = isolatedTempDir('trimsafe-pack-');
    // Pack a copy of the working tree, so the build that `npm pack` runs (`prepare`) writes the
    // copy's dist/, not the one other tests run from.
    const copy = join(work, 'checkout');
    cpSync(ROOT, copy, { recursive: true, filter: (src) => !/^(node_modules|dist|\.git)$/.test(relative(ROOT, src).split(sep)[0]) });
    symlinkSync(join(ROOT, 'node_modules'), join(copy, 'node_modules'), 'dir');
    // foreground-scripts=false keeps the build's output off stdout, which must hold only the JSON.
    const packed = run('npm', ['pack', '--json', '--foreground-scripts=false', '--pack-destination', work], copy, {}, 180_000);
    if (packed.status !== 0) throw new Error(`npm pack failed (exit ${packed.status}):\n${packed.stderr}`);
    const [info] = JSON.parse(packed.stdout) as Array<{ filename: string }>;
    tarball = join(work, info.filename);
    checkout = copy;
  }, 240_000);

  afterAll(() => {
    if (work) rmSync(work, { recursive: true, force: true });
  });

  it('holds the compiled program and docs, and no sources, tests or fixtures', () => {
    const listed = run('npm', ['pack', '--dry-run', '--json', '--ignore-scripts'], checkout);
    expect(listed.status, listed.stderr).toBe(0);
    const [info] = JSON.parse(listed.stdout) as Array<{ files: Array<{ path: string }> }>;
    const paths = info.files.map((f) => f.path);
    expect(paths).toContain('dist/server/main.js');
    expect(paths).toContain('dist/grammar-bindings/backend.js');
    expect(paths).toContain('package.json');
    expect(paths).toContain('README.md');
    // What the install script needs to build the parser addon.
    const addonSources = ['grammar-bindings/native/binding.gyp', 'grammar-bindings/native/build.mjs', 'grammar-bindings/native/trimsafe_parser.c'];
    for (const p of addonSources) expect(paths).toContain(p);
    const unexpected = paths.filter(
      (p) => !(p.startsWith('dist/') && p.endsWith('.js')) && !(p.startsWith('docs/') && p.endsWith('.md')) && !['package.json', 'README.md', 'LICENSE', ...addonSources].includes(p),
    );
    expect(unexpected).toEqual([]);
    expect(paths.filter((p) => /(^|\/)(test|tests|fixtures|scratch|bench|examples)\//.test(p) || p.endsWith('.jl') || p.endsWith('.ts'))).toEqual([]);
  });

  function installInto(name: string, flags: string[], timeout?: number): string {
    const app = join(work, name);
    mkdirSync(app);
    writeFileSync(join(app, 'package.json'), JSON.stringify({ name: `app-${name}`, version: '1.0.0', private: true }));
    writeFileSync(join(app, 'bad.jl'), HAZARD);
    writeFileSync(join(app, 'clean.jl'), CLEAN);
    const r = run('npm', [...NPM_INSTALL, ...flags, tarball], app, {}, timeout);
    if (r.status !== 0) {
      throw new Error(
        `npm install ${flags.join(' ')} of the packed tarball failed (exit ${r.status}). It needs the npm registry or a warm npm cache (run npm ci first).\n${r.stderr}`,
      );
    }
    return app;
  }

  function trimsafe(app: string, args: string[], extra: Record<string, string> = {}) {
    return run(join(app, 'node_modules', '.bin', 'trimsafe'), args, app, extra);
  }

  /** Checks a hazardous and a clean file; returns the hazard's report and --verbose notes. */
  function expectChecks(app: string, parser: 'native' | 'wasm', extra: Record<string, string> = {}) {
    const bad = trimsafe(app, ['--check', '--verbose', 'bad.jl'], extra);
    expect(bad.status, bad.stderr).toBe(1);
    expect(bad.stdout).toContain('bad.jl:2:5: error[TRIM101] `println` without an IO argument');
    expect(bad.stdout).toContain('Found 1 problem (1 error); 1 file checked. 1 fixable with --fix.');
    expect(bad.stderr).toContain(parser === 'native' ? 'trimsafe: parser: native' : 'using wasm');
    const clean = trimsafe(app, ['--check', 'clean.jl'], extra);
    expect([clean.status, clean.stdout, clean.stderr]).toEqual([0, 'All checks passed (1 file checked).\n', '']);
    return { report: bad.stdout, notes: bad.stderr };
  }

  it('installs and runs with a normal npm install, which builds the parser addon', () => {
    // The install script compiles the addon (about 10 s of CPU).
    const app = installInto('normal', [], 300_000);
    expect(expectChecks(app, 'native').notes).toContain('trimsafe: parser: native (trimsafe parser addon)');
    expect(trimsafe(app, ['--version']).stdout).toBe(`trimsafe ${VERSION}\n`);
  }, 360_000);

  it('installs and runs with --ignore-scripts, and with the wasm parser forced', () => {
    const app = installInto('ignore-scripts', ['--ignore-scripts']);
    const native = expectChecks(app, 'native').report;
    const wasm = trimsafe(app, ['--check', '--verbose', 'bad.jl'], { TRIMSAFE_PARSER: 'wasm' });
    expect(wasm.status).toBe(1);
    expect(wasm.stdout).toBe(native);
    expect(wasm.stderr).toContain('trimsafe: parser: wasm');
  });

  it('falls back to the wasm parser, with a one-line note under --verbose, when the native binding is missing', () => {
    const app = installInto('no-native', ['--ignore-scripts', '--omit=optional']);
    expect(existsSync(join(app, 'node_modules', 'tree-sitter'))).toBe(false);
    expect(existsSync(join(app, 'node_modules', 'trimsafe', 'node_modules', 'tree-sitter'))).toBe(false);
    const { notes } = expectChecks(app, 'wasm');
    const fallback = notes.split('\n').filter((l) => /native tree-sitter binding did not load/.test(l));
    expect(fallback).toHaveLength(1);
    expect(fallback[0]).toMatch(/^trimsafe: native tree-sitter binding did not load \(.+\); using wasm$/);
  });
});
