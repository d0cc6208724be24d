// Entry of the language server: `trimsafe --stdio`, `--node-ipc` or `--socket=PORT`, read from argv
// by vscode-languageserver's createConnection.

import { createConnection, ProposedFeatures } from 'vscode-languageserver/node';
import { createTrimsafeServer } from './server';

export function startServer(): void {
  const connection = createConnection(ProposedFeatures.all);
  // A bug in one request must not take the editor's server down: log it and keep serving.
  process.on('uncaughtException', (err) => {
    try {
      connection.console.error(`trimsafe: uncaught error: ${err.stack ?? err}`);
    } catch {
      process.stderr.write(`trimsafe: uncaught error: ${err.stack ?? err}\n`);
    }
  });
  process.on('unhandledRejection', (reason) => {
    try {
      connection.console.error(`trimsafe: unhandled rejection: ${(reason as Error)?.stack ?? String(reason)}`);
    } catch {
      process.stderr.write(`trimsafe: unhandled rejection: ${String(reason)}\n`);
    }
  });
  createTrimsafeServer(connection);
}
