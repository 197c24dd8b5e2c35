/**
 * Recursive folder listing that follows symbolic links the way a researcher expects
 * (a linked folder of transcripts is searched) without ever looping: each real folder is
 * searched once, and a link back to a folder on the way down is skipped. Special files
 * (FIFOs, devices, sockets) are reported, never opened, so nothing can block.
 */
import { readdirSync, realpathSync, statSync, type Stats } from 'node:fs';
import { join, sep } from 'node:path';

export type Entry =
  | { kind: 'file'; path: string; real: string }
  | { kind: 'special' | 'broken-link' | 'hidden'; path: string };

/**
 * Every entry under `root` (absolute), in sorted order of names within each folder.
 * Hidden entries (names starting with `.`) are reported but not entered.
 * Throws the file-system error of a folder that cannot be listed.
 */
export function walkFolder(root: string, visit: (entry: Entry) => void): void {
  const searched = new Set<string>();
  const walk = (dir: string, real: string, onPath: readonly string[]): void => {
    if (searched.has(real)) return;
    searched.add(real);
    const entries = readdirSync(dir, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    for (const entry of entries) {
      const path = join(dir, entry.name);
      if (entry.name.startsWith('.')) {
        visit({ kind: 'hidden', path });
        continue;
      }
      // Plain files and folders need no system call: their real path is their folder's plus their name.
      if (entry.isFile()) visit({ kind: 'file', path, real: join(real, entry.name) });
      else if (entry.isDirectory()) walk(path, join(real, entry.name), [...onPath, join(real, entry.name)]);
      else if (entry.isSymbolicLink()) followLink(path, onPath);
      else visit({ kind: 'special', path });
    }
  };
  const followLink = (path: string, onPath: readonly string[]): void => {
    const stat = statOrNull(path);
    if (stat === null) visit({ kind: 'broken-link', path });
    else if (stat.isDirectory()) {
      const target = realpathSync(path);
      // A link to this folder or one above it is a loop: its files are already on the way.
      if (onPath.some((up) => isSameOrInside(up, target))) return;
      walk(path, target, [...onPath, target]);
    } else if (stat.isFile()) visit({ kind: 'file', path, real: realpathSync(path) });
    else visit({ kind: 'special', path });
  };
  const real = realpathSync(root);
  walk(root, real, [real]);
}

function isSameOrInside(path: string, folder: string): boolean {
  return path === folder || path.startsWith(folder.endsWith(sep) ? folder : folder + sep);
}

/** `stat` following links, or null when the target is missing (a broken link) or unreachable. */
export function statOrNull(path: string): Stats | null {
  try {
    return statSync(path);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ELOOP' || code === 'ENOTDIR') return null;
    throw e;
  }
}
