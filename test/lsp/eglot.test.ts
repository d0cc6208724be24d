// Emacs with eglot, driven in batch mode, as docs/editors.md sets it up: the built server started
// from `eglot-server-programs` with initializationOptions, editor settings sent through
// `eglot-workspace-configuration`, the finding shown by Flymake, and the quick fix picked from
// `eglot-code-actions` and applied to the buffer.

import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { ensureBuilt, MAIN_WITH_PRINTLN } from './harness';

const repo = join(__dirname, '..', '..');
const mainJs = join(repo, 'dist', 'server', 'main.js');
/** Where Debian's elpa-* packages install; `emacs -Q` does not load their autoloads. */
const DEBIAN_ELPA = '/usr/share/emacs/site-lisp/elpa';

function hasEmacs(): boolean {
  return spawnSync('emacs', ['--version'], { stdio: 'ignore' }).status === 0;
}


const EMACS = hasEmacs();
if (!EMACS) console.warn('skipping the Emacs eglot end-to-end test: emacs is not on PATH (apt-get install emacs-nox elpa-eglot)');

describe.skipIf(!EMACS)('Emacs eglot in batch mode (skipped when emacs is not on PATH)', () => {
  beforeAll(() => {
    ensureBuilt();
    expect(existsSync(mainJs)).toBe(true);
  }, 120_000);

  it('shows the finding in Flymake with the configured severity and applies the Core.stdout quick fix', () => {
    const root = mkdtempSync(join(tmpdir(), 'trimsafe-eglot-'));
    try {
      const workspace = join(root, 'ws');
      writeFileSync(join(root, 'test.el'), EGLOT_SCRIPT);
      mkdirSync(workspace);
      writeFileSync(join(workspace, 'a.jl'), MAIN_WITH_PRINTLN);
      const out = join(root, 'result.txt');
      const run = spawnSync('emacs', ['--batch', '-Q', '-l', join(root, 'test.el')], {
        cwd: workspace,
        env: { ...process.env, TS_ROOT: workspace, TS_OUT: out, TS_MAIN: mainJs, TS_NODE: process.execPath, TS_ELPA: DEBIAN_ELPA },
        timeout: 30_000,
        encoding: 'utf8',
      });
      const result = existsSync(out) ? readFileSync(out, 'utf8').split('\n') : [];
      const why = `emacs exited ${run.status}:\n${result.join('\n')}\n${run.stderr}`;
      expect(result, why).toContain('type=eglot-warning');
      expect(result.find((l) => l.startsWith('text=')), why).toMatch(/^text=trimsafe \[TRIM101\]: `println` without an IO argument/);
      expect(result, why).toContain('offered=Write to Core.stdout|Ignore TRIM101 on this line');
      expect(result, why).toContain('line=    println(Core.stdout, "hi")');
      expect(result, why).toContain('shutdown=ok');
      expect(run.status, why).toBe(0);
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  }, 40_000);
});

// `eglot-ensure` waits for a command loop that batch mode never runs, so the script connects the way
// Emacs' own eglot tests do. It waits for the TRIM101 diagnostic at severity warning (the
// `eglot-workspace-configuration` override, read by the server through workspace/configuration),
// then calls `eglot-code-actions` as `M-x` with a quickfix kind would, answering the menu like a user.
const EGLOT_SCRIPT = String.raw`
(let ((out (getenv "TS_OUT")) (result nil) (status 1))
  (condition-case err
      (progn
        (when (file-directory-p (getenv "TS_ELPA"))
          (dolist (d (directory-files (getenv "TS_ELPA") t "^[a-z]"))
            (add-to-list 'load-path d)))
        (require 'eglot)
        (define-derived-mode julia-mode prog-mode "Julia")
        (add-to-list 'eglot-server-programs
                     (list 'julia-mode (getenv "TS_NODE") (getenv "TS_MAIN") "--stdio"
                           :initializationOptions '(:debounceMs 0)))
        (setq-default eglot-workspace-configuration '(:trimsafe (:rules (:TRIM101 "warning"))))
        (setq eglot-sync-connect t)
        (find-file (expand-file-name "a.jl" (getenv "TS_ROOT")))
        (julia-mode)
        (apply #'eglot--connect (eglot--guess-contact))
        (let ((deadline (+ (float-time) 15)) diag)
          (while (and (not diag) (< (float-time) deadline))
            (flymake-start)
            (accept-process-output nil 0.05)
            (setq diag (cl-find-if (lambda (d) (and (eq (flymake-diagnostic-type d) 'eglot-warning)
                                                    (string-match-p "\\[TRIM101\\]" (flymake-diagnostic-text d))))
                                   (flymake-diagnostics))))
          (push (format "diagnostics=%s" (mapcar #'flymake-diagnostic-text (flymake-diagnostics))) result)
          (unless diag (error "no TRIM101 warning within 15 s"))
          (push (format "text=%s" (flymake-diagnostic-text diag)) result)
          (push (format "type=%s" (flymake-diagnostic-type diag)) result)
          (goto-char (flymake-diagnostic-beg diag))
          (cl-letf (((symbol-function 'completing-read)
                     (lambda (_prompt collection &rest _)
                       (push (format "offered=%s" (mapconcat #'car collection "|")) result)
                       "Write to Core.stdout"))
                    ;; A key press, not a mouse click: eglot then asks with completing-read, not a popup menu.
                    (last-nonmenu-event 13))
            (eglot-code-actions (flymake-diagnostic-beg diag) (flymake-diagnostic-end diag) "quickfix" t))
          (push (format "line=%s" (buffer-substring-no-properties (line-beginning-position) (line-end-position))) result)
          (let ((server (eglot-current-server)))
            (eglot-shutdown server)
            (push (format "shutdown=%s" (if (process-live-p (jsonrpc--process server)) "still running" "ok")) result))
          (setq status 0)))
    (error (push (format "error=%S" err) result)))
  (with-temp-file out (insert (mapconcat #'identity (nreverse result) "\n") "\n"))
  (kill-emacs status))
`;
