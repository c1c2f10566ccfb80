// The console's pages and form actions. Every action goes through the door (the domain decides
// and its message is shown on the form's page); success redirects with a notice.
import type { PlainCredentials } from '@providers/sdk';
import { HttpError, Rejection } from '../errors.js';
import { requireManager } from '../managers.js';
import { auditPage } from './audit-page.js';
import type { ConsoleCall, ConsoleRoute } from './console-call.js';
import type { Form } from './forms.js';
import { seg } from './html.js';
import { issuancePage } from './issuance-page.js';
import { migrationPage, previewMigration, runMigration } from './migration-page.js';
import { orgPage } from './org-page.js';
import { providerPage, removePage } from './provider-page.js';
import { servicePage, servicePageWith } from './service-page.js';

const ORG = '^/console/orgs/([^/]+)';
const PROVIDER = `${ORG}/providers/([^/]+)`;
const SERVICE = `${ORG}/services/([^/]+)/([^/]+)`;
const writer = (call: ConsoleCall) => ({ orgId: call.orgId, actor: call.session.principal.actor });
const orgPath = (call: ConsoleCall) => `/console/orgs/${seg(call.orgId)}`;
const servicePath = (call: ConsoleCall) => `${orgPath(call)}/services/${seg(call.params[0]!)}/${seg(call.params[1]!)}`;

const required = (form: Form, name: string): string => {
  const value = form.optional(name);
  if (value === undefined) throw new HttpError(400, 'InvalidInput', 'required', name);
  return value;
};

/** The credentials a form states, by its `kind`. */
const credentialsOf = (form: Form): PlainCredentials => {
  switch (form.get('kind')) {
    case 'aws-role': {
      const externalId = form.optional('externalId');
      return { kind: 'aws-role', roleArn: required(form, 'roleArn'), ...(externalId ? { externalId } : {}) };
    }
    case 'aws-keys':
      return { kind: 'aws-keys', accessKeyId: required(form, 'accessKeyId'), secretAccessKey: form.get('secretAccessKey') ?? '' };
    case 'secret':
      return { kind: 'secret', fields: { [required(form, 'fieldName')]: form.get('fieldValue') ?? '' } };
    default:
      throw new HttpError(400, 'InvalidInput', 'one of aws-role, aws-keys, secret', 'kind');
  }
};

const targetOf = (call: ConsoleCall, form: Form) => {
  const stage = form.optional('stage');
  const region = form.optional('region');
  if (region !== undefined && stage === undefined) throw new HttpError(400, 'InvalidInput', 'a region needs a stage', 'region');
  return { app: call.params[0]!, service: call.params[1]!, ...(stage ? { stage } : {}), ...(region ? { region } : {}) };
};

/** The account ids of a pin form: comma- or space-separated; each is checked by the domain. */
const accountIdsOf = (form: Form): string[] => (form.get('accountIds') ?? '').split(/[\s,]+/).filter(Boolean);

const scopeText = (t: { app: string; service: string; stage?: string; region?: string }) => [t.app, t.service, t.stage, t.region].filter(Boolean).join('/');

