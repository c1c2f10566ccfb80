// Bundles the CLI with esbuild. Workspace packages (TypeScript sources) are
// bundled in; third-party packages stay external and load from node_modules.
import { build } from 'esbuild';
import { existsSync } from 'node:fs';
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

await build({
  entryPoints: [entry],
  outfile: `${root}packages/cli/dist/providers.js`,
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  sourcemap: 'linked',
  plugins: [externalThirdParty],
  logLevel: 'warning',
});
