import { dirname, isAbsolute, join, normalize } from 'node:path';
import { SyntaxNode } from '../grammar-bindings';
import { FileFacts, FunctionInfo, GlobalInfo, ModuleInfo, moduleStatements } from '../analysis/file-facts';
import { Fix, TextEdit } from '../analysis/finding';
import { assignmentParts, literalType } from '../analysis/julia-syntax';
import { localNames } from '../analysis/local-types';
import { Project, rangeOf } from '../analysis/project';
import { Rule } from './rule';

export interface Declared {
  global: GlobalInfo;
  path: string;
}

/** What one module (all its pieces across files) declares at top level. */
export interface ModuleTable {
  untyped: Map<string, Declared[]>;
  /** Names that are also const, typed, functions or types: reads of them are fine. */
  settled: Set<string>;
  /** Names assigned inside some function after `global name`. */
  reassigned: Set<string>;
}

export interface ProjectTables {
  files: FileFacts[];
  byContext: Map<string, ModuleTable>;
  contextOf: Map<ModuleInfo, string>;
  /** Untyped global names, with how many declarations each has. */
  untypedNames: Map<string, number>;
  /** Lengths of those names (with how many names each): a cheap first test for every identifier. */
  untypedNameLengths: Map<number, number>;
  /** The files with a part in each module context, in project order. */
  contributors: Map<string, FileFacts[]>;
}

/** What one file declares, by the index of its module in `file.modules`; independent of other files. */
interface FileDeclarations {
  untyped: Array<{ global: GlobalInfo; module: number }>;
  settled: Array<{ name: string; module: number }>;
  reassigned: Array<{ name: string; module: number }>;
  /** What decides the context keys of this file and of the files it includes. */
  keyShape: string;
}

const tablesCache = new WeakMap<Project, ProjectTables>();

export const untypedGlobal: Rule = {
  meta: {
    code: 'TRIM202',
    name: 'untyped-global',
    summary: 'Non-`const`, untyped globals read in run-time code',
    severity: 'error',
    category: 'types',
    fixable: 'unsafe',
    docs: {
      what:
        'Flags each read, inside a run-time function, of a module-level variable assigned without `const` and without a type annotation (`verbose = false`). The finding points at the read and links to the declaration.',
      why:
        'A global that is neither `const` nor typed can be rebound to a value of any type at any time, so the compiler types every read of it `Any`. Each call that uses the value is then a dynamic call the trim verifier cannot resolve.',
      verifierMessage: 'unresolved call from statement Main.println(Core.stdout, Main.verbose::Any)::Any',
      example: 'verbose = false\n\nfunction (@main)(args)\n    verbose && println(Core.stdout, "starting")\n    return 0\nend',
      useInstead:
        'const verbose = false          # never changes\n# or\nverbose::Bool = false          # may be reassigned, always a Bool\n\nfunction (@main)(args)\n    verbose && println(Core.stdout, "starting")\n    return 0\nend',
      fixSafety:
        'Both fixes edit the declaration and are unsafe. Annotating the type (`verbose::Bool = false`, offered when the value is a literal) keeps the global assignable but makes assigning a value of another type an error. Making it `const` (offered when no function assigns it with `global`) forbids reassignment.',
      falsePositives:
        '`const` globals, typed globals (`world::String = "world!"`), `const R = Ref(0)` cells, names that are also functions or types, locals that shadow the global (parameters, assignments, loop, `catch` and `let` variables), and reads at top level (build time) are not flagged. Globals declared in another file count when that file is `include`d into the same module.',
      evidence: [
        'https://github.com/JuliaLang/julia/issues/58458',
        'https://github.com/JuliaLang/julia/tree/master/test/trim',
      ],
    },
  },
  create(ctx) {
    const tables = projectTables(ctx.project);
    return {
      identifier(node, owner) {
        if (!tables.untypedNameLengths.has(node.endIndex - node.startIndex)) return;
        const name = node.text;
        if (!tables.untypedNames.has(name) || !isRead(node)) return;
        if (localNames(owner).has(name) || isFunctorSelf(name, owner)) return;
        const context = tables.contextOf.get(owner.module);
        const table = context ? tables.byContext.get(context) : undefined;
        if (!table || table.settled.has(name)) return;
        const declared = table.untyped.get(name);
        if (!declared) return;
        // Prefer a declaration in this file.
        const decl = declared.find((d) => d.path === ctx.file.path) ?? declared[0];
        const g = decl.global;
        const type = g.valueNode ? literalType(g.valueNode) : null;
        const example = type && g.valueNode ? `\`${name}::${type} = ${g.valueNode.text}\`` : `\`${name}::T = ...\` with a concrete \`T\``;
        ctx.report({
          node,
          message: `\`${name}\` is a global without \`const\` or a type, so its type is \`Any\` here and every use of it is a dynamic call the trim verifier cannot resolve. Declare it \`const\` or give it a concrete type (${example}).`,
          fixes: declarationFixes(name, declared, table, ctx.file.path),
          related: [{ path: decl.path, range: rangeOf(g.nameNode), message: `\`${name}\` is declared here without \`const\` or a type` }],
        });
      },
    };
  },
};

