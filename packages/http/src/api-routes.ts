// The JSON API: every route under /api/orgs/:org, each a few lines over the door.
import { auditQueryOf, parseAsOfParam } from './as-of.js';
import { migrationText } from '@providers/sdk';
import {
  AddProviderRequest,
  DeployRequest,
  LinkLocalRequest,
  LinkRequest,
  MigrationRequest,
  PinRequest,
  PruneIssuanceRequest,
  RenameRequest,
  SetDefaultRequest,
  UnlinkRequest,
  UnpinRequest,
  UpdateCredentialsRequest,
} from './codecs.js';
import type { ReadModels } from './door.js';
import { HttpError } from './errors.js';
import { decodeJson, sendJson } from './http-io.js';
import { issuanceQueryOf } from './issuance-query.js';
import { requireManager } from './managers.js';
import type { Call, Route } from './routing.js';
import { serviceView } from './service-view.js';
import { providerViewOf, providerViews, resolutionView } from './views.js';

type AuditQuery = Parameters<ReadModels['audit']['query']>[0];

const ORG = '^/api/orgs/([^/]+)';
const writer = (call: Call) => ({ orgId: call.orgId, actor: call.principal.actor });
const models = (call: Call) => call.door.readModels(call.orgId, parseAsOfParam(call.url.searchParams.get('asOf')) ?? {});
const needsStageForRegion = (target: { stage?: string; region?: string }) => {
  if (target.region !== undefined && target.stage === undefined) throw new HttpError(400, 'InvalidInput', 'region: a region needs a stage', 'region');
};
const param = (url: URL, name: string): string | undefined => url.searchParams.get(name) ?? undefined;

