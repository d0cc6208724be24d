// Positional accessors for tree-sitter-julia nodes. The grammar names almost no fields, so every
// "which child is the callee / the arguments / the left-hand side" question is answered here once.

import { SyntaxNode } from '../grammar-bindings';

export function isCall(n: SyntaxNode): boolean {
  return n.type === 'call_expression' || n.type === 'broadcast_call_expression';
}

export function callee(call: SyntaxNode): SyntaxNode | null {
  return call.namedChild(0);
}

export function argumentList(call: SyntaxNode): SyntaxNode | null {
  return call.children.find((c) => c.type === 'argument_list') ?? null;
}

export function doClause(call: SyntaxNode): SyntaxNode | null {
  return call.children.find((c) => c.type === 'do_clause') ?? null;
}

export interface CallArguments {
  /** Positional arguments, in order (splats included). */
  positional: SyntaxNode[];
  /** Keyword arguments (`k=v` and splats after `;`, and `k=v` before it). */
  keywords: SyntaxNode[];
  /** True when the list contains a `;`. */
  hasSemicolon: boolean;
}

/** Splits an argument_list into positional and keyword parts. */
export function splitArguments(list: SyntaxNode | null): CallArguments {
  const out: CallArguments = { positional: [], keywords: [], hasSemicolon: false };
  if (!list) return out;
  let afterSemicolon = false;
  for (const c of list.children) {
    if (!c.named) {
      if (c.type === ';') {
        afterSemicolon = true;
        out.hasSemicolon = true;
      }
      continue;
    }
    if (c.type === 'line_comment' || c.type === 'block_comment') continue;
    if (afterSemicolon || c.type === 'named_argument') out.keywords.push(c);
    else out.positional.push(c);
  }
  return out;
}

export function callArguments(call: SyntaxNode): CallArguments {
  return splitArguments(argumentList(call));
}

const MAX_DOTTED_SEGMENTS = 256;

/**
 * `a.b.c` as a string for identifiers and field chains; null for anything else. Walks down the
 * chain in a loop: a field chain or parenthesis nest can be thousands of levels deep.
 */
export function dottedName(n: SyntaxNode | null): string | null {
  let unwrapped = 0;
  const members: string[] = [];
  let head: string | null = null;
  while (n) {
    if (n.type === 'identifier') {
      head = n.text;
      break;
    }
    if (n.type === 'field_expression') {
      // No real module path is this long; giving up keeps every caller linear on huge chains.
      if (members.length >= MAX_DOTTED_SEGMENTS) return null;
      const value: SyntaxNode | null = n.childByField('value') ?? n.namedChild(0);
      const member = lastNamedChildOtherThan(n, value);
      if (!member || (member.type !== 'identifier' && member.type !== 'quote_expression')) return null;
      members.push(member.text);
      n = value;
      continue;
    }
    if (n.type === 'scoped_identifier') {
      head = n.text.replace(/\s+/g, '');
      break;
    }
    if (n.type === 'parenthesized_expression' && n.namedChildCount === 1) {
      if (++unwrapped > MAX_DOTTED_SEGMENTS) return null;
      n = n.namedChild(0);
      continue;
    }
    return null;
  }
  if (!head) return null;
  for (let i = members.length - 1; i >= 0; i--) head += '.' + members[i];
  return head;
}

function lastNamedChildOtherThan(n: SyntaxNode, other: SyntaxNode | null): SyntaxNode | undefined {
  const kids = n.children;
  for (let i = kids.length - 1; i >= 0; i--) if (kids[i].named && kids[i] !== other) return kids[i];
  return undefined;
}

/** The called function's dotted name (`println`, `Base.print`), or null for computed callees. */
export function calleeName(call: SyntaxNode): string | null {
  return dottedName(callee(call));
}

/** The last segment of a dotted name: `Base.println` gives `println`. */
export function baseName(name: string): string {
  const i = name.lastIndexOf('.');
  return i === -1 ? name : name.slice(i + 1);
}

export interface MacroCall {
  /** `@info`, `Base.@info` without spaces. */
  fullName: string;
  /** `info`. */
  name: string;
  qualifier: string | null;
  /** Arguments in order; for `@m(a, b)` the argument_list children. */
  args: SyntaxNode[];
  /** True for the parenthesised form `@m(a, b)`. */
  parenthesized: boolean;
  argList: SyntaxNode | null;
  identifier: SyntaxNode;
}

