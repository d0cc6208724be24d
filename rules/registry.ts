// The one list of rules. Docs, the README table, `trimsafe rules` and the engine all read it.

import { Rule } from './rule';
import { printWithoutIo } from './print-without-io';
import { stdinRead } from './stdin-read';
import { loggingMacro } from './logging-macro';
import { printstyled } from './printstyled';
import { abstractField } from './abstract-field';
import { untypedGlobal } from './untyped-global';
import { untypedContainer } from './untyped-container';
import { functionValueCall } from './function-value-call';
import { unstableType } from './unstable-type';
import { boxedCapture } from './boxed-capture';
import { runtimeTypeValue } from './runtime-type-value';
import { abstractValuePrinted } from './abstract-value-printed';
import { exceptionPrinted } from './exception-printed';
import { collectionSplat } from './collection-splat';
import { keywordSplat } from './keyword-splat';
import { nonspecializedPassthrough } from './nonspecialized-passthrough';
import { tooManyPrintArgs } from './too-many-print-args';
import { inferenceBarrier } from './inference-barrier';
import { dynamicFinalizer } from './dynamic-finalizer';
import { fragileBaseFunction } from './fragile-base-function';
import { runtimeCodeLoading } from './runtime-code-loading';
import { dynamicNameAccess } from './dynamic-name-access';
import { taskSpawn } from './task-spawn';
import { distributed } from './distributed';
import { ccallDynamic } from './ccall-dynamic';
import { cfunctionDynamic } from './cfunction-dynamic';
import { ccallableSignature } from './ccallable-signature';
import { ccallableReturnMismatch } from './ccallable-return-mismatch';
import { ccallableThrows } from './ccallable-throws';
import { mainShape } from './main-shape';
import { initHazards } from './init-hazards';
import { packageCompat } from './package-compat';
import { runtimeTrimGating } from './runtime-trim-gating';
import { entrypointMisuse } from './entrypoint-misuse';
import { assertMessageDropped } from './assert-message-dropped';
import { buildMachinePaths } from './build-machine-paths';
import { unusedSuppression } from './unused-suppression';

export const RULES: readonly Rule[] = [
  unusedSuppression,
  printWithoutIo,
  stdinRead,
  loggingMacro,
  printstyled,
  abstractField,
  untypedGlobal,
  untypedContainer,
  functionValueCall,
  unstableType,
  boxedCapture,
  runtimeTypeValue,
  abstractValuePrinted,
  exceptionPrinted,
  collectionSplat,
  keywordSplat,
  nonspecializedPassthrough,
  tooManyPrintArgs,
  inferenceBarrier,
  dynamicFinalizer,
  fragileBaseFunction,
  runtimeCodeLoading,
  dynamicNameAccess,
  taskSpawn,
  distributed,
  ccallDynamic,
  cfunctionDynamic,
  ccallableSignature,
  ccallableReturnMismatch,
  ccallableThrows,
  mainShape,
  initHazards,
  packageCompat,
  runtimeTrimGating,
  entrypointMisuse,
  assertMessageDropped,
  buildMachinePaths,
];

const byKey = new Map<string, Rule>();
for (const r of RULES) {
  byKey.set(r.meta.code.toUpperCase(), r);
  byKey.set(r.meta.name.toLowerCase(), r);
}

/** Finds a rule by code (`TRIM101`) or name (`print-without-io`), case-insensitively. */
export function findRule(key: string): Rule | undefined {
  return byKey.get(key.toUpperCase()) ?? byKey.get(key.toLowerCase());
}
