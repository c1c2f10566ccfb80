// The routes the Serverless Framework v3 CLI calls (its dashboard plugin, pointed here by the
// preload): the org lookup, the providers of an instance, and its parameters. Only the resolved
// AWS provider is answered, vended per request (an access role through STS), never another
// vendor's secrets; nothing resolved is an empty result, which the plugin reads as "use local credentials".
import type { Vended } from './door.js';
import { sendJson } from './http-io.js';
import type { Call, Route } from './routing.js';
import { parseServerlessUids } from './serverless-uids.js';

/** Where the routes live on the server: core paths start with /core/, providers paths with /orgs/. */
export const SERVERLESS_PREFIX = '/serverless';

const ORG = `^${SERVERLESS_PREFIX}/orgs/([^/]+)/services/([^/]+)/instances/([^/]+)`;

const instanceOf = (call: Call) => parseServerlessUids(call.params[0]!, call.params[1]!);

const providerEntry = (vended: Extract<Vended, { kind: 'aws' }>) => ({
  providerName: 'aws',
  providerType: vended.session ? 'roleArn' : 'accessKey',
  alias: vended.provider?.name ?? '',
  providerUid: vended.provider?.id ?? '',
  isDefault: vended.source === 'org-default',
  providerDetails: { accessKeyId: vended.accessKeyId, secretAccessKey: vended.secretAccessKey, sessionToken: vended.sessionToken ?? null },
});

/** The Serverless-compatible routes. */
export const serverlessRoutes: readonly Route[] = [
  ['GET', new RegExp(`^${SERVERLESS_PREFIX}/core/tenants/([^/]+)$`), async (call) => {
    sendJson(call.response, 200, { orgUid: call.orgId, orgName: call.orgId });
  }],
  ['GET', new RegExp(`${ORG}$`), async (call) => {
    const { app, service, stage, region } = instanceOf(call);
    const resolution = await call.door.resolve({ orgId: call.orgId, app, service, stage, region, type: 'aws' });
    // Nothing resolved, or a local-credentials link said so on purpose: the plugin reads both as "use local credentials".
    if (resolution.provider === null) return sendJson(call.response, 200, { result: [], localCredentials: resolution.source !== 'none' });
    const vended = await call.door.vend({ orgId: call.orgId, app, service, stage, region, type: 'aws', actor: call.principal.actor.id, client: 'serverless-v3' });
    sendJson(call.response, 200, { result: vended.kind === 'aws' && vended.provider ? [providerEntry(vended)] : [] });
  }],
  ['GET', new RegExp(`${ORG}/params$`), async (call) => {
    instanceOf(call);
    sendJson(call.response, 200, { result: [] });
  }],
];
