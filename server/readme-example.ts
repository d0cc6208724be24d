// `npm run docs` also refreshes the README's example: the real output of
// `trimsafe --check examples/`, so the README never shows output the tool does not print.

import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { runCli } from './cli';

export const EXAMPLE_START = '<!-- example-output:start -->';
export const EXAMPLE_END = '<!-- example-output:end -->';

export async function exampleBlock(root: string): Promise<string> {
  let out = '';
  const code = await runCli(['--check', 'examples/'], { cwd: root, stdout: (s) => (out += s), stderr: () => {}, isTTY: false, env: {} });
  return ['```console', '$ npx trimsafe --check examples/', out.trimEnd(), `$ echo $?`, String(code), '```'].join('\n');
}

export function spliceExample(readme: string, block: string): string {
  const a = readme.indexOf(EXAMPLE_START);
  const b = readme.indexOf(EXAMPLE_END);
  if (a === -1 || b === -1 || b < a) throw new Error('README.md has no example-output markers');
  return readme.slice(0, a + EXAMPLE_START.length) + '\n' + block + '\n' + readme.slice(b);
}

if (require.main === module) {
  const root = join(__dirname, '..', '..');
  const path = join(root, 'README.md');
  exampleBlock(root).then((block) => {
    writeFileSync(path, spliceExample(readFileSync(path, 'utf8'), block));
    process.stdout.write('wrote the README example\n');
  });
}
