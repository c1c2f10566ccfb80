// The foundation's first scenario, run through the real binary on each store the CLI can open.
import * as assert from 'uvu/assert';
import type { CliRun } from './support.js';

/**
 * Adds dev and prod, links the service to dev and its prod instance to prod:
 * a new stage resolves to dev from the service, the instance to prod. `ok`
 * runs the CLI on the store under test and fails unless it exits 0.
 */
export const serviceAndInstanceScenario = async (ok: (args: string[]) => Promise<CliRun>): Promise<void> => {
  await ok(['add', '--org', 'acme', '--name', 'dev', '--type', 'aws', '--role-arn', 'arn:aws:iam::111111111111:role/deploy']);
  await ok(['add', '--org', 'acme', '--name', 'prod', '--type', 'aws', '--role-arn', 'arn:aws:iam::222222222222:role/deploy']);
  await ok(['link', '--org', 'acme', '--provider', 'dev', '--app', 'app1', '--service', 'service1']);
  await ok(['link', '--org', 'acme', '--provider', 'prod', '--app', 'app1', '--service', 'service1', '--stage', 'prod', '--region', 'us-east-1']);
  const int = (await ok(['resolve', '--org', 'acme', '--app', 'app1', '--service', 'service1', '--stage', 'int', '--json'])).json<{ source: string; provider: { name: string } }>();
  assert.equal([int.source, int.provider.name], ['service', 'dev']);
  const prod = (await ok(['resolve', '--org', 'acme', '--app', 'app1', '--service', 'service1', '--stage', 'prod', '--region', 'us-east-1', '--json'])).json<{ source: string }>();
  assert.is(prod.source, 'instance');
};
