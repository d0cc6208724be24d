// Entry of the language server (`trimsafe --stdio`).

export function startServer(): void {
  process.stderr.write('trimsafe: the language server is not implemented yet\n');
  process.exitCode = 2;
}
