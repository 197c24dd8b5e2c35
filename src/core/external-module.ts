/**
 * Loads a dependency that stays outside the bundled CLI (docx, pdf.js: large, ES modules
 * only, needed by few commands). bin/qcode.js runs the bundle as a vm.Script, for its V8 code
 * cache; `import()` inside such a script has no module loader of its own, so the bin hands its
 * own `import()` over under this symbol. Anywhere else (tests, the library) a plain import().
 */
const HOST_IMPORT = Symbol.for('qcode.import');

export async function importExternal<T>(specifier: string): Promise<T> {
  const host = (globalThis as Record<symbol, unknown>)[HOST_IMPORT] as ((s: string) => Promise<unknown>) | undefined;
  return (await (host === undefined ? import(specifier) : host(specifier))) as T;
}
