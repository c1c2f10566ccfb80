// One rule of precedence: at every position of random histories, the domain's resolve over the org state
// folded event by event, the all-orgs resolution index, and a full replay of the prefix answer alike.
import fc from 'fast-check';
import { evolve, initialState, orgStream, resolve, type OrgState } from '@providers/domain';
import { toEnvelope } from '@providers/stored-events';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { ResolutionIndex, project, toProjectedEvent } from '../src/index.js';
import { ORGS, history, requests, runHistory } from './random-history.js';

test('domain resolve over folded state = resolution index = full replay, at every position', async () => {
  await fc.assert(
    fc.asyncProperty(history, async (steps) => {
      const { store, handler, recorded } = await runHistory(steps);
      const states = new Map<string, OrgState>(ORGS.map((orgId) => [orgId, initialState()]));
      const index = new ResolutionIndex();
      const positions = [0n, ...recorded.map((r) => r.position)];
      for (const [i, upTo] of positions.entries()) {
        if (i > 0) {
          const event = recorded[i - 1]!;
          const orgId = toProjectedEvent(event).orgId;
          evolve(states.get(orgId)!, toEnvelope(event), event.position);
          index.apply(toProjectedEvent(event));
        }
        const replayed = new ResolutionIndex();
        await project(store, [replayed], { upTo });
        for (const request of requests) {
          const fromState = resolve(states.get(request.orgId)!, request);
          assert.equal(fromState, index.resolve(request), `index at ${upTo}: ${JSON.stringify(request)}`);
          assert.equal(fromState, replayed.resolve(request), `replay at ${upTo}: ${JSON.stringify(request)}`);
        }
      }
      // The command handler's cached state (folded after its own appends, tail-read otherwise) answers the same.
      for (const orgId of ORGS) {
        const cached = await handler.state(orgId);
        const replayed = initialState();
        for await (const page of store.readStream(orgStream(orgId))) for (const r of page) evolve(replayed, toEnvelope(r), r.position);
        assert.equal(cached, replayed, `cached state of ${orgId}`);
        for (const request of requests.filter((r) => r.orgId === orgId)) assert.equal(resolve(cached, request), resolve(replayed, request));
      }
    }),
    { numRuns: 60 },
  );
});

test.run();