/** Macros whose top-level arguments are still module-level statements. */
const TRANSPARENT_MACROS = new Set(['static', 'doc', 'eval', '__doc__', 'inline', 'noinline', 'nospecialize']);

/** An assignment inside `@deprecate old begin ... end` or a similar macro is not a global. */
function insideOpaqueMacro(n: SyntaxNode): boolean {
  for (let p = n.parent; p; p = p.parent) {
    if (p.type === 'macrocall_expression') {
      const ident = p.children.find((c) => c.type === 'macro_identifier');
      if (!ident || !TRANSPARENT_MACROS.has(ident.text.replace(/^@/, ''))) return true;
    }
  }
  return false;
}

/** The object's own name in a functor method `(ss::SummarySize)(x) = ...`. */
function isFunctorSelf(name: string, owner: FunctionInfo): boolean {
  for (let f: FunctionInfo | null = owner; f; f = f.parent) {
    const target = f.nameNode?.type === 'parenthesized_expression' ? f.nameNode.namedChild(0) : null;
    if (target?.type === 'typed_expression' && target.namedChild(0)?.text === name) return true;
  }
  return false;
}

/** False for identifiers that are written, declared, quoted or only name a field or keyword. */
function isRead(node: SyntaxNode): boolean {
  const parent = node.parent;
  if (!parent) return false;
  switch (parent.type) {
    case 'field_expression':
      return parent.namedChild(0) === node;
    case 'quote_expression':
    case 'macro_identifier':
    case 'scoped_identifier':
    case 'global_statement':
    case 'local_statement':
    case 'import_path':
    case 'selected_import':
    case 'import_alias':
    case 'using_statement':
    case 'import_statement':
      return false;
    case 'named_argument':
    case 'named_field':
      return parent.namedChild(0) !== node;
    case 'assignment':
      return parent.namedChild(0) !== node;
    case 'open_tuple':
      return parent.parent?.type !== 'global_statement' && parent.parent?.type !== 'local_statement';
    case 'macrocall_expression':
      // The module qualifier of `Mod.@m`.
      return !parent.children.some((c) => c.type === 'macro_identifier' && c.startIndex > node.startIndex);
    case 'typed_expression':
      // `x::Bool` asserts the type at the read: the builtin typeassert narrows it.
      return parent.namedChild(0) !== node;
    case 'binary_expression': {
      // `x === nothing` and `x isa T` are builtins that do not dispatch on the value.
      const op = parent.namedChildren.find((c) => c.type === 'operator')?.text;
      return op !== '===' && op !== '!==' && !(op === 'isa' && parent.namedChild(0) === node);
    }
    case 'argument_list':
    case 'macro_argument_list': {
      const mc = parent.parent?.type === 'macrocall_expression' ? parent.parent.children.find((c) => c.type === 'macro_identifier') : null;
      return mc?.text !== '@isdefined';
    }
    default:
      return true;
  }
}

function declarationFixes(name: string, declared: Declared[], table: ModuleTable, filePath: string): Fix[] {
  const first = declared[0];
  const g = first.global;
  const parts = g.statement.type === 'assignment' ? assignmentParts(g.statement) : null;
  const simple = g.statement.type === 'assignment' && parts?.lhs === g.nameNode && g.valueNode === parts.rhs && parts.rhs?.type !== 'assignment';
  if (!simple) return [];
  const path = first.path === filePath ? undefined : first.path;
  const withPath = (e: TextEdit): TextEdit => (path ? { ...e, path } : e);
  const fixes: Fix[] = [];
  const types = new Set(declared.map((d) => (d.global.valueNode ? literalType(d.global.valueNode) : null)));
  const type = types.size === 1 ? [...types][0] : null;
  if (type) {
    const at = rangeOf(g.nameNode).end;
    fixes.push({
      description: `Declare \`${name}::${type}\``,
      safety: 'unsafe',
      edits: [withPath({ range: { start: at, end: { ...at } }, newText: `::${type}` })],
    });
  }
  if (declared.length === 1 && !table.reassigned.has(name)) {
    const at = rangeOf(g.statement).start;
    fixes.push({
      description: `Make \`${name}\` const`,
      safety: 'unsafe',
      edits: [withPath({ range: { start: at, end: { ...at } }, newText: 'const ' })],
    });
  }
  return fixes;
}

