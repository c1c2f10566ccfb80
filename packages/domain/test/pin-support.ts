// Accounts, scopes and pins the account-pin specifications share.
import type { DomainEvent, PinScope } from '../src/index.js';

export const A = '111111111111';
export const B = '222222222222';
export const C = '012345678901';

export const org: PinScope = { kind: 'org' };
export const service: PinScope = { kind: 'service', app: 'app1', service: 'api' };
export const prodStage: PinScope = { kind: 'stage', app: 'app1', service: 'api', stage: 'prod' };
export const prodInstance: PinScope = { kind: 'instance', app: 'app1', service: 'api', stage: 'prod', region: 'us-east-1' };

export const pinned = (scope: PinScope, ...accountIds: string[]): DomainEvent => ({ type: 'AccountPinned', data: { scope, accountIds, reason: 'deploys there' } });
