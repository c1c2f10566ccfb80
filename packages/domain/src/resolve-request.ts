import type * as E from 'fp-ts/lib/Either.js';
import * as t from 'io-ts';
import type { ResolveRequest } from './resolution.js';
import { AppName, AwsRegion, OrgId, ProviderType, ServiceName, StageName } from './rules.js';
import { decodeWith, type InvalidInput } from './validation.js';

/** A resolve request, by the same rules the commands that link and unlink use. */
export const ResolveRequestCodec = t.readonly(
  t.intersection([
    t.strict({ orgId: OrgId, app: AppName, service: ServiceName, stage: StageName }),
    t.partial({ region: AwsRegion, type: ProviderType }),
  ]),
  'ResolveRequest',
);

/**
 * Validates what a caller asks to resolve, so that a read refuses exactly
 * what a write would: an `InvalidInput` names the field and the rule.
 */
export const validateResolveRequest: (input: unknown) => E.Either<InvalidInput, ResolveRequest> = decodeWith(
  ResolveRequestCodec as unknown as t.Type<ResolveRequest, unknown, unknown>,
);
