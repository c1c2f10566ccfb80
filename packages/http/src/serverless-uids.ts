// The uids the Serverless Framework v3 dashboard plugin sends, parsed strictly:
// serviceUid `appName|A|serviceName|S`, instanceUid `appName|A|serviceName|S|stage|T|region|R`.
import { deploymentMisfit } from './door.js';
import { HttpError } from './errors.js';

/** A deployment as the plugin names it. */
export interface ServerlessInstance {
  readonly app: string;
  readonly service: string;
  readonly stage: string;
  readonly region: string;
}

const invalid = (field: string, rule: string) => new HttpError(400, 'InvalidInput', `${field}: ${rule}`, field);

const pairs = (text: string, field: string, keys: readonly string[]): string[] => {
  const parts = text.split('|');
  if (parts.length !== keys.length * 2) throw invalid(field, `${keys.map((k) => `${k}|…`).join('|')} (${keys.length * 2} parts separated by "|")`);
  return keys.map((key, i) => {
    if (parts[2 * i] !== key) throw invalid(field, `part ${2 * i + 1} must be "${key}"`);
    const value = parts[2 * i + 1]!;
    if (value === '') throw invalid(field, `the ${key} is empty`);
    return value;
  });
};

/** Parses a service uid and an instance uid of the same service. */
export const parseServerlessUids = (serviceUid: string, instanceUid: string): ServerlessInstance => {
  const [app, service] = pairs(serviceUid, 'serviceUid', ['appName', 'serviceName']) as [string, string];
  const [iApp, iService, stage, region] = pairs(instanceUid, 'instanceUid', ['appName', 'serviceName', 'stage', 'region']) as [string, string, string, string];
  if (iApp !== app || iService !== service) throw invalid('instanceUid', `the instance is not of service ${app}/${service}`);
  const misfit = deploymentMisfit({ app, service, stage, region });
  if (misfit) throw invalid(`${misfit.field === 'app' || misfit.field === 'service' ? 'serviceUid' : 'instanceUid'}.${misfit.field}`, misfit.rule);
  return { app, service, stage, region };
};
