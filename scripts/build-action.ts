import { copyFile, mkdir, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build, type Plugin } from 'esbuild';

/**
 * Bundles the GitHub Action (index.mjs) and the command-line tool (schema-bot.mjs) into one ES
 * module each, beside the files their dependencies read at run time, so that
 * `node dist/action/index.mjs` runs from a checkout of the action and
 * `node dist/action/schema-bot.mjs <command>` from a checkout of this repository at a tag (as the
 * GitLab template fetches it), both with no node_modules and no package registry:
 *
 * - PGlite finds its WebAssembly, data and extension files with `new URL('…', import.meta.url)`.
 *   esbuild leaves such URLs alone, so they would point next to the bundle into nothing; the
 *   plugin below copies each file it finds referenced that way into the output directory and
 *   rewrites the URL to `./<name>`.
 * - libpg-query is CommonJS and finds its .wasm through __dirname; the banner gives the bundle a
 *   __dirname (and the require that CommonJS code inside an ES module needs) and the file is copied.
 *
 * The output depends only on the sources and the locked versions: no timestamps, no absolute
 * paths, files sorted, so a rebuild can be compared byte for byte with the committed bundle.
 */
export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const ACTION_DIST = path.join(ROOT, 'dist', 'action');
export const BUILD_COMMAND = 'npm run build:action';

/** The bundles, by output name. */
const ENTRY_POINTS = { index: 'src/action/main.ts', 'schema-bot': 'src/cli.ts' };

const BANNER = [
  '// schema-bot, bundled by scripts/build-action.ts; rebuild with `npm run build:action`.',
  "import { createRequire as __schemaBotCreateRequire } from 'node:module';",
  "import { fileURLToPath as __schemaBotFileURLToPath } from 'node:url';",
  'const require = __schemaBotCreateRequire(import.meta.url);',
  'const __filename = __schemaBotFileURLToPath(import.meta.url);',
  "const __dirname = __schemaBotFileURLToPath(new URL('.', import.meta.url));",
].join('\n');

/** Files CommonJS dependencies open relative to their own directory (__dirname). */
const DIRNAME_ASSETS = ['node_modules/libpg-query/wasm/libpg-query.wasm'];

const ASSET_URL = /new URL\((["'])([^"'\n]+\.(?:wasm|data|tar\.gz))\1,\s*import\.meta\.url\)/g;

/** Copies every file a bundled module opens with `new URL(…, import.meta.url)` and points the URL at the copy. */
function importMetaAssets(assets: Map<string, string>): Plugin {
  return {
    name: 'import-meta-url-assets',
    setup(b) {
      b.onLoad({ filter: /[\\/]node_modules[\\/].*\.m?js$/ }, async (args) => {
        const source = await readFile(args.path, 'utf8');
        if (!source.includes('import.meta.url')) return undefined;
        const contents = source.replace(ASSET_URL, (_match, quote: string, relative: string) => {
          const file = path.resolve(path.dirname(args.path), relative);
          const name = path.basename(file);
          const known = assets.get(name);
          if (known && known !== file) throw new Error(`two bundled files are both named ${name}: ${known} and ${file}`);
          assets.set(name, file);
          return `new URL(${quote}./${name}${quote}, import.meta.url)`;
        });
        return { contents, loader: 'js' };
      });
    },
  };
}

/** The name, version and licence text of every package whose code is in the bundle, for its licence notices. */
async function licenseNotices(inputs: string[]): Promise<string> {
  const roots = new Set<string>();
  for (const input of inputs) {
    const match = /^(.*node_modules\/(?:@[^/]+\/)?[^/]+)\//.exec(input);
    if (match) roots.add(match[1]!);
  }
  const notices: string[] = [];
  for (const root of [...roots].sort()) {
    const manifest = JSON.parse(await readFile(path.join(ROOT, root, 'package.json'), 'utf8')) as { name: string; version: string; license?: string };
    const licenseFile = (await readdir(path.join(ROOT, root))).sort().find((f) => /^(licen[cs]e|copying)(\.|$)/i.test(f));
    const text = licenseFile ? (await readFile(path.join(ROOT, root, licenseFile), 'utf8')).trim() : `(no licence file; package.json says ${manifest.license ?? 'nothing'})`;
    notices.push(`${manifest.name}@${manifest.version} (${manifest.license ?? 'unknown'})\n\n${text}`);
  }
  return `${notices.join(`\n\n${'-'.repeat(72)}\n\n`)}\n`;
}

/** Builds the action and the CLI into `outDir` (by default dist/action/), replacing what was there. */
export async function buildAction(outDir = ACTION_DIST): Promise<string[]> {
  await rm(outDir, { recursive: true, force: true });
  await mkdir(outDir, { recursive: true });
  const assets = new Map<string, string>(DIRNAME_ASSETS.map((a) => [path.basename(a), path.join(ROOT, a)]));
  const { version } = JSON.parse(await readFile(path.join(ROOT, 'package.json'), 'utf8')) as { version: string };
  const result = await build({
    absWorkingDir: ROOT,
    entryPoints: ENTRY_POINTS,
    outdir: outDir,
    outExtension: { '.js': '.mjs' },
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node22',
    // src/app/version.ts reads package.json, which is not beside the bundles.
    define: { SCHEMA_BOT_BUNDLED_VERSION: JSON.stringify(version) },
    // pg loads its optional native binding only when asked to; the action never asks.
    external: ['pg-native'],
    banner: { js: BANNER },
    legalComments: 'none',
    minify: true,
    metafile: true,
    logLevel: 'warning',
    plugins: [importMetaAssets(assets)],
  });
  for (const [name, file] of [...assets].sort()) await copyFile(file, path.join(outDir, name));
  await writeFile(path.join(outDir, 'licenses.txt'), await licenseNotices(Object.keys(result.metafile.inputs)));
  return (await readdir(outDir)).sort();
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const files = await buildAction();
  process.stderr.write(`built ${path.relative(ROOT, ACTION_DIST)}/: ${files.join(', ')}\n`);
}
