// The pre-commit hooks in .pre-commit-hooks.yaml, run by the real pre-commit framework: it clones
// the hook repository, builds a node environment against the system node, installs trimsafe there
// and runs the hook on the files given. The hook repository is a clone of this checkout's HEAD with
// the working tree's hook definitions on top, so uncommitted work elsewhere cannot break the build.
// Needs `pre-commit` (Debian's package; .ci/run installs it) and the npm registry or a warm npm
// cache. It sets the parser itself, so it runs once, in the native pass of `npm test`.

import { spawn, spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isolatedTempDir } from '../package/isolated-temp';

const ROOT = resolve(__dirname, '..', '..');
const HAZARD = 'function (@main)(args)\n    println("hello")\n    return 0\nend\n';
const CLEAN = 'function (@main)(args)\n    println(Core.stdout, "hello")\n    return 0\nend\n';
const HOOK_FILES = ['.pre-commit-hooks.yaml', '.npmrc'];

function env(work: string): NodeJS.ProcessEnv {
  const out: NodeJS.ProcessEnv = {};
  for (const [k, v] of Object.entries(process.env)) if (!/^npm_/i.test(k) && !/^(TRIMSAFE_PARSER|INIT_CWD|GIT_DIR|GIT_WORK_TREE|GIT_INDEX_FILE)$/.test(k)) out[k] = v;
  return {
    ...out,
    NO_COLOR: '1',
    TMPDIR: work,
    PRE_COMMIT_HOME: join(work, 'pre-commit-home'),
    PRE_COMMIT_COLOR: 'never',
    npm_config_prefer_offline: 'true',
    npm_config_audit: 'false',
    npm_config_fund: 'false',
    npm_config_update_notifier: 'false',
    GIT_AUTHOR_NAME: 'trimsafe test',
    GIT_AUTHOR_EMAIL: 'test@example.invalid',
    GIT_COMMITTER_NAME: 'trimsafe test',
    GIT_COMMITTER_EMAIL: 'test@example.invalid',
  };
}

function git(cwd: string, work: string, ...args: string[]): string {
  const r = spawnSync('git', args, { cwd, env: env(work), encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`git ${args.join(' ')} failed in ${cwd}:\n${r.stderr}`);
  return r.stdout;
}

function tryRepo(work: string, cwd: string, args: string[]): Promise<{ code: number | null; output: string }> {
  return new Promise((done) => {
    const child = spawn('pre-commit', ['try-repo', ...args], { cwd, env: env(work) });
    let output = '';
    child.stdout.on('data', (d) => (output += d));
    child.stderr.on('data', (d) => (output += d));
    child.on('close', (code) => done({ code, output }));
  });
}

describe.skipIf(process.env.TRIMSAFE_PARSER === 'wasm')('pre-commit hooks', () => {
  let work = '';
  let hooks = '';
  let project = '';

  beforeAll(() => {
    const version = spawnSync('pre-commit', ['--version'], { encoding: 'utf8' });
    if (version.status !== 0) throw new Error('pre-commit is not installed; install Debian\'s package (apt-get install pre-commit), as .ci/run does');
    work = isolatedTempDir('trimsafe-pre-commit-');
    hooks = join(work, 'hooks');
    git(work, work, 'clone', '--quiet', ROOT, hooks);
    for (const f of HOOK_FILES) copyFileSync(join(ROOT, f), join(hooks, f));
    git(hooks, work, 'add', ...HOOK_FILES);
    if (git(hooks, work, 'status', '--porcelain').trim() !== '') git(hooks, work, 'commit', '--quiet', '-m', 'hook definitions from the working tree');
    project = join(work, 'project');
    mkdirSync(project);
    git(project, work, 'init', '--quiet');
    writeFileSync(join(project, 'bad.jl'), HAZARD);
    writeFileSync(join(project, 'clean.jl'), CLEAN);
    git(project, work, 'add', 'bad.jl', 'clean.jl');
  });

  afterAll(() => {
    if (work) rmSync(work, { recursive: true, force: true });
  });

  it('defines the trimsafe and trimsafe-fix hooks', () => {
    const text = readFileSync(join(ROOT, '.pre-commit-hooks.yaml'), 'utf8');
    expect(text).toContain('- id: trimsafe\n');
    expect(text).toContain('entry: trimsafe --check --force-exclude\n');
    expect(text).toContain('- id: trimsafe-fix\n');
    expect(text).toContain('entry: trimsafe --check --fix --force-exclude\n');
    expect(text.match(/language: node\n/g)).toHaveLength(2);
    expect(text.match(/files: \\\.jl\$\n/g)).toHaveLength(2);
    expect(text.match(/require_serial: true\n/g)).toHaveLength(2);
  });

  it('pre-commit try-repo fails on a hazard with the finding shown, and passes on clean code', async () => {
    // try-repo installs into a fresh store each time; run both installs at once.
    const [bad, clean] = await Promise.all([tryRepo(work, project, [hooks, 'trimsafe', '--files', 'bad.jl']), tryRepo(work, project, [hooks, '--files', 'clean.jl'])]);
    expect(bad.code, bad.output).toBe(1);
    expect(bad.output).toMatch(/^trimsafe\.+Failed$/m);
    expect(bad.output).toContain('bad.jl:2:5: error[TRIM101] `println` without an IO argument');
    expect(bad.output).toContain('Found 1 problem (1 error); 1 file checked.');
    expect(clean.code, clean.output).toBe(0);
    expect(clean.output).toMatch(/^trimsafe\.+Passed$/m);
    expect(clean.output).toMatch(/^trimsafe \(apply safe fixes\)\.+Passed$/m);
    expect(readFileSync(join(project, 'bad.jl'), 'utf8')).toBe(HAZARD);
  }, 600_000);
});
