#!/usr/bin/env node
// The `trimsafe` executable: the command line, or the language server with --stdio.

import { runCli } from './cli';

async function main(): Promise<void> {
  const argv = process.argv.slice(2);
  if (argv.some((a) => a === '--stdio' || a === '--node-ipc' || a.startsWith('--socket'))) {
    const lsp = await import('./lsp/start').catch(() => null);
    if (lsp) {
      lsp.startServer();
      return;
    }
  }
  const code = await runCli(argv, {
    cwd: process.cwd(),
    stdout: (s) => process.stdout.write(s),
    stderr: (s) => process.stderr.write(s),
    isTTY: !!process.stdout.isTTY,
    env: process.env,
  });
  process.exitCode = code;
}

main().catch((err) => {
  process.stderr.write(`trimsafe: internal error: ${(err as Error).stack ?? err}\n`);
  process.exitCode = 2;
});