const declarationsCache = new WeakMap<FileFacts, FileDeclarations>();
/** `global` names assigned in each unit, by its node (a node is reused only while its text is unchanged). */
const reassignedCache = new WeakMap<SyntaxNode, string[]>();

function declarationsOf(f: FileFacts): FileDeclarations {
  let d = declarationsCache.get(f);
  if (d) return d;
  const index = new Map(f.modules.map((m, i) => [m, i]));
  const mod = (m: ModuleInfo) => index.get(m)!;
  d = {
    untyped: [],
    settled: [],
    reassigned: [],
    keyShape: JSON.stringify([f.path, f.modules.map((m) => [m.name, m.parent ? index.get(m.parent) ?? -1 : -1]), f.includes.map((i) => [i.path, mod(i.module)])]),
  };
  for (const g of f.globals) {
    if (insideOpaqueMacro(g.statement)) continue;
    if (g.kind === 'untyped') d.untyped.push({ global: g, module: mod(g.module) });
    else d.settled.push({ name: g.name, module: mod(g.module) });
  }
  for (const fn of f.functions) {
    if (!fn.parent && fn.name && (fn.kind === 'function' || fn.kind === 'short')) d.settled.push({ name: fn.name, module: mod(fn.module) });
    if (fn.unit !== fn) continue;
    let names = reassignedCache.get(fn.node);
    if (!names) {
      // Reading the text is much cheaper than walking the body, and a `global` statement spells its keyword.
      names = fn.body.some((b) => b.text.includes('global')) ? globalAssignments(fn.body) : [];
      reassignedCache.set(fn.node, names);
    }
    for (const n of names) d.reassigned.push({ name: n, module: mod(fn.module) });
  }
  for (const s of f.structs) d.settled.push({ name: s.name, module: mod(s.module) });
  for (const a of f.abstractTypes) d.settled.push({ name: a.name, module: mod(a.module) });
  // `global x::Int` without a value still fixes the type.
  for (let i = 0; i < f.modules.length; i++) {
    const m = f.modules[i];
    for (const stmt of moduleStatements(m.node ?? f.tree.root)) {
      if (stmt.type !== 'global_statement') continue;
      const inner = stmt.namedChild(0);
      if (inner?.type === 'typed_expression' && inner.namedChild(0)?.type === 'identifier') d.settled.push({ name: inner.namedChild(0)!.text, module: i });
    }
  }
  declarationsCache.set(f, d);
  return d;
}

function count<K>(map: Map<K, number>, key: K, by: number): void {
  const n = (map.get(key) ?? 0) + by;
  if (n === 0) map.delete(key);
  else map.set(key, n);
}

function countUntyped(tables: ProjectTables, d: FileDeclarations, by: number): void {
  for (const { global } of d.untyped) {
    if (by > 0 && !tables.untypedNames.has(global.name)) count(tables.untypedNameLengths, global.name.length, 1);
    count(tables.untypedNames, global.name, by);
    if (by < 0 && !tables.untypedNames.has(global.name)) count(tables.untypedNameLengths, global.name.length, -1);
  }
}

/** The table of one module context, from the declarations of the files with a part in it. */
function tableOf(key: string, files: FileFacts[], contextOf: Map<ModuleInfo, string>): ModuleTable {
  const t: ModuleTable = { untyped: new Map(), settled: new Set(), reassigned: new Set() };
  for (const f of files) {
    const keys = f.modules.map((m) => contextOf.get(m));
    const d = declarationsOf(f);
    for (const u of d.untyped) {
      if (keys[u.module] !== key) continue;
      const list = t.untyped.get(u.global.name);
      if (list) list.push({ global: u.global, path: f.path });
      else t.untyped.set(u.global.name, [{ global: u.global, path: f.path }]);
    }
    for (const s of d.settled) if (keys[s.module] === key) t.settled.add(s.name);
    for (const r of d.reassigned) if (keys[r.module] === key) t.reassigned.add(r.name);
  }
  return t;
}