/** Every page and action of the console under /console/orgs/:org. */
export const consoleRoutes: readonly ConsoleRoute[] = [
  { method: 'GET', path: new RegExp(`${ORG}$`), render: orgPage },
  { method: 'POST', path: new RegExp(`${ORG}/providers$`), onError: orgPage, act: async (call, form) => {
    const name = required(form, 'name');
    const accountId = form.optional('accountId');
    await call.door.addProvider(writer(call), { name, type: required(form, 'type'), credentials: credentialsOf(form), ...(accountId ? { accountId } : {}) });
    return { redirect: orgPath(call), notice: `added provider ${name}` };
  } },
  { method: 'POST', path: new RegExp(`${ORG}/default$`), onError: orgPage, act: async (call, form) => {
    await call.door.setDefault(writer(call), required(form, 'provider'), form.get('replace') === 'true');
    return { redirect: orgPath(call), notice: 'the org default is set' };
  } },
  { method: 'POST', path: new RegExp(`${ORG}/default/clear$`), onError: orgPage, act: async (call, form) => {
    await call.door.clearDefault(writer(call), required(form, 'type'));
    return { redirect: orgPath(call), notice: 'the org default is cleared' };
  } },
  { method: 'POST', path: new RegExp(`${ORG}/pins$`), onError: orgPage, act: async (call, form) => {
    const accountIds = accountIdsOf(form);
    const { changed } = await call.door.pin(writer(call), {}, accountIds, form.get('reason') ?? '');
    return { redirect: orgPath(call), notice: `the organization ${changed ? 'is now pinned' : 'was pinned so already'} to ${accountIds.join(', ')}` };
  } },
  { method: 'POST', path: new RegExp(`${ORG}/unpin$`), onError: orgPage, act: async (call, form) => {
    await call.door.unpin(writer(call), {}, form.get('reason') ?? '');
    return { redirect: orgPath(call), notice: 'removed the pin of the organization' };
  } },
  { method: 'GET', path: new RegExp(`${ORG}/services$`), render: (call) =>
    servicePage({ ...call, params: [call.url.searchParams.get('app')?.trim() ?? '', call.url.searchParams.get('service')?.trim() ?? ''] }) },
  { method: 'GET', path: new RegExp(`${PROVIDER}$`), render: providerPage },
  { method: 'GET', path: new RegExp(`${PROVIDER}/remove$`), render: removePage },
  { method: 'POST', path: new RegExp(`${PROVIDER}/name$`), onError: providerPage, act: async (call, form) => {
    const name = required(form, 'name');
    await call.door.rename(writer(call), call.params[0]!, name);
    return { redirect: `${orgPath(call)}/providers/${seg(call.params[0]!)}`, notice: `renamed to ${name}` };
  } },
  { method: 'POST', path: new RegExp(`${PROVIDER}/credentials$`), onError: providerPage, act: async (call, form) => {
    const accountId = form.optional('accountId');
    await call.door.updateCredentials(writer(call), call.params[0]!, credentialsOf(form), accountId);
    return { redirect: `${orgPath(call)}/providers/${seg(call.params[0]!)}`, notice: 'credentials updated' };
  } },
  { method: 'POST', path: new RegExp(`${PROVIDER}/remove$`), onError: removePage, act: async (call, form) => {
    await call.door.remove(writer(call), call.params[0]!, form.get('force') === 'true');
    return { redirect: orgPath(call), notice: 'provider removed' };
  } },
  { method: 'GET', path: new RegExp(`${SERVICE}$`), render: servicePage },
  { method: 'POST', path: new RegExp(`${SERVICE}/links$`), onError: servicePage, act: async (call, form) => {
    const provider = required(form, 'provider');
    const target = targetOf(call, form);
    try {
      await call.door.link(writer(call), provider, target, form.get('replace') === 'true');
    } catch (error) {
      if (!(error instanceof Rejection) || error.rejection._tag !== 'ScopeAlreadyLinked') throw error;
      const linked = (await call.door.readModels(call.orgId)).catalog.get(call.orgId, error.rejection.linkedProviderId);
      const page = await servicePageWith(call, undefined, { provider, ...target, linkedName: linked?.name ?? error.rejection.linkedProviderId });
      return { ...page, status: 409 };
    }
    return { redirect: servicePath(call), notice: `linked ${scopeText(target)}` };
  } },
  { method: 'POST', path: new RegExp(`${SERVICE}/local$`), onError: servicePage, act: async (call, form) => {
    const target = targetOf(call, form);
    await call.door.linkLocal(writer(call), target, form.optional('type') ?? 'aws', form.get('replace') === 'true');
    return { redirect: servicePath(call), notice: `${scopeText(target)} uses local credentials` };
  } },
  { method: 'POST', path: new RegExp(`${SERVICE}/pins$`), onError: servicePage, act: async (call, form) => {
    const target = targetOf(call, form);
    const accountIds = accountIdsOf(form);
    const { changed } = await call.door.pin(writer(call), target, accountIds, form.get('reason') ?? '');
    return { redirect: servicePath(call), notice: `${scopeText(target)} ${changed ? 'is now pinned' : 'was pinned so already'} to ${accountIds.join(', ')}` };
  } },
  { method: 'POST', path: new RegExp(`${SERVICE}/unpin$`), onError: servicePage, act: async (call, form) => {
    const target = targetOf(call, form);
    await call.door.unpin(writer(call), target, form.get('reason') ?? '');
    return { redirect: servicePath(call), notice: `removed the pin of ${scopeText(target)}` };
  } },
  { method: 'POST', path: new RegExp(`${SERVICE}/unlink$`), onError: servicePage, act: async (call, form) => {
    const target = targetOf(call, form);
    await call.door.unlink(writer(call), target, form.optional('type') ?? 'aws');
    return { redirect: servicePath(call), notice: `unlinked ${scopeText(target)}` };
  } },
  { method: 'GET', path: new RegExp(`${ORG}/audit$`), render: auditPage },
  { method: 'GET', path: new RegExp(`${ORG}/issuance$`), render: issuancePage },
  { method: 'POST', path: new RegExp(`${ORG}/issuance/prune$`), onError: issuancePage, act: async (call, form) => {
    requireManager(call.session.principal.actor, 'prune the issuance log');
    const pruned = await call.door.pruneIssuance(call.orgId, form.get('olderThan')?.trim() ?? '');
    return { redirect: `${orgPath(call)}/issuance`, notice: `pruned ${pruned.pruned} issuance records older than ${pruned.cutoff}; ${pruned.kept} kept` };
  } },
  { method: 'GET', path: new RegExp(`${ORG}/migration$`), render: migrationPage },
  { method: 'POST', path: new RegExp(`${ORG}/migration/preview$`), onError: migrationPage, act: previewMigration },
  { method: 'POST', path: new RegExp(`${ORG}/migration/run$`), onError: migrationPage, act: runMigration },
];
