// Starts `trimsafe --stdio` for Julia files. Everything else (diagnostics, quick fixes, fix-all on
// save with "editor.codeActionsOnSave": {"source.fixAll.trimsafe": "explicit"}, hovers) comes from
// the server; the `trimsafe.*` settings reach it through workspace/configuration.

import * as vscode from 'vscode';
import { LanguageClient, LanguageClientOptions, ServerOptions } from 'vscode-languageclient/node';

let client: LanguageClient | undefined;

export async function activate(context: vscode.ExtensionContext): Promise<void> {
  const command = vscode.workspace.getConfiguration('trimsafe').get<string>('path') || 'trimsafe';
  const serverOptions: ServerOptions = { command, args: ['--stdio'] };
  const clientOptions: LanguageClientOptions = {
    documentSelector: [
      { scheme: 'file', language: 'julia' },
      { scheme: 'untitled', language: 'julia' },
    ],
    synchronize: { configurationSection: 'trimsafe' },
  };
  client = new LanguageClient('trimsafe', 'trimsafe', serverOptions, clientOptions);
  context.subscriptions.push(
    vscode.commands.registerCommand('trimsafe.restart', async () => {
      await client?.restart();
    }),
  );
  await client.start();
}

export async function deactivate(): Promise<void> {
  await client?.stop();
}
