// trimsafe never runs anything: no processes, no network, no evaluated code, no modules named by
// data. This test reads the product's code (not tests or benchmarks) and allows only what is listed.

import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

const ROOT = join(__dirname, '..', '..');
const PRODUCT_DIRS = ['grammar-bindings', 'analysis', 'rules', 'server'];

/** Node modules that start processes, open connections or debug the process. */
const FORBIDDEN_MODULES = /^(node:)?(child_process|net|http|https|http2|dgram|tls|dns|inspector|cluster|repl)(\/.*)?$/;
/** Third-party modules the product may load, and what for. */
const ALLOWED_MODULES = new Set([
  'tree-sitter', // the native parser
  'tree-sitter-julia', // the grammar
  'web-tree-sitter', // the wasm parser
  'ignore', // .gitignore matching
  'picomatch', // include/exclude globs
  'smol-toml', // .trimsafe.toml
  'vscode-languageserver', // the language server protocol over stdio
  'vscode-languageserver/node',
  'vscode-languageserver-textdocument',
]);
/** Global calls that evaluate code or reach the network. */
const FORBIDDEN_CALLS = new Set(['eval', 'Function', 'fetch', 'XMLHttpRequest', 'WebSocket', 'EventSource']);
/** The one use of node:vm: fetching V8's `gc` function to free native trees (grammar-bindings/backend.ts). */
const ALLOWED_VM_CALL = { file: 'grammar-bindings/backend.ts', call: "vm.runInNewContext('gc')" };

function productFiles(dir: string, ext: string, out: string[] = []): string[] {
  if (!existsSync(dir)) return out;
  for (const name of readdirSync(dir)) {
    const full = join(dir, name);
    if (statSync(full).isDirectory()) productFiles(full, ext, out);
    else if (name.endsWith(ext) && !name.endsWith('.d.ts')) out.push(full);
  }
  return out;
}

interface Problem {
  file: string;
  line: number;
  what: string;
}

function audit(file: string, text = readFileSync(file, 'utf8')): Problem[] {
  const sf = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true);
  const rel = relative(ROOT, file).split('\\').join('/');
  const problems: Problem[] = [];
  const report = (node: ts.Node, what: string) => problems.push({ file: rel, line: sf.getLineAndCharacterOfPosition(node.getStart()).line + 1, what });
  const checkModule = (node: ts.Node, spec: ts.Expression | undefined) => {
    if (!spec || !ts.isStringLiteralLike(spec)) return report(node, 'module loaded by a computed name');
    const name = spec.text;
    if (FORBIDDEN_MODULES.test(name)) return report(node, `loads ${name}`);
    if (name.startsWith('.') || name.startsWith('node:')) return;
    const pkg = name.startsWith('@') ? name.split('/').slice(0, 2).join('/') : name.split('/')[0];
    if (!ALLOWED_MODULES.has(name) && !ALLOWED_MODULES.has(pkg) && !(pkg === 'tree-sitter-julia' && name.endsWith('.wasm'))) report(node, `loads the unlisted module ${name}`);
  };
  const visit = (node: ts.Node) => {
    if (ts.isImportDeclaration(node) || ts.isExportDeclaration(node)) checkModule(node, node.moduleSpecifier);
    if (ts.isImportEqualsDeclaration(node) && ts.isExternalModuleReference(node.moduleReference)) checkModule(node, node.moduleReference.expression);
    if (ts.isCallExpression(node)) {
      const callee = node.expression;
      if (callee.kind === ts.SyntaxKind.ImportKeyword) checkModule(node, node.arguments[0]);
      else if (ts.isIdentifier(callee) && callee.text === 'require') checkModule(node, node.arguments[0]);
      else if (ts.isPropertyAccessExpression(callee) && ts.isIdentifier(callee.expression) && callee.expression.text === 'require' && callee.name.text === 'resolve') checkModule(node, node.arguments[0]);
      else if (ts.isIdentifier(callee) && FORBIDDEN_CALLS.has(callee.text)) report(node, `calls ${callee.text}()`);
      else if (ts.isPropertyAccessExpression(callee) && /^(runIn|compileFunction|Script)/.test(callee.name.text)) {
        if (!(rel === ALLOWED_VM_CALL.file && node.getText() === ALLOWED_VM_CALL.call)) report(node, `evaluates code: ${node.getText().slice(0, 60)}`);
      }
    }
    if (ts.isNewExpression(node) && ts.isIdentifier(node.expression) && FORBIDDEN_CALLS.has(node.expression.text)) report(node, `new ${node.expression.text}()`);
    if (ts.isPropertyAccessExpression(node) && ts.isIdentifier(node.expression) && node.expression.text === 'process' && /^(binding|dlopen|_linkedBinding)$/.test(node.name.text)) report(node, `uses process.${node.name.text}`);
    ts.forEachChild(node, visit);
  };
  visit(sf);
  return problems;
}

describe('security', () => {
  const sources = PRODUCT_DIRS.flatMap((d) => productFiles(join(ROOT, d), '.ts'));

  it('the product code starts no process, opens no connection and evaluates no code', () => {
    expect(sources.length).toBeGreaterThan(20);
    const problems = sources.flatMap((f) => audit(f));
    expect(problems).toEqual([]);
  });

  it('the compiled code loads none of the forbidden modules either (when built)', () => {
    const compiled = PRODUCT_DIRS.flatMap((d) => productFiles(join(ROOT, 'dist', d), '.js'));
    const hits: string[] = [];
    for (const file of compiled) {
      const text = readFileSync(file, 'utf8');
      for (const m of text.matchAll(/require\(\s*["']([^"']+)["']\s*\)|import\(\s*["']([^"']+)["']\s*\)/g)) {
        const name = m[1] ?? m[2];
        if (FORBIDDEN_MODULES.test(name)) hits.push(`${relative(ROOT, file)}: ${name}`);
      }
      if (/\bchild_process\b/.test(text)) hits.push(`${relative(ROOT, file)}: mentions child_process`);
    }
    expect(hits).toEqual([]);
  });

  it('the auditor itself catches what it forbids', () => {
    const samples = [
      "import { execSync } from 'node:child_process';",
      "const h = require('https');",
      'const m = require(name);',
      'eval("1 + 1");',
      'const f = new Function("return 1");',
      "fetch('https://example.com');",
      "import('./plugin-' + name);",
      "import leftpad from 'left-pad';",
      "vm.runInThisContext('1');",
    ];
    for (const code of samples) expect(audit(join(ROOT, 'server', 'sample.ts'), code).length, code).toBeGreaterThan(0);
  });
});
