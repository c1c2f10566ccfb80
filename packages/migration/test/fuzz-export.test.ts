// The legacy export importer under generated input: never a crash, every refusal names a path in the file,
// and nothing is appended for a file it refuses.
import * as E from 'fp-ts/lib/Either.js';
import fc from 'fast-check';
import { CommandHandler } from '@providers/commands';
import { MemoryEventStore } from '@providers/store';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { decodeLegacyExport, importLegacyExport, parseLegacyExport } from '../src/index.js';

const RUNS = Number(process.env.FUZZ_RUNS ?? 10_000);
const system = { id: 'migration', role: 'system' as const };

const name = fc.oneof(fc.constantFrom('app1', 'dev', 'prod', 'default', 'p-dev', 'svc'), fc.string({ maxLength: 12 }));
const region = fc.oneof(fc.constantFrom('us-east-1', 'eu-west-1', 'moon-1'), fc.string({ maxLength: 12 }));
const arn = fc.oneof(fc.constant('arn:aws:iam::111111111111:role/deploy'), fc.string({ maxLength: 40 }));
/** Exports that are mostly well-formed, with hostile values anywhere: the shape of real mistakes. */
const exportLike = fc.record(
  {
    org: fc.oneof(fc.constant('acme'), fc.anything()),
    deploymentProfiles: fc.oneof(
      fc.array(fc.record({ id: name, name, awsAccessRoleArn: arn }, { requiredKeys: ['id', 'name'] }), { maxLength: 4 }),
      fc.anything(),
    ),
    apps: fc.oneof(
      fc.array(
        fc.record(
          {
            name,
            stages: fc.oneof(fc.dictionary(name, name, { maxKeys: 3 }), fc.anything()),
            services: fc.array(fc.record({ name, instances: fc.array(fc.record({ stage: name, region }, { requiredKeys: ['stage'] }), { maxLength: 3 }) }), { maxLength: 3 }),
          },
          { requiredKeys: ['name'] },
        ),
        { maxLength: 3 },
      ),
      fc.anything(),
    ),
  },
  { requiredKeys: [] },
);

test(`${RUNS} generated exports: decoded or refused with a path, never thrown`, () => {
  let accepted = 0;
  fc.assert(
    fc.property(fc.oneof(exportLike, fc.anything()), (input) => {
      const result = decodeLegacyExport(input);
      if (E.isRight(result)) accepted++;
      else {
        assert.type(result.left.field, 'string');
        assert.ok(result.left.message.length > 0 && result.left.message.length < 1000);
      }
    }),
    { numRuns: RUNS },
  );
  assert.ok(accepted > 0, 'some generated exports are valid, so the valid path is exercised too');
});

test('text that is not JSON, or not an export, is refused with a message', () => {
  fc.assert(
    fc.property(fc.string({ maxLength: 200 }), (text) => {
      const result = parseLegacyExport(text);
      return E.isLeft(result) ? result.left.message.length > 0 : true;
    }),
    { numRuns: Math.min(RUNS, 5000) },
  );
});

test('a refused export appends nothing; an accepted one, imported again, appends nothing more', async () => {
  await fc.assert(
    fc.asyncProperty(exportLike, async (input) => {
      const store = new MemoryEventStore();
      const handler = new CommandHandler(store);
      const options = { actor: system, issuedAt: new Date().toISOString(), orgId: 'acme' };
      const result = await importLegacyExport(handler, input, options);
      const head = await store.headPosition();
      if (E.isLeft(result)) assert.is(head, 0n, result.left.message);
      else {
        assert.ok(E.isRight(await importLegacyExport(handler, input, options)));
        assert.is(await store.headPosition(), head);
      }
    }),
    { numRuns: Math.min(RUNS, 1000) },
  );
});

test.run();
