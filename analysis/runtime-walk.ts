// The one walk over code that runs at run time: function bodies and parameter defaults, with the
// innermost function as owner, skipping signatures, quoted code and `@eval`/`@generated` arguments.
// The rule engine and the call graph both walk this way.

import { SyntaxNode } from '../grammar-bindings';
import { FileFacts, FunctionInfo } from './file-facts';

export interface UnitWalkOptions {
  /** Also visit parameter type annotations (the call graph reads type names there). */
  paramTypes?: boolean;
  /** Also visit the defining node of each nested function (lambda, do-block, inner function). */
  nestedDefinitions?: boolean;
}

type Visit = (node: SyntaxNode, owner: FunctionInfo) => void;

/** Visits the run-time code of one unit and of the closures it creates. */
export function walkUnit(unit: FunctionInfo, file: FileFacts, visit: Visit, options: UnitWalkOptions = {}): void {
  // Two parallel stacks rather than [node, owner] pairs: this runs over every run-time node.
  const nodes: SyntaxNode[] = [];
  const owners: FunctionInfo[] = [];
  const pushFunction = (f: FunctionInfo) => {
    for (let i = f.body.length - 1; i >= 0; i--) {
      nodes.push(f.body[i]);
      owners.push(f);
    }
    for (let i = f.params.length - 1; i >= 0; i--) {
      const d = f.params[i].defaultValue;
      if (d) {
        nodes.push(d);
        owners.push(f);
      }
      const t = options.paramTypes ? f.params[i].typeNode : null;
      if (t) {
        nodes.push(t);
        owners.push(f);
      }
    }
  };
  pushFunction(unit);
  while (nodes.length > 0) {
    const node = nodes.pop()!;
    const owner = owners.pop()!;
    const nested = file.functionByNode.get(node);
    if (nested && nested !== owner) {
      if (options.nestedDefinitions) visit(node, owner);
      pushFunction(nested);
      continue;
    }
    visit(node, owner);
    if (node.type === 'quote_statement' || (node.type === 'quote_expression' && node.namedChild(0)?.type !== 'identifier')) continue;
    if (node.type === 'macrocall_expression' && quotesItsArguments(node)) continue;
    const kids = node.children;
    for (let i = kids.length - 1; i >= 0; i--) {
      nodes.push(kids[i]);
      owners.push(owner);
    }
  }
}

/** `@eval ...` and `@generated ...`: their arguments are code made at build time, not run. */
function quotesItsArguments(node: SyntaxNode): boolean {
  // The macro's name as `macroCall` reads it, without building its argument list.
  const kids = node.children;
  for (let i = 0; i < kids.length; i++) {
    if (kids[i].type !== 'macro_identifier') continue;
    const name = kids[i].text.replace(/^@/, '').trim();
    return name === 'eval' || name === 'generated';
  }
  return false;
}

/** Visits every run-time node of a file: each unit that is not build-time code, nested definitions included. */
export function walkRuntime(file: FileFacts, visit: Visit): void {
  for (const unit of file.functions) {
    if (unit.parent || unit.buildTime) continue;
    walkUnit(unit, file, visit, { nestedDefinitions: true });
  }
}
