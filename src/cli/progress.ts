/**
 * A progress bar on stderr, drawn only on a terminal and only for runs long enough to
 * need one.
 */
import type { OnProgress } from '../app/context.js';
import type { CliContext } from './context.js';

export function progressBar(ctx: CliContext, minItems = 20): OnProgress | undefined {
  if (!ctx.stderrIsTTY) return undefined;
  let total = 0;
  let lastDrawn = -1;
  return (event) => {
    if (event.kind === 'start') total = event.total;
    if (total < minItems) return;
    if (event.kind === 'tick') {
      const pct = Math.floor((event.done / event.total) * 100);
      if (pct === lastDrawn) return;
      lastDrawn = pct;
      const width = 30;
      const filled = Math.round((pct / 100) * width);
      ctx.stderr.write(`\r[${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${event.done}/${event.total}`);
    } else if (event.kind === 'end') {
      ctx.stderr.write('\r\x1b[K');
    }
  };
}
