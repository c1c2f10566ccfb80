// Hand-outs for the issuance log, made the way deployers make them: static keys vended through
// the API's deploy route, and local credentials withheld at a pinned stage (moto's STS says they
// act in another account), through the SDK's vend with the local fallback allowed.
import * as assert from 'uvu/assert';
import type { Harness } from './harness.js';
import { ADMIN, MEMBER } from './harness.js';
import type { Moto } from './moto.js';

/** The secret of the static keys; it must never show in a page or an answer. */
export const KEYS_SECRET = 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY';
/** The account moto's STS reports for any credentials. */
export const MOTO_ACCOUNT = '123456789012';

/** Makes one static-keys hand-out (shop/worker) and one withheld attempt (shop/api/prod, pinned to 111111111111). */
export const seedIssuance = async (h: Harness, moto: Moto): Promise<void> => {
  Object.assign(process.env, {
    AWS_ENDPOINT_URL_STS: moto.url,
    AWS_EC2_METADATA_DISABLED: 'true',
    AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
    AWS_ACCESS_KEY_ID: 'AKIALOCALDEPLOYER001',
    AWS_SECRET_ACCESS_KEY: 'local/deployer/secret/000000000000000000',
    AWS_REGION: 'us-east-1',
  });
  const keys = { kind: 'aws-keys', accessKeyId: 'AKIAIOSFODNN7EXAMPLE', secretAccessKey: KEYS_SECRET };
  assert.is((await h.call(ADMIN, 'POST', '/api/orgs/acme/providers', { name: 'ci', type: 'aws', accountId: '333333333333', credentials: keys })).status, 201);
  assert.is((await h.call(MEMBER, 'POST', '/api/orgs/acme/links', { provider: 'ci', app: 'shop', service: 'worker' })).status, 201);
  assert.is((await h.call(MEMBER, 'POST', '/api/orgs/acme/deploy', { app: 'shop', service: 'worker', stage: 'dev', region: 'eu-west-1' })).status, 200);
  assert.is((await h.call(MEMBER, 'POST', '/api/orgs/acme/local-links', { app: 'shop', service: 'api', stage: 'prod' })).status, 201);
  assert.is((await h.call(ADMIN, 'PUT', '/api/orgs/acme/pins', { app: 'shop', service: 'api', stage: 'prod', accountIds: ['111111111111'], reason: 'prod account' })).status, 200);
  const refused = await h.providers.vend({ orgId: 'acme', app: 'shop', service: 'api', stage: 'prod', region: 'eu-west-1', actor: 'mo', allowLocalFallback: true }).then(
    () => undefined,
    (error: unknown) => error,
  );
  assert.is((refused as { _tag?: string } | undefined)?._tag, 'CredentialsWithheld', String(refused));
};
