// `--format sarif`: SARIF 2.1.0 for code scanning, with rule metadata and fixes.

import { pathToFileURL } from 'node:url';
import { Finding } from '../../analysis/finding';
import { RULES } from '../../rules/registry';
import { RuleMeta } from '../../rules/rule';
import { displayPath, Report } from './common';

const LEVEL = { error: 'error', warning: 'warning', info: 'note', hint: 'note' } as const;

export function formatSarif(report: Report, extraRules: RuleMeta[] = []): string {
  const metas = [...RULES.map((r) => r.meta), ...extraRules];
  const index = new Map(metas.map((m, i) => [m.code, i]));
  const region = (r: Finding['range']) => ({
    startLine: r.start.line + 1,
    startColumn: r.start.character + 1,
    endLine: r.end.line + 1,
    endColumn: r.end.character + 1,
  });
  const artifact = (path: string) => ({ uri: encodeURI(displayPath(report.cwd, path)), uriBaseId: '%SRCROOT%' });
  const doc = {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: 'trimsafe',
            version: report.version,
            informationUri: 'https://www.npmjs.com/package/trimsafe',
            rules: metas.map((m) => ({
              id: m.code,
              name: m.name,
              shortDescription: { text: m.summary },
              fullDescription: { text: `${m.docs.what} ${m.docs.why}` },
              help: { text: `${m.docs.why}\n\nUse instead:\n${m.docs.useInstead}`, markdown: `${m.docs.why}\n\n**Use instead:**\n\n\`\`\`julia\n${m.docs.useInstead}\n\`\`\`` },
              defaultConfiguration: { level: LEVEL[m.severity] },
              properties: { category: m.category, tags: ['trim', m.category, ...(m.tags ?? [])] },
            })),
          },
        },
        originalUriBaseIds: { '%SRCROOT%': { uri: pathToFileURL(report.cwd.endsWith('/') ? report.cwd : report.cwd + '/').href } },
        columnKind: 'utf16CodeUnits',
        results: report.findings.map((f) => ({
          ruleId: f.code,
          ...(index.has(f.code) ? { ruleIndex: index.get(f.code) } : {}),
          level: LEVEL[f.severity],
          message: { text: f.via && f.via.length > 0 ? `${f.message} (via ${f.via.join(' -> ')})` : f.message },
          locations: [{ physicalLocation: { artifactLocation: artifact(f.path), region: region(f.range) } }],
          ...(f.related && f.related.length > 0
            ? { relatedLocations: f.related.map((r, i) => ({ id: i + 1, message: { text: r.message }, physicalLocation: { artifactLocation: artifact(r.path), region: region(r.range) } })) }
            : {}),
          ...(f.fixes.length > 0
            ? {
                fixes: f.fixes.map((x) => ({
                  description: { text: `${x.description}${x.safety === 'unsafe' ? ' (unsafe)' : ''}` },
                  artifactChanges: groupEdits(x.edits, f.path).map(([path, edits]) => ({
                    artifactLocation: artifact(path),
                    replacements: edits.map((e) => ({ deletedRegion: region(e.range), insertedContent: { text: e.newText } })),
                  })),
                })),
              }
            : {}),
          properties: { reachable: f.reachable, ...(f.tags.length > 0 ? { tags: f.tags } : {}) },
        })),
        invocations: [
          {
            executionSuccessful: true,
            toolExecutionNotifications: report.notices
              .filter((n) => n.level === 'error')
              .map((n) => ({ level: 'error', message: { text: n.message }, locations: [{ physicalLocation: { artifactLocation: artifact(n.path) } }] })),
          },
        ],
      },
    ],
  };
  return JSON.stringify(doc, null, 2) + '\n';
}

function groupEdits(edits: Finding['fixes'][number]['edits'], home: string): Array<[string, typeof edits]> {
  const m = new Map<string, typeof edits>();
  for (const e of edits) {
    const p = e.path ?? home;
    m.set(p, [...(m.get(p) ?? []), e]);
  }
  return [...m];
}
