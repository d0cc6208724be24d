// The .jl files under a directory, sorted, for the bench scripts.

import { readdirSync } from 'node:fs';
import { join } from 'node:path';

export function listJl(root) {
  const out = [];
  const stack = [root];
  while (stack.length > 0) {
    const d = stack.pop();
    for (const e of readdirSync(d, { withFileTypes: true })) {
      const p = join(d, e.name);
      if (e.isDirectory()) stack.push(p);
      else if (e.isFile() && e.name.endsWith('.jl')) out.push(p);
    }
  }
  return out.sort();
}
