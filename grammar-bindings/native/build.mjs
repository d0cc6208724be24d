// The package's install script: compiles trimsafe's parser addon with node-gyp from the C sources
// of the installed `tree-sitter` and `tree-sitter-julia` packages. It never fails the install:
// without a compiler, Node's headers or those packages it prints one line and exits 0, and
// trimsafe parses with the tree-sitter binding (or wasm) instead.

import { spawnSync } from 'node:child_process';
import { existsSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const built = join(here, 'build', 'Release', 'trimsafe_parser.node');
const started = performance.now();

function done(message) {
  process.stdout.write(`trimsafe: ${message}\n`);
  process.exit(0);
}

function skip(reason) {
  rmSync(join(here, 'build'), { recursive: true, force: true });
  done(`native parser addon not built (${reason}); parsing with the tree-sitter binding or wasm instead`);
}

try {
  const require = createRequire(join(here, 'binding.gyp'));
  for (const [name, file] of [
    ['tree-sitter', 'vendor/tree-sitter/lib/src/lib.c'],
    ['tree-sitter-julia', 'src/parser.c'],
  ]) {
    let dir;
    try {
      dir = dirname(require.resolve(`${name}/package.json`));
    } catch {
      skip(`package ${name} is not installed`);
    }
    if (!existsSync(join(dir, file))) skip(`${name} has no ${file}`);
  }

  // npm runs scripts with its own node-gyp on the PATH and names it in npm_config_node_gyp; run by
  // hand, the script looks for the node-gyp that npm bundles, then for one on the PATH.
  const nodePrefix = dirname(dirname(process.execPath));
  const gyp = [process.env.npm_config_node_gyp, join(nodePrefix, 'lib', 'node_modules', 'npm', 'node_modules', 'node-gyp', 'bin', 'node-gyp.js')].find(
    (p) => p && existsSync(p),
  );
  const [cmd, prefix] = gyp ? [process.execPath, [gyp]] : ['node-gyp', []];
  const args = [...prefix, 'rebuild', '--jobs=max', '--loglevel=error'];
  // Without a configured nodedir node-gyp downloads Node's headers; use the installed ones if any.
  if (!process.env.npm_config_nodedir && existsSync(join(nodePrefix, 'include', 'node', 'node_api.h'))) args.push(`--nodedir=${nodePrefix}`);

  const r = spawnSync(cmd, args, { cwd: here, encoding: 'utf8', timeout: 600_000, shell: process.platform === 'win32' });
  if (r.error || r.status !== 0 || !existsSync(built)) {
    const output = `${r.stderr ?? ''}\n${r.stdout ?? ''}`;
    const why =
      r.error?.code === 'ENOENT'
        ? 'node-gyp not found'
        : r.error
          ? r.error.message
          : (output.split('\n').find((l) => /error|not found|No such file/i.test(l) && !/^gyp info/.test(l))?.trim() ?? `node-gyp exited with ${r.status}`);
    skip(why.slice(0, 200));
  }
  // The addon must load and parse here, or it is not kept.
  const check = spawnSync(process.execPath, ['-e', `const a = require(${JSON.stringify(built)}); if (a.parse('x = 1') === null) process.exit(3);`], { encoding: 'utf8' });
  if (check.status !== 0) skip(`it does not load: ${(check.stderr.split('\n').find((l) => /Error/.test(l)) ?? `exit ${check.status}`).trim().slice(0, 200)}`);
  done(`built the native parser addon in ${((performance.now() - started) / 1000).toFixed(1)} s`);
} catch (err) {
  skip(err?.message ?? String(err));
}
