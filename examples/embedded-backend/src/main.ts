// Runs the example backend: `pnpm --filter @providers/example-embedded-backend start`.
import { fileURLToPath } from 'node:url';
import { Tokens } from '@providers/http';
import { startBackend } from './backend.js';

// The AWS SDK warns about Node 20 on stderr when its first client is built.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';

const tokens = Tokens.fromFile(process.env.PROVIDERS_TOKENS ?? fileURLToPath(new URL('../demo-tokens.json', import.meta.url)));
const backend = await startBackend({ open: { store: process.env.PROVIDERS_STORE ?? 'sqlite:./.providers/example-backend.db' }, tokens, port: Number(process.env.PORT ?? 8080) });
console.log(`listening on ${backend.url} — open ${backend.url}/console and sign in with acme-admin-demo-token (demo-tokens.json)`);
const stop = () => void backend.close();
process.once('SIGINT', stop);
process.once('SIGTERM', stop);
