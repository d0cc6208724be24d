// A small table of Base types: which are concrete, which abstract, which are IO. Used to judge
// field, parameter and container types without Julia. Unknown names answer 'unknown', never
// 'abstract': a type we cannot see is not reported.

import { SyntaxNode } from '../grammar-bindings';
import { dottedName } from './julia-syntax';

export type Concreteness = 'concrete' | 'abstract' | 'unknown';

const CONCRETE = new Set([
  'Int', 'Int8', 'Int16', 'Int32', 'Int64', 'Int128', 'UInt', 'UInt8', 'UInt16', 'UInt32', 'UInt64', 'UInt128',
  'Float16', 'Float32', 'Float64', 'Bool', 'Char', 'String', 'Symbol', 'Nothing', 'Missing', 'BigInt', 'BigFloat',
  'ComplexF16', 'ComplexF32', 'ComplexF64', 'Cint', 'Cuint', 'Clong', 'Culong', 'Cshort', 'Cushort', 'Clonglong',
  'Culonglong', 'Cfloat', 'Cdouble', 'Csize_t', 'Cssize_t', 'Cchar', 'Cuchar', 'Cwchar_t', 'Cvoid', 'Cstring',
  'Cwstring', 'Cptrdiff_t', 'Cintmax_t', 'Cuintmax_t', 'VersionNumber', 'UUID', 'Regex', 'RegexMatch', 'SubString',
  'IOBuffer', 'IOStream', 'DevNull', 'Task', 'Module', 'DataType', 'UnionAll', 'Method', 'Expr', 'LineNumberNode',
  'QuoteNode', 'GlobalRef', 'Date', 'DateTime', 'Time', 'Millisecond', 'Second', 'Minute', 'Hour', 'Day',
  'ReentrantLock', 'Threads.SpinLock', 'Threads.Atomic', 'Base.RefValue', 'Base.TTY', 'Base.PipeEndpoint',
  'Base.BufferStream', 'Base.GenericIOBuffer', 'Base.DevNull', 'Base.UUID', 'Base.Cstring', 'Core.Box',
  'Vector', 'Matrix', 'Array', 'Dict', 'Set', 'Tuple', 'NTuple', 'NamedTuple', 'Pair', 'Ptr', 'Complex',
  'Rational', 'UnitRange', 'StepRange', 'StepRangeLen', 'LinRange', 'BitVector', 'BitArray', 'BitMatrix', 'Memory',
  'IdDict', 'Base.IdSet', 'Channel', 'WeakKeyDict', 'OrderedDict', 'Base.OneTo', 'OneTo', 'SVector', 'MVector',
  'SMatrix', 'MMatrix', 'SubArray', 'ReinterpretArray', 'PermutedDimsArray', 'Val', 'Type', 'Some', 'Base.Some',
  'IOContext', 'Threads.Condition', 'Condition', 'Event', 'Base.Event', 'Semaphore', 'Base.Semaphore',
  'Base.Lockable', 'Base.OncePerProcess', 'OncePerProcess', 'SparseMatrixCSC', 'SparseVector',
]);

/** Types whose parameters must all be concrete for the whole to be concrete (missing ones are free). */
const PARAM_COUNT: Record<string, number> = {
  Vector: 1, Matrix: 1, Array: 2, Dict: 2, Set: 1, Pair: 2, Ptr: 1, Complex: 1, Rational: 1, UnitRange: 1,
  StepRange: 2, Memory: 1, IdDict: 2, 'Base.IdSet': 1, Channel: 1, OrderedDict: 2, 'Base.RefValue': 1,
  'Base.OneTo': 1, OneTo: 1, BitArray: 1, SubString: 1, 'Threads.Atomic': 1, Some: 1, 'Base.Some': 1,
  'Base.Lockable': 2, SVector: 2, MVector: 2, SMatrix: 4, MMatrix: 4, SparseMatrixCSC: 2, SparseVector: 2,
  'Base.OncePerProcess': 1, OncePerProcess: 1, IOContext: 1, 'Base.GenericIOBuffer': 1, LinRange: 1, Type: 1, Val: 1,
};

const ABSTRACT = new Set([
  'Any', 'Number', 'Real', 'Integer', 'Signed', 'Unsigned', 'AbstractFloat', 'AbstractIrrational', 'Irrational',
  'AbstractString', 'AbstractChar', 'AbstractArray', 'AbstractVector', 'AbstractMatrix', 'AbstractVecOrMat',
  'AbstractRange', 'AbstractUnitRange', 'AbstractDict', 'AbstractSet', 'AbstractDisplay', 'IO', 'Base.IO',
  'Function', 'Base.Callable', 'Callable', 'DenseArray', 'DenseVector', 'DenseMatrix', 'StridedArray',
  'StridedVector', 'StridedMatrix', 'Exception', 'Ref', 'AbstractChannel', 'AbstractLock', 'AbstractPattern',
  'AbstractSparseArray', 'AbstractSparseMatrix', 'AbstractSparseVector', 'AbstractTime', 'Period', 'TimeType',
  'AbstractDateTime', 'Enum', 'Base.AbstractLogger', 'AbstractLogger', 'AbstractOneTo', 'Tuple{Vararg}',
  'Core.Builtin', 'Core.Function', 'Base.Function', 'Union', 'Core.Any', 'Base.Any',
]);