/** The project-wide declaration tables (kept per project and patched after edits; exported for tests). */
export function projectTables(project: Project): ProjectTables {
  const files = [...project.files.values()];
  const cached = tablesCache.get(project);
  const tables = cached ? updatedTables(cached, files) : null;
  if (tables === cached && cached) return cached;
  const made = tables ?? buildTables(project, files);
  tablesCache.set(project, made);
  return made;
}

/**
 * The tables after some files were replaced by versions with the same modules and includes (so
 * every module context stays as it was): only the contexts those files have a part in are made
 * again. The cached tables themselves when nothing changed; null when more than that changed.
 */
function updatedTables(cached: ProjectTables, files: FileFacts[]): ProjectTables | null {
  if (cached.files.length !== files.length) return null;
  const changed: Array<{ before: FileFacts; after: FileFacts }> = [];
  for (let i = 0; i < files.length; i++) {
    const before = cached.files[i];
    const after = files[i];
    if (before === after) continue;
    if (before.path !== after.path || declarationsOf(before).keyShape !== declarationsOf(after).keyShape) return null;
    changed.push({ before, after });
  }
  if (changed.length === 0) return cached;
  const tables: ProjectTables = {
    files,
    byContext: new Map(cached.byContext),
    contextOf: new Map(cached.contextOf),
    untypedNames: new Map(cached.untypedNames),
    untypedNameLengths: new Map(cached.untypedNameLengths),
    contributors: new Map(cached.contributors),
  };
  const touched = new Set<string>();
  const replaced = new Map<FileFacts, FileFacts>();
  for (const { before, after } of changed) {
    for (let i = 0; i < before.modules.length; i++) {
      const key = tables.contextOf.get(before.modules[i])!;
      tables.contextOf.delete(before.modules[i]);
      tables.contextOf.set(after.modules[i], key);
      touched.add(key);
    }
    countUntyped(tables, declarationsOf(before), -1);
    countUntyped(tables, declarationsOf(after), 1);
    replaced.set(before, after);
  }
  for (const key of touched) {
    const list = tables.contributors.get(key)!.map((f) => replaced.get(f) ?? f);
    tables.contributors.set(key, list);
    tables.byContext.set(key, tableOf(key, list, tables.contextOf));
  }
  return tables;
}

function buildTables(project: Project, files: FileFacts[]): ProjectTables {
  const contextOf = new Map<ModuleInfo, string>();
  const includer = new Map<string, { file: FileFacts; module: ModuleInfo }>();
  for (const f of files) {
    for (const inc of f.includes) {
      if (!inc.path) continue;
      const to = normalize(isAbsolute(inc.path) ? inc.path : join(dirname(f.path), inc.path));
      if (!includer.has(to) && project.files.has(to)) includer.set(to, { file: f, module: inc.module });
    }
  }
  const keyOf = (file: FileFacts, m: ModuleInfo, seen: Set<string>): string => {
    if (m.name !== null && m.parent) return `${keyOf(file, m.parent, seen)}.${m.name}`;
    const by = includer.get(file.path);
    if (!by || seen.has(file.path)) return `file:${file.path}`;
    seen.add(file.path);
    return keyOf(by.file, by.module, seen);
  };
  const tables: ProjectTables = { files, byContext: new Map(), contextOf, untypedNames: new Map(), untypedNameLengths: new Map(), contributors: new Map() };
  for (const f of files) {
    const keys = new Set<string>();
    for (const m of f.modules) {
      const key = keyOf(f, m, new Set());
      contextOf.set(m, key);
      keys.add(key);
    }
    for (const key of keys) {
      const list = tables.contributors.get(key);
      if (list) list.push(f);
      else tables.contributors.set(key, [f]);
    }
    countUntyped(tables, declarationsOf(f), 1);
  }
  for (const [key, list] of tables.contributors) tables.byContext.set(key, tableOf(key, list, contextOf));
  return tables;
}

/** Names declared `global` inside a function body (including nested functions): they may be reassigned. */
function globalAssignments(body: SyntaxNode[]): string[] {
  const out: string[] = [];
  const stack = [...body];
  while (stack.length > 0) {
    const n = stack.pop()!;
    if (n.type === 'global_statement') {
      const inner = n.namedChild(0);
      const target = inner?.type === 'assignment' ? assignmentParts(inner)?.lhs ?? null : inner;
      const ids = target?.type === 'open_tuple' ? target.namedChildren : target ? [target] : [];
      for (const id of ids) {
        if (id.type === 'identifier') out.push(id.text);
        else if (id.type === 'typed_expression' && id.namedChild(0)?.type === 'identifier') out.push(id.namedChild(0)!.text);
      }
    }
    for (const c of n.children) stack.push(c);
  }
  return out;
}
