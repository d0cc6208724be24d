// `npm test`: builds, then runs the whole suite under both parser backends (they must agree), and
// closes with one plain summary line.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const root = join(import.meta.dirname, '..');
const extra = process.argv.slice(2);
const run = (cmd, args, env = {}) =>
  spawnSync(cmd, args, { cwd: root, stdio: 'inherit', env: { ...process.env, ...env } }).status ?? 1;

if (run('npm', ['run', '--silent', 'build']) !== 0) {
  console.log('build: 0 passed, 1 failed');
  process.exit(1);
}

const tmp = mkdtempSync(join(tmpdir(), 'trimsafe-test-'));
let passed = 0;
let failed = 0;
let skipped = 0;
let status = 0;
for (const backend of ['native', 'wasm']) {
  console.log(`\n=== parser backend: ${backend} ===`);
  const out = join(tmp, `${backend}.json`);
  const code = run('npx', ['vitest', 'run', '--reporter=default', '--reporter=json', `--outputFile.json=${out}`, ...extra], {
    TRIMSAFE_PARSER: backend,
  });
  if (code !== 0) status = 1;
  try {
    const report = JSON.parse(readFileSync(out, 'utf8'));
    passed += report.numPassedTests;
    failed += report.numFailedTests;
    skipped += report.numPendingTests + (report.numTodoTests ?? 0);
    if (report.numTotalTests === 0) status = 1;
  } catch {
    failed += 1;
    status = 1;
  }
}
rmSync(tmp, { recursive: true, force: true });
console.log(`\ntests (native + wasm): ${passed} passed, ${failed} failed, ${skipped} skipped`);
process.exit(status);
