// `npm run docs`: writes docs/rules/<CODE>.md for every rule and the README's rule table, from the
// rules' metadata. A test fails when the committed files are stale.

import { mkdirSync, readdirSync, readFileSync, unlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { allRuleMetas } from './all-metas';
import { renderRuleMarkdown, renderRuleTable, spliceRuleTable } from './docs';

export function generatedDocs(): Map<string, string> {
  const files = new Map<string, string>();
  for (const m of allRuleMetas()) files.set(`docs/rules/${m.code}.md`, renderRuleMarkdown(m));
  return files;
}

function main(root: string): void {
  const dir = join(root, 'docs', 'rules');
  mkdirSync(dir, { recursive: true });
  const files = generatedDocs();
  for (const name of readdirSync(dir)) if (!files.has(`docs/rules/${name}`)) unlinkSync(join(dir, name));
  for (const [rel, text] of files) writeFileSync(join(root, rel), text);
  const readmePath = join(root, 'README.md');
  writeFileSync(readmePath, spliceRuleTable(readFileSync(readmePath, 'utf8'), renderRuleTable(allRuleMetas())));
  process.stdout.write(`wrote ${files.size} rule pages and the README rule table\n`);
}

if (require.main === module) main(join(__dirname, '..', '..'));
