// Lists by name that a project state after an edit derives from the previous state's: only the
// names the edit touches get new lists, the rest are shared. The call graph's method tables and
// the type facts' function and struct lists are kept this way.

import type { FunctionInfo } from './file-facts';
import type { ProjectView } from './project-view';

export interface Names<T> {
  get(key: string): T[] | undefined;
  set(key: string, list: T[]): void;
  delete(key: string): void;
}

/** A base table with the names changed since over it; never changed once a later table derives from it. */
export class NameLists<T> implements Names<T> {
  constructor(
    private readonly base = new Map<string, T[]>(),
    private readonly replaced = new Map<string, T[] | undefined>(),
  ) {}

  get(key: string): T[] | undefined {
    const r = this.replaced.get(key);
    return r !== undefined || this.replaced.has(key) ? r : this.base.get(key);
  }

  set(key: string, list: T[]): void {
    this.replaced.set(key, list);
  }

  delete(key: string): void {
    this.replaced.set(key, undefined);
  }

  /** A table with the same lists, to be changed without changing this one. */
  derive(): NameLists<T> {
    if (this.replaced.size * 4 < this.base.size) return new NameLists(this.base, new Map(this.replaced));
    const base = new Map(this.base);
    for (const [k, v] of this.replaced) {
      if (v) base.set(k, v);
      else base.delete(k);
    }
    return new NameLists(base);
  }
}

export function addTo<T>(map: Names<T>, key: string, item: T): void {
  const list = map.get(key);
  if (list) list.push(item);
  else map.set(key, [item]);
}

/**
 * The order a whole build lists functions of `view` in: by module (the view's order), then file
 * path, then position in the file.
 */
export function definitionOrder(view: ProjectView): (a: FunctionInfo, b: FunctionInfo) => number {
  return (a, b) => {
    const d = view.moduleIndexOf(a.module) - view.moduleIndexOf(b.module);
    if (d !== 0) return d;
    const pa = view.fileOf(a)!.path;
    const pb = view.fileOf(b)!.path;
    return pa < pb ? -1 : pa > pb ? 1 : a.id - b.id;
  };
}

/**
 * A changed file's entries put back in a list: `kept` (already in `compare` order, the replaced
 * entries taken out) with `incoming` merged in. Sorts `incoming`.
 */
export function mergeInOrder<T>(kept: readonly T[], incoming: T[], compare: (a: T, b: T) => number): T[] {
  incoming.sort(compare);
  const merged: T[] = [];
  let j = 0;
  for (const x of kept) {
    while (j < incoming.length && compare(incoming[j], x) < 0) merged.push(incoming[j++]);
    merged.push(x);
  }
  while (j < incoming.length) merged.push(incoming[j++]);
  return merged;
}
