/**
 * Source patterns (`--sources`): shell-style globs over source ids — `*` any run, `?` one
 * character, `[…]` a class — several separated by commas. A pattern without wildcards
 * matches the id exactly.
 */
export function sourceMatcher(patterns: string): (id: string) => boolean {
  const res = patterns.split(',').map((p) => p.trim()).filter((p) => p.length > 0).map(globRegExp);
  return (id) => res.some((re) => re.test(id));
}

export function globRegExp(glob: string): RegExp {
  let src = '^';
  for (let i = 0; i < glob.length; i++) {
    const ch = glob[i]!;
    if (ch === '*') src += '.*';
    else if (ch === '?') src += '.';
    else if (ch === '[') {
      const close = glob.indexOf(']', i + 2);
      if (close === -1) src += '\\[';
      else {
        const body = glob.slice(i + 1, close).replace(/^!/, '^').replace(/\\/g, '\\\\');
        src += `[${body}]`;
        i = close;
      }
    } else src += ch.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
  }
  return new RegExp(`${src}$`, 'u');
}