/** IO types; the value maps each to whether it is concrete. */
const IO_TYPES: Record<string, boolean> = {
  IO: false, 'Base.IO': false, IOBuffer: true, IOStream: true, IOContext: true, 'Base.TTY': true,
  'Base.PipeEndpoint': true, 'Base.BufferStream': true, 'Base.GenericIOBuffer': true, DevNull: true,
  'Base.DevNull': true, TCPSocket: true, 'Sockets.TCPSocket': true, 'Base.Process': true, 'Base.AbstractPipe': false,
};

export interface TypeScope {
  /** Type variables in scope (struct parameters, `where` names): concrete at each use. */
  typeVars?: readonly string[];
  /** User types known to be concrete (structs) or abstract (abstract types) in the project. */
  userConcrete?: ReadonlySet<string>;
  userAbstract?: ReadonlySet<string>;
}

/** Type expressions nested deeper than this are not judged ('unknown'): real code never gets close. */
const MAX_TYPE_DEPTH = 64;

/** Judges a type expression as written (`Int`, `Vector{Any}`, `Union{Nothing,Int}`, `T`). */
export function judgeType(node: SyntaxNode, scope: TypeScope = {}): Concreteness {
  return judgeTypeAt(node, scope, 0);
}

function judgeTypeAt(node: SyntaxNode, scope: TypeScope, depth: number): Concreteness {
  if (depth > MAX_TYPE_DEPTH) return 'unknown';
  switch (node.type) {
    case 'identifier':
    case 'field_expression': {
      const name = dottedName(node);
      if (!name) return 'unknown';
      return judgeName(name, scope, true);
    }
    case 'parametrized_type_expression': {
      const base = dottedName(node.namedChild(0));
      const curly = node.namedChild(1);
      if (!base || !curly) return 'unknown';
      const params = curly.namedChildren;
      if (base === 'Union' || base === 'Core.Union') {
        if (params.length > 4) return 'abstract';
        const judged = params.map((p) => judgeTypeAt(p, scope, depth + 1));
        if (judged.includes('abstract')) return 'abstract';
        return judged.includes('unknown') ? 'unknown' : 'concrete';
      }
      if (base === 'Type' || base === 'Val') return 'concrete';
      const baseJudged = judgeName(base, scope, false);
      if (baseJudged === 'abstract') return 'abstract';
      // Tuple{Vararg{T}} has no fixed length; Tuple{A,B} is concrete when its members are.
      if ((base === 'Tuple' || base === 'NTuple' || base === 'NamedTuple') && params.some((p) => p.text.startsWith('Vararg'))) return 'abstract';
      const expected = PARAM_COUNT[base];
      if (expected !== undefined && params.length < expected) return 'abstract';
      const judged = params.map((p) => (isValueParam(p) ? 'concrete' : judgeTypeAt(p, scope, depth + 1)));
      if (judged.includes('abstract')) return 'abstract';
      if (baseJudged === 'unknown' || judged.includes('unknown')) return 'unknown';
      return 'concrete';
    }
    case 'curly_expression':
      return 'unknown';
    default:
      return 'unknown';
  }
}

function isValueParam(p: SyntaxNode): boolean {
  return p.type === 'integer_literal' || p.type === 'quote_expression' || p.type === 'boolean_literal';
}

function judgeName(name: string, scope: TypeScope, bare: boolean): Concreteness {
  if (scope.typeVars?.includes(name)) return 'concrete';
  if (ABSTRACT.has(name)) return 'abstract';
  if (scope.userAbstract?.has(name)) return 'abstract';
  if (scope.userConcrete?.has(name)) return 'concrete';
  if (CONCRETE.has(name)) {
    // A parametric type written bare (`Vector`, `Dict`) leaves its parameters free: abstract.
    if (bare && PARAM_COUNT[name] !== undefined) return 'abstract';
    if (bare && (name === 'Tuple' || name === 'NamedTuple' || name === 'Array' || name === 'Ptr')) return 'abstract';
    return 'concrete';
  }
  const short = name.startsWith('Base.') || name.startsWith('Core.') ? name.slice(5) : null;
  if (short) return judgeName(short, scope, bare);
  return 'unknown';
}

/** 'concrete-io' for IOBuffer/IOStream/..., 'abstract-io' for IO, null when not an IO type. */
export function ioTypeKind(node: SyntaxNode | null): 'concrete-io' | 'abstract-io' | null {
  if (!node) return null;
  const name = node.type === 'parametrized_type_expression' ? dottedName(node.namedChild(0)) : dottedName(node);
  if (!name || !(name in IO_TYPES)) return null;
  return IO_TYPES[name] ? 'concrete-io' : 'abstract-io';
}

export function isKnownAbstractName(name: string): boolean {
  return ABSTRACT.has(name);
}
