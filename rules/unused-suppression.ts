import { Rule } from './rule';

// Findings for this rule come from the suppression pass (server/suppressions.ts), which sees every
// rule's results; the rule itself visits nothing.
export const unusedSuppression: Rule = {
  meta: {
    code: 'TRIM001',
    name: 'unused-suppression',
    summary: 'A `# trimsafe: ignore[...]` comment that suppresses nothing',
    severity: 'info',
    category: 'suppressions',
    fixable: 'safe',
    docs: {
      what: 'Flags suppression comments whose codes match no finding on the line they cover (or in the file, for `ignore-file`), and codes that name no rule.',
      why: 'A stale suppression hides the next real problem on that line. Removing it keeps suppressions meaningful.',
      example: 'println(Core.stdout, x)  # trimsafe: ignore[TRIM101] -- was println(x)',
      useInstead: 'println(Core.stdout, x)',
      fixSafety: 'The fix deletes the comment (or only its unused codes); it never changes code, so it is safe.',
      evidence: [],
    },
  },
  create() {
    return {};
  },
};
