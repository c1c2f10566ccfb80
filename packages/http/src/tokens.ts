// The server's tokens: who a bearer token stands for, in which orgs, with which role. Tokens are
// compared in constant time, and only their digests are kept in memory.
import { createHash, timingSafeEqual } from 'node:crypto';
import { readFileSync } from 'node:fs';
import * as t from 'io-ts';
import { decodeOrExplain } from './decode.js';
import { HttpError } from './errors.js';
import { errorClass } from '@providers/sdk';

/** The role a token acts with; the domain's rules decide what each may do. */
export const TokenRole = t.keyof({ owner: null, admin: null, member: null });

/** One entry of the tokens file. */
export const TokenEntry = t.strict({
  token: t.refinement(t.string, (token) => token.length >= 16 && token.length <= 512, 'a token of 16–512 characters'),
  actor: t.refinement(t.string, (actor) => /^[\w.@+-]{1,128}$/.test(actor), 'an actor id of 1–128 letters, digits or ._@+-'),
  role: TokenRole,
  orgs: t.array(t.refinement(t.string, (org) => org.length > 0, 'an organization id')),
});
/** One entry of the tokens file: `{ token, actor, role, orgs }`. */
export type TokenEntry = t.TypeOf<typeof TokenEntry>;

/** The tokens file: a JSON array of entries. */
export const TokensFile = t.array(TokenEntry);

/** Who a request comes from: an actor with a role, and the orgs it may see. */
export interface Principal {
  readonly actor: { readonly id: string; readonly role: t.TypeOf<typeof TokenRole> };
  readonly orgs: readonly string[];
}

/** A tokens file that cannot be used: which entry and field, and the rule. Never the token itself. */
export class InvalidTokensFile extends errorClass('InvalidTokensFile', 'usage', (field: string, rule: string) => ({
  fields: { field },
  message: `tokens file: ${field}: ${rule}`,
})) {}

const digest = (text: string): Buffer => createHash('sha256').update(text, 'utf8').digest();

/** Bearer token → principal, compared against every known token in constant time. */
export class Tokens {
  private readonly entries: ReadonlyArray<{ readonly digest: Buffer; readonly principal: Principal }>;

  constructor(entries: readonly TokenEntry[]) {
    const decoded = decodeOrExplain(TokensFile, entries);
    if (decoded._tag === 'Left') throw new InvalidTokensFile(decoded.left.field, decoded.left.rule);
    const seen = new Set<string>();
    this.entries = decoded.right.map((entry, index) => {
      const hex = digest(entry.token).toString('hex');
      if (seen.has(hex)) throw new InvalidTokensFile(`[${index}].token`, 'each token appears once');
      seen.add(hex);
      return { digest: digest(entry.token), principal: { actor: { id: entry.actor, role: entry.role }, orgs: entry.orgs } };
    });
  }

  /** Reads and checks a tokens file (a JSON array of `{ token, actor, role, orgs }`). */
  static fromFile(path: string): Tokens {
    let text: string;
    try {
      text = readFileSync(path, 'utf8');
    } catch (error) {
      throw new InvalidTokensFile('path', `cannot read ${path}: ${(error as NodeJS.ErrnoException).code ?? 'unreadable'}`);
    }
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch {
      throw new InvalidTokensFile('(file)', 'the file is not JSON');
    }
    return new Tokens(json as TokenEntry[]);
  }

  /** The principal of a token, or undefined. Every entry is compared, so the time taken says nothing of which one matched. */
  principalOf(token: string | undefined): Principal | undefined {
    if (token === undefined) return undefined;
    const presented = digest(token);
    let found: Principal | undefined;
    for (const entry of this.entries) if (timingSafeEqual(entry.digest, presented)) found = entry.principal;
    return found;
  }
}

/** The org of a request when the principal may see it; a 403 naming `orgId` otherwise. */
export const allowedOrg = (principal: Principal, orgId: string): string => {
  if (!principal.orgs.includes(orgId))
    throw new HttpError(403, 'OtherOrganization', `${principal.actor.id} may not see organization ${orgId}`, 'orgId');
  return orgId;
};
