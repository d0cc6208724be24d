// The one list of rules. Docs, the README table, `trimsafe rules` and the engine all read it.

import { Rule } from './rule';
import { printWithoutIo } from './print-without-io';
import { stdinRead } from './stdin-read';
import { loggingMacro } from './logging-macro';
import { abstractField } from './abstract-field';
import { untypedGlobal } from './untyped-global';
import { collectionSplat } from './collection-splat';
import { keywordSplat } from './keyword-splat';
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
  abstractField,
  untypedGlobal,
  collectionSplat,
  keywordSplat,
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
