/** JSON with two-space indentation and a final newline; key order is the data's own. */
export function renderJson(data: unknown): string {
  return JSON.stringify(data, null, 2) + '\n';
}
