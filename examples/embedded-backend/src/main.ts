// Runs the example backend: `pnpm --filter @providers/example-embedded-backend start`.
import { silenceSdkNodeVersionWarning } from '@providers/vending';
import { DEMO_TOKENS } from './auth.js';
import { startServer } from './server.js';
import { openBackend } from './wiring.js';

silenceSdkNodeVersionWarning();
const backend = await openBackend({ store: process.env.PROVIDERS_STORE ?? 'sqlite:./.providers/example-backend.db' });
const { server, url } = await startServer(backend, DEMO_TOKENS, { port: Number(process.env.PORT ?? 8080) });
console.log(`listening on ${url} — open ${url}/orgs/acme and sign in with admin-token (tokens: src/auth.ts)`);
const stop = () => server.close(() => void backend.close());
process.once('SIGINT', stop);
process.once('SIGTERM', stop);
