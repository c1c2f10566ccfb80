// Bundles the CLI with esbuild. Workspace packages (TypeScript sources) are
// bundled in; third-party packages stay external and load from node_modules.
import { build } from 'esbuild';
import { existsSync, mkdirSync, renameSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const entry = `${root}packages/cli/src/main.ts`;
if (!existsSync(entry)) process.exit(0);

const externalThirdParty = {
  name: 'external-third-party',
  setup(b) {
    b.onResolve({ filter: /^[^./]/ }, (args) =>
      args.path.startsWith('@providers/') ? undefined : { path: args.path, external: true },
    );
  },
};

const outfile = `${root}packages/cli/dist/providers.js`;
const result = await build({
  entryPoints: [entry],
  outfile,
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  sourcemap: 'linked',
  plugins: [externalThirdParty],
  logLevel: 'warning',
  write: false,
});

// Each file written whole under a temporary name, then renamed over the old one: test files build at
// start while others run the bundle, and a process must never load a half-written one.
for (const file of result.outputFiles) {
  mkdirSync(dirname(file.path), { recursive: true });
  const partial = `${file.path}.${process.pid}.partial`;
  writeFileSync(partial, file.contents);
  renameSync(partial, file.path);
}
