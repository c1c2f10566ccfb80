// Migration of deployment profiles (admins): read a legacy export (a file or pasted JSON), show
// the dry-run plan as the CLI prints it, then run it; a second run says there is nothing to do.
import { migrationText } from '@providers/sdk';
import { HttpError } from '../errors.js';
import { managerRefusal, requireManager } from '../managers.js';
import { refusalOf, type Action, type ConsoleCall, type PageRenderer } from './console-call.js';
import type { Form } from './forms.js';
import { orgPath } from './components.js';
import { csrfField, html, type Html } from './html.js';

const MIGRATE = 'migrate deployment profiles';

const uploadForm = (call: ConsoleCall, text = ''): Html => html`
<form method="post" action="${orgPath(call)}/migration/preview" enctype="multipart/form-data" id="migration-upload"><h2>Read a legacy export</h2>${csrfField(call.session.csrf)}
  <p><label for="migration-file">Legacy export file (JSON)</label> <input id="migration-file" name="exportFile" type="file" accept="application/json,.json"></p>
  <p><label for="migration-text">Or paste the export</label><br><textarea id="migration-text" name="exportText" rows="8" cols="80" spellcheck="false">${text}</textarea></p>
  <p><button type="submit">Preview the plan</button> <span class="muted">(a dry run: nothing is recorded)</span></p></form>`;

const lines = (id: string, text: readonly string[]): Html => html`<pre id="${id}">${text.join('\n')}</pre>`;

const runForm = (call: ConsoleCall, label: string): Html => html`
<form method="post" action="${orgPath(call)}/migration/run" id="migration-run">${csrfField(call.session.csrf)}
  <button type="submit">${label}</button> <a href="${orgPath(call)}/migration">Read another export</a></form>`;

/** The migration page: the upload form (admins only). */
// A refused export comes back in the box, to mend and preview again (an export holds role ARNs, no secret).
export const migrationPage: PageRenderer = async (call, _error, sent) => {
  const refused = refusalOf(managerRefusal(call.session.principal.actor, MIGRATE));
  const body = html`<h1>Migrate deployment profiles of ${call.orgId}</h1>
<p class="muted">The legacy export's format is the one <code>providers migrate --from</code> reads; its <code>org</code> must be ${call.orgId}. Migrating is idempotent.</p>
${refused ? '' : uploadForm(call, sent ? sentExport(sent) : '')}`;
  return { title: `Migration of ${call.orgId}`, body, ...(refused ? { refused } : {}) };
};

const sentExport = (form: Form): string | undefined => form.file('exportFile')?.trim() || form.optional('exportText');

const exportOf = (form: Form): string => {
  const text = sentExport(form);
  if (text === undefined) throw new HttpError(400, 'InvalidInput', 'choose a legacy export file or paste its JSON', 'exportFile');
  return text;
};

/** Reads the export, plans it (a dry run) and keeps it in the session for "run". */
export const previewMigration: Action = async (call, form) => {
  requireManager(call.session.principal.actor, MIGRATE);
  const legacyExport = exportOf(form);
  const { imported, migration } = await call.door.migrate(call.orgId, legacyExport, true);
  call.session.pendingExport = { orgId: call.orgId, text: legacyExport };
  const plan = migrationText(migration, { dryRun: true, imported });
  const nothing = migration.commandsPending === 0 && imported.eventsAppended === 0;
  return {
    title: `Migration plan of ${call.orgId}`,
    body: html`<h1>Migration plan of ${call.orgId}</h1>${lines('migration-plan', plan)}${runForm(call, nothing ? 'Run it anyway (nothing to do)' : 'Run the migration')}`,
  };
};

/** Runs the export read last; running it again is idempotent and says there is nothing to do. */
export const runMigration: Action = async (call) => {
  requireManager(call.session.principal.actor, MIGRATE);
  const pending = call.session.pendingExport;
  // The export read last, for this org only: a session may be signed in to several.
  if (pending?.orgId !== call.orgId) throw new HttpError(409, 'NothingToRun', 'read a legacy export and preview its plan first', 'exportFile');
  const { imported, migration } = await call.door.migrate(call.orgId, pending.text, false);
  return {
    title: `Migration of ${call.orgId}`,
    body: html`<h1>Migration of ${call.orgId}</h1>${lines('migration-outcome', migrationText(migration, { imported }))}
<p><a href="${orgPath(call)}">See the providers</a> · <a href="${orgPath(call)}/audit?action=profile-migrated">See the migration in the audit trail</a></p>${runForm(call, 'Run it again')}`,
  };
};
