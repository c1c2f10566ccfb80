// The whole embedding: a store, command handling, resolution and vending, in one object per process.
import { randomUUID } from 'node:crypto';
import * as E from 'fp-ts/lib/Either.js';
import { validateCommand, type Actor, type Command, type DomainError } from '@providers/domain';
import type { ReadModels, Resolution } from '@providers/projections';
import { Providers, type AddProviderInput, type OpenOptions } from '@providers/sdk';
import type { VendRequest, VendResult } from '@providers/vending';

/** A command as a request states it: everything but who sends it, for which org, its id and time. */
export type CommandBody = Command extends infer C ? (C extends Command ? Omit<C, 'orgId' | 'actor' | 'commandId' | 'issuedAt'> : never) : never;

/** Opens the library on a store URL (`sqlite:PATH`, `memory:`) and wires the backend's four needs to it. */
export const openBackend = async (options: OpenOptions) => {
  const providers = await Providers.open(options);
  return {
    /** Stamps who, where, an id and the time on a command, re-checks it with the domain's codec, and runs it. */
    execute: async (orgId: string, actor: Actor, body: CommandBody): Promise<E.Either<DomainError, unknown>> => {
      const command = validateCommand({ ...body, orgId, actor, commandId: randomUUID(), issuedAt: new Date().toISOString() });
      return E.isLeft(command) ? command : providers.execute(command.right);
    },
    addProvider: (input: AddProviderInput) => providers.addProvider(input),
    /** Resolution (with its chain) and the vended credentials of one deployment. */
    deploy: async (request: VendRequest): Promise<{ resolution: Resolution; credentials: VendResult }> =>
      ({ resolution: await providers.resolve(request), credentials: await providers.vend(request) }),
    /** The org's catalog, resolution index and audit trail, replayed from its stream. */
    readModels: (orgId: string): Promise<ReadModels> => providers.readModels(orgId),
    close: () => providers.close(),
  };
};

/** The embedded library as the HTTP layer sees it. */
export type Backend = Awaited<ReturnType<typeof openBackend>>;