/** The API's routes. */
export const apiRoutes: readonly Route[] = [
  ['GET', new RegExp(`${ORG}/providers$`), async (call) => {
    sendJson(call.response, 200, { orgId: call.orgId, providers: providerViews(await models(call), call.orgId) });
  }],
  ['POST', new RegExp(`${ORG}/providers$`), async (call) => {
    const body = await decodeJson(call.request, AddProviderRequest);
    sendJson(call.response, 201, await call.door.addProvider(writer(call), body));
  }],
  ['GET', new RegExp(`${ORG}/providers/([^/]+)$`), async (call) => {
    const view = providerViewOf(await models(call), call.orgId, call.params[0]!);
    if (!view) throw new HttpError(404, 'ProviderNotFound', `no provider "${call.params[0]}" in organization ${call.orgId}`, 'provider');
    sendJson(call.response, 200, view);
  }],
  ['PUT', new RegExp(`${ORG}/providers/([^/]+)/credentials$`), async (call) => {
    const { credentials, accountId } = await decodeJson(call.request, UpdateCredentialsRequest);
    sendJson(call.response, 200, await call.door.updateCredentials(writer(call), call.params[0]!, credentials, accountId));
  }],
  ['PUT', new RegExp(`${ORG}/providers/([^/]+)/name$`), async (call) => {
    const { name } = await decodeJson(call.request, RenameRequest);
    sendJson(call.response, 200, await call.door.rename(writer(call), call.params[0]!, name));
  }],
  ['DELETE', new RegExp(`${ORG}/providers/([^/]+)$`), async (call) => {
    sendJson(call.response, 200, await call.door.remove(writer(call), call.params[0]!, call.url.searchParams.get('force') === 'true'));
  }],
  ['PUT', new RegExp(`${ORG}/default$`), async (call) => {
    const { provider, replace } = await decodeJson(call.request, SetDefaultRequest);
    sendJson(call.response, 200, await call.door.setDefault(writer(call), provider, replace === true));
  }],
  ['DELETE', new RegExp(`${ORG}/default$`), async (call) => {
    sendJson(call.response, 200, await call.door.clearDefault(writer(call), param(call.url, 'type') ?? 'aws'));
  }],
  ['POST', new RegExp(`${ORG}/links$`), async (call) => {
    const { provider, replace, ...target } = await decodeJson(call.request, LinkRequest);
    needsStageForRegion(target);
    sendJson(call.response, 201, await call.door.link(writer(call), provider, target, replace === true));
  }],
  ['DELETE', new RegExp(`${ORG}/links$`), async (call) => {
    const { type, ...target } = await decodeJson(call.request, UnlinkRequest);
    needsStageForRegion(target);
    sendJson(call.response, 200, await call.door.unlink(writer(call), target, type ?? 'aws'));
  }],
  ['POST', new RegExp(`${ORG}/local-links$`), async (call) => {
    const { type, replace, ...target } = await decodeJson(call.request, LinkLocalRequest);
    needsStageForRegion(target);
    sendJson(call.response, 201, await call.door.linkLocal(writer(call), target, type ?? 'aws', replace === true));
  }],
  ['PUT', new RegExp(`${ORG}/pins$`), async (call) => {
    const { accountIds, reason, ...target } = await decodeJson(call.request, PinRequest);
    sendJson(call.response, 200, await call.door.pin(writer(call), target, accountIds, reason));
  }],
  ['DELETE', new RegExp(`${ORG}/pins$`), async (call) => {
    const { reason, ...target } = await decodeJson(call.request, UnpinRequest);
    sendJson(call.response, 200, await call.door.unpin(writer(call), target, reason));
  }],
  ['GET', new RegExp(`${ORG}/issuance$`), async (call) => {
    const rows = await call.door.issuance(call.orgId, issuanceQueryOf(call.url));
    sendJson(call.response, 200, { orgId: call.orgId, issuance: rows.map((row) => ({ ...row, position: String(row.position) })) });
  }],
  ['POST', new RegExp(`${ORG}/issuance/prune$`), async (call) => {
    requireManager(call.principal.actor, 'prune the issuance log');
    const { olderThan } = await decodeJson(call.request, PruneIssuanceRequest);
    sendJson(call.response, 200, await call.door.pruneIssuance(call.orgId, olderThan));
  }],
  ['POST', new RegExp(`${ORG}/migration$`), async (call) => {
    requireManager(call.principal.actor, 'migrate deployment profiles');
    const { legacyExport, dryRun } = await decodeJson(call.request, MigrationRequest);
    const { imported, migration } = await call.door.migrate(call.orgId, typeof legacyExport === 'string' ? legacyExport : JSON.stringify(legacyExport), dryRun === true);
    sendJson(call.response, 200, { dryRun: dryRun === true, imported, migration, text: migrationText(migration, { dryRun: dryRun === true, imported }) });
  }],
  ['GET', new RegExp(`${ORG}/services/([^/]+)/([^/]+)$`), async (call) => {
    const [app, service] = call.params as [string, string];
    sendJson(call.response, 200, serviceView(await models(call), call.orgId, app, service, param(call.url, 'type') ?? 'aws'));
  }],
  ['GET', new RegExp(`${ORG}/resolve$`), async (call) => {
    const { url } = call;
    const [app, service, stage] = ['app', 'service', 'stage'].map((name) => {
      const value = param(url, name);
      if (!value) throw new HttpError(400, 'InvalidInput', `${name}: required`, name);
      return value;
    }) as [string, string, string];
    const region = param(url, 'region');
    const asOf = parseAsOfParam(param(url, 'asOf')) ?? {};
    // The SDK's resolve: validated like a write, answered from the cached org state (or from the nearest snapshot as of a point).
    const resolution = await call.door.resolve({ orgId: call.orgId, app, service, stage, type: param(url, 'type') ?? 'aws', ...(region ? { region } : {}) }, asOf);
    sendJson(call.response, 200, { asOf: asOf.position?.toString() ?? asOf.time ?? null, ...resolutionView(resolution) });
  }],
  ['GET', new RegExp(`${ORG}/audit$`), async (call) => {
    const facts = (await models(call)).audit.query(auditQueryOf(call.url, call.orgId) as AuditQuery);
    sendJson(call.response, 200, { orgId: call.orgId, facts });
  }],
  ['POST', new RegExp(`${ORG}/deploy$`), async (call) => {
    const { app, service, stage, region } = await decodeJson(call.request, DeployRequest);
    const vended = await call.door.vend({ orgId: call.orgId, app, service, stage, ...(region ? { region } : {}), actor: call.principal.actor.id });
    if (vended.kind !== 'aws') throw new HttpError(400, 'InvalidInput', 'type: the deploy route vends AWS credentials only', 'type');
    sendJson(call.response, 200, {
      source: vended.source,
      provider: vended.provider,
      accountId: vended.accountId ?? null,
      credentials: {
        accessKeyId: vended.accessKeyId,
        secretAccessKey: vended.secretAccessKey,
        sessionToken: vended.sessionToken ?? null,
        expiration: vended.expiration?.toISOString() ?? null,
      },
    });
  }],
];
