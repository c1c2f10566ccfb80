// Preload for the Serverless Framework v3 CLI (`NODE_OPTIONS=--require <this file>`): when
// @serverless/platform-client loads its host table, the `core` and `providers` hosts of the
// `prod` stage become PROVIDERS_URL/serverless; nothing else is changed. Unlike the dashboard
// plugin, which swallows every error of the providers call, it says on stderr when that call
// fails or returns no AWS credentials, and with PROVIDERS_REQUIRED=1 it ends the command (exit 1)
// instead of letting it deploy with local credentials.
'use strict';

const Module = require('module');
const path = require('path');

const base = (process.env.PROVIDERS_URL || '').replace(/\/+$/, '');
const required = process.env.PROVIDERS_REQUIRED === '1';
const DOMAINS = path.join('@serverless', 'platform-client', 'src', 'domains.json');
const CLIENT = path.join('@serverless', 'platform-client', 'src', 'index.js');

const reasonOf = (error) => {
  if (!error) return 'no AWS provider resolves there';
  const status = error.statusCode || error.status;
  const message = String(error.message || error).split('\n')[0].slice(0, 300);
  return status ? `${status} ${message}` : message;
};

// A local-credentials link is the org's own choice, so it is reported but never stops the command.
const report = (what, error, onPurpose = false) => {
  const stop = required && !onPurpose;
  process.stderr.write(`Providers: no credentials for ${what} from ${base}: ${reasonOf(error)} — ` +
    (stop ? 'stopping (PROVIDERS_REQUIRED=1)\n' : 'Serverless will use local credentials\n'));
  if (stop) process.exit(1);
};

const instanceName = (instanceUid) => {
  const parts = String(instanceUid).split('|');
  return parts.length === 8 ? [parts[1], parts[3], parts[5], parts[7]].join('/') : String(instanceUid);
};

// Reports what the plugin would swallow; every answer goes on to the plugin unchanged.
const watch = (exports) => {
  const sdk = exports && exports.ServerlessSDK && exports.ServerlessSDK.prototype;
  if (!sdk || typeof sdk.getOrgByName !== 'function' || typeof sdk.getProvidersByOrgServiceInstance !== 'function') return;
  const getOrgByName = sdk.getOrgByName;
  sdk.getOrgByName = async function (orgName) {
    try {
      return await getOrgByName.call(this, orgName);
    } catch (error) {
      report(`org ${orgName}`, error);
      throw error;
    }
  };
  const getProviders = sdk.getProvidersByOrgServiceInstance;
  sdk.getProvidersByOrgServiceInstance = async function (orgUid, serviceUid, instanceUid) {
    let answer;
    try {
      answer = await getProviders.call(this, orgUid, serviceUid, instanceUid);
    } catch (error) {
      report(instanceName(instanceUid), error);
      throw error;
    }
    const aws = answer && Array.isArray(answer.result) && answer.result.find((entry) => entry && entry.providerName === 'aws');
    if (!aws && answer && answer.localCredentials) report(instanceName(instanceUid), { message: 'it is linked to local credentials' }, true);
    else if (!aws) report(instanceName(instanceUid));
    return answer;
  };
};

if (base) {
  const loadJson = Module._extensions['.json'];
  Module._extensions['.json'] = function (module, filename) {
    loadJson.call(this, module, filename);
    if (filename.endsWith(DOMAINS) && module.exports && module.exports.prod) {
      module.exports.prod.core = `${base}/serverless`;
      module.exports.prod.providers = `${base}/serverless`;
    }
  };
  const loadJs = Module._extensions['.js'];
  Module._extensions['.js'] = function (module, filename) {
    loadJs.call(this, module, filename);
    if (filename.endsWith(CLIENT)) watch(module.exports);
  };
} else if (required) {
  process.stderr.write('Providers: PROVIDERS_URL is not set — stopping (PROVIDERS_REQUIRED=1)\n');
  process.exit(1);
}