export function macroCall(n: SyntaxNode): MacroCall | null {
  if (n.type !== 'macrocall_expression') return null;
  const ident = n.children.find((c) => c.type === 'macro_identifier');
  if (!ident) return null;
  const name = ident.text.replace(/^@/, '').trim();
  const qualNode = ident.previousNamedSibling;
  const qualifier = qualNode && qualNode.endIndex <= ident.startIndex ? dottedName(qualNode) : null;
  const argList = n.children.find((c) => c.type === 'macro_argument_list' || c.type === 'argument_list') ?? null;
  const args = argList ? argList.namedChildren.filter((c) => c.type !== 'line_comment' && c.type !== 'block_comment') : [];
  return {
    fullName: (qualifier ? qualifier + '.' : '') + '@' + name,
    name,
    qualifier,
    args,
    parenthesized: argList?.type === 'argument_list',
    argList,
    identifier: ident,
  };
}

export function assignmentParts(n: SyntaxNode): { lhs: SyntaxNode; op: string; rhs: SyntaxNode | null } | null {
  if (n.type !== 'assignment' && n.type !== 'compound_assignment_expression') return null;
  // The first named child, the first operator after it, and the named child after that.
  let lhs: SyntaxNode | null = null;
  let op: SyntaxNode | null = null;
  let rhs: SyntaxNode | null = null;
  for (const c of n.children) {
    if (!c.named) continue;
    if (!lhs) lhs = c;
    else if (!op) {
      if (c.type === 'operator') op = c;
    } else {
      rhs = c;
      break;
    }
  }
  return lhs && op ? { lhs, op: op.text, rhs } : null;
}

/** True for literal values whose type is obvious (numbers, strings, chars, symbols, booleans). */
export function isLiteral(n: SyntaxNode): boolean {
  switch (n.type) {
    case 'integer_literal':
    case 'float_literal':
    case 'boolean_literal':
    case 'character_literal':
      return true;
    case 'string_literal':
      return !n.children.some((c) => c.type === 'string_interpolation');
    case 'quote_expression':
      return n.namedChildCount === 1 && n.namedChild(0)!.type === 'identifier';
    default:
      return false;
  }
}

/** The concrete type of a literal, or null. */
export function literalType(n: SyntaxNode): string | null {
  switch (n.type) {
    case 'integer_literal': {
      const t = n.text;
      if (/^0x/i.test(t)) {
        const digits = t.length - 2;
        return digits <= 2 ? 'UInt8' : digits <= 4 ? 'UInt16' : digits <= 8 ? 'UInt32' : digits <= 16 ? 'UInt64' : 'UInt128';
      }
      if (/^0b/i.test(t) || /^0o/i.test(t)) return 'UInt64';
      return 'Int';
    }
    case 'float_literal':
      return /f/i.test(n.text) && !/^0x/i.test(n.text) ? 'Float32' : 'Float64';
    case 'boolean_literal':
      return 'Bool';
    case 'character_literal':
      return 'Char';
    case 'string_literal':
      return 'String';
    case 'quote_expression':
      return isLiteral(n) ? 'Symbol' : null;
    case 'unary_expression': {
      const inner = n.namedChildren[n.namedChildCount - 1];
      return inner && (inner.type === 'integer_literal' || inner.type === 'float_literal') ? literalType(inner) : null;
    }
    default:
      return null;
  }
}

/** True inside `quote ... end` or `:( ... )`, where code is data (interpolations aside). */
export function isInsideQuote(n: SyntaxNode): boolean {
  for (let p = n.parent; p; p = p.parent) {
    if (p.type === 'interpolation_expression') return false;
    if (p.type === 'quote_statement') return true;
    if (p.type === 'quote_expression' && p.namedChild(0)?.type !== 'identifier') return true;
  }
  return false;
}

/** Leading whitespace of the line holding `index`. */
export function lineIndent(source: string, index: number): string {
  const lineStart = source.lastIndexOf('\n', index - 1) + 1;
  const m = /^[ \t]*/.exec(source.slice(lineStart));
  return m ? m[0] : '';
}

/**
 * `dottedName` for chains of at most `maxSegments` names, without recursion; null for longer or
 * computed chains. For analyses that visit every link of a chain (`a.b.c...` can be thousands long).
 */
export function shortDottedName(n: SyntaxNode | null, maxSegments = 8): string | null {
  const parts: string[] = [];
  let cur: SyntaxNode | null = n;
  while (cur && parts.length <= maxSegments) {
    if (cur.type === 'identifier') {
      parts.push(cur.text);
      return parts.reverse().join('.');
    }
    if (cur.type !== 'field_expression') return parts.length === 0 ? dottedNameOfSimple(cur) : null;
    const value: SyntaxNode | null = cur.childByField('value') ?? cur.namedChild(0);
    const member = cur.namedChildren.filter((c) => c !== value).pop();
    if (!member || (member.type !== 'identifier' && member.type !== 'quote_expression')) return null;
    parts.push(member.text);
    cur = value;
  }
  return null;
}

function dottedNameOfSimple(n: SyntaxNode): string | null {
  return n.type === 'scoped_identifier' ? n.text.replace(/\s+/g, '') : null;
}
