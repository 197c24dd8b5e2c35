/**
 * `npm run build`, second step: the compiled CLI becomes CommonJS bundles that bin/qcode.js
 * runs with V8 code caches (issue #12: `qcode tag` within 1.6× of `node -e 0`).
 *
 * - dist/cli/qcode.cjs: the whole CLI (dist/cli/main.js and every module it imports), for help,
 *   mistyped commands and anything unusual.
 * - dist/cli/qcode-<command>.cjs: the CLI with that one command, a third of the size or less:
 *   less to read, and less for V8 to take from the cache.
 * - <bundle>.cache: V8's compiled code for each bundle, made by scripts/code-cache.cjs.
 *
 * Node then reads one file instead of resolving and linking some seventy ES modules, and V8
 * skips compiling what the cache holds: ~40 ms of every command's start. The TypeScript in
 * src/ stays the source; the ES modules in dist/ stay the library and the fallback when there
 * is no bundle.
 *
 * Left outside: better-sqlite3's compiled addon (loaded by src/db/open.ts), docx and pdf.js
 * (large, ES modules only, used by few commands: loaded through core/external-module.ts),
 * natural, yaml and saxes (loaded by createRequire where needed).
 */
import { build } from 'esbuild';
import { spawnSync } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join, relative, sep } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const cliDir = join(root, 'dist', 'cli');
const entry = join(cliDir, 'main.js');

/**
 * Each module keeps its own import.meta.url (its path in dist/, relative to the bundle, so a
 * moved install still works): version.ts reads ../../package.json from it, createRequire
 * resolves from it.
 */
const ownUrl = {
  name: 'own-import-meta-url',
  setup(b) {
    b.onLoad({ filter: /[\\/]dist[\\/].*\.js$/ }, async (args) => {
      const text = await readFile(args.path, 'utf8');
      if (!text.includes('import.meta.url')) return undefined;
      const rel = relative(cliDir, args.path).split(sep).join('/');
      return { contents: text.replaceAll('import.meta.url', `__qcodeFileUrl(${JSON.stringify(rel)})`), loader: 'js' };
    });
  },
};

/**
 * Builtins that cost milliseconds to load and that most runs never use are loaded on first use
 * inside the bundle: node:child_process (~4 ms; commander requires it at start for executable
 * subcommands, which qcode does not have; qcode asks git for the coder's name with it) and
 * node:crypto (~3 ms; content hashes at ingest, the HTML report's CSP). The stand-in has the
 * builtin's exports as getters that load it when first read (esbuild's ES-module wrapper
 * copies them as getters in turn, so importing it reads nothing).
 */
const LAZY_BUILTINS = ['child_process', 'crypto'];
const require = createRequire(import.meta.url);
const lazyBuiltins = {
  name: 'lazy-builtins',
  setup(b) {
    const filter = new RegExp(`^(node:)?(${LAZY_BUILTINS.join('|')})$`);
    b.onResolve({ filter }, (args) => (args.namespace === 'lazy-builtin'
      ? { path: args.path, external: true } // the stand-in's own require: the real builtin
      : { path: args.path.replace(/^node:/, ''), namespace: 'lazy-builtin' }));
    b.onLoad({ filter: /.*/, namespace: 'lazy-builtin' }, (args) => {
      const id = `node:${args.path}`;
      const names = Object.keys(require(id));
      return {
        contents: `let real;\nconst load = () => (real ??= require(${JSON.stringify(id)}));\n`
          + `for (const key of ${JSON.stringify(names)}) Object.defineProperty(module.exports, key, { enumerable: true, get: () => load()[key] });\n`,
        loader: 'js',
      };
    });
  },
};

/** Leaves every command but `name` out (bin/qcode.js runs this bundle only for `name`). */
const onlyCommand = (name) => ({
  name: 'only-command',
  setup(b) {
    b.onResolve({ filter: /^\.\/commands\/[a-z-]+\.js$/ }, (args) => {
      if (!args.importer.endsWith(`${sep}command-list.js`) || args.path === `./commands/${name}.js`) return undefined;
      return { path: args.path, namespace: 'other-command' };
    });
    b.onLoad({ filter: /.*/, namespace: 'other-command' }, (args) => ({
      contents: `throw new Error(${JSON.stringify(`${args.path} is not in the bundle of qcode ${name}`)});\n`,
      loader: 'js',
    }));
  },
});

const { version } = JSON.parse(await readFile(join(root, 'package.json'), 'utf8'));

async function bundle(outfile, plugins) {
  const result = await build({
    entryPoints: [entry],
    outfile,
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    external: ['*.node', 'docx', 'pdfjs-dist', 'natural', 'yaml', 'saxes'],
    define: { QCODE_BUNDLED_VERSION: JSON.stringify(version) },
    banner: { js: "const __qcodeFileUrl = (rel) => require('node:url').pathToFileURL(require('node:path').join(__dirname, rel)).href;" },
    plugins: [ownUrl, lazyBuiltins, ...plugins],
    metafile: true,
    legalComments: 'eof',
    logLevel: 'warning',
  });
  // An import() left in the bundle would need a module loader the vm.Script does not have.
  const dynamic = Object.values(result.metafile.inputs).flatMap((i) => i.imports)
    .filter((i) => i.kind === 'dynamic-import' && i.external);
  if (dynamic.length > 0) {
    throw new Error(`import() of ${dynamic.map((i) => i.path).join(', ')} stays in ${outfile}; load it through core/external-module.ts`);
  }
}

const { COMMANDS } = await import(pathToFileURL(join(cliDir, 'command-list.js')).href);
await Promise.all([
  bundle(join(cliDir, 'qcode.cjs'), []),
  ...COMMANDS.map((c) => bundle(join(cliDir, `qcode-${c.name}.cjs`), [onlyCommand(c.name)])),
]);

// The code caches are made by the node that will run them (V8 checks its version and flags).
// What the warming runs print is of no interest unless the cache could not be made.
const made = spawnSync(process.execPath, [join(root, 'scripts', 'code-cache.cjs')], { stdio: ['ignore', 'ignore', 'pipe'], encoding: 'utf8' });
if (made.status !== 0) {
  process.stderr.write(made.stderr);
  process.exit(made.status ?? 1);
}
