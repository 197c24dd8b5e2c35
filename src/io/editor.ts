/**
 * Writing text in the user's editor ($VISUAL, else $EDITOR), through a private temp file.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { UsageError } from '../core/errors.js';

export function editText(initial: string, env: Readonly<Record<string, string | undefined>>): string {
  const editor = env.VISUAL ?? env.EDITOR;
  if (editor === undefined || editor.trim() === '') {
    throw new UsageError('no text given and no editor set', { hint: 'give --text TEXT or --file FILE, pipe the text in, or set EDITOR' });
  }
  const dir = mkdtempSync(join(tmpdir(), 'qcode-memo-'));
  const file = join(dir, 'memo.md');
  try {
    writeFileSync(file, initial, { mode: 0o600 });
    const r = spawnSync(`${editor} "${file}"`, { shell: true, stdio: 'inherit' });
    if (r.status !== 0) throw new UsageError(`the editor (${editor}) exited with ${r.status ?? 'a signal'}; nothing was saved`);
    return readFileSync(file, 'utf8');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
