// Prints who linked which AWS account to what, when.
//   node --import tsx examples/audit-replay/src/main.ts --demo
//   node --import tsx examples/audit-replay/src/main.ts --store sqlite:./.providers/events.db [--org acme] [--account 123456789012]
import { parseArgs } from 'node:util';
import { Providers } from '@providers/sdk';
import { describeFact, replayLinkFacts } from './audit-replay.js';
import { demoClock, recordDemoHistory } from './demo-history.js';

const { values } = parseArgs({
  options: {
    store: { type: 'string' },
    org: { type: 'string' },
    account: { type: 'string' },
    type: { type: 'string' },
    demo: { type: 'boolean', default: false },
  },
});

// The demo replays a history it records first, in memory, so that it runs on a fresh clone.
const providers = await Providers.open({ store: values.demo ? 'memory:' : (values.store ?? process.env.PROVIDERS_STORE), ...(values.demo ? { clock: () => demoClock.now } : {}) });
try {
  if (values.demo) await recordDemoHistory(providers);
  const facts = await replayLinkFacts(providers, {
    ...(values.org !== undefined ? { orgId: values.org } : {}),
    ...(values.account !== undefined ? { accountId: values.account } : {}),
    ...(values.type !== undefined ? { type: values.type } : {}),
  });
  for (const fact of facts) console.log(describeFact(fact));
  console.log(`${facts.length} ${facts.length === 1 ? 'fact' : 'facts'}`);
} finally {
  await providers.close();
}
