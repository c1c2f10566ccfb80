// moto's server (STS, IAM, CloudFormation and more on one loopback port), started by the tests
// themselves and stopped when they end. moto does not enforce trust policies or IAM permissions:
// what it shows is that the real SDKs and the AWS CLI accept what vending hands out, and that the
// IAM template deploys; denials, throttling and the confused-deputy check stay on sts-server.ts.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { freePort } from '@providers/store/testing';

/** A running moto_server. */
export interface MotoServer {
  /** `http://127.0.0.1:PORT`: every service answers here. */
  readonly url: string;
  /** The environment a process needs to talk to it only: dummy keys, loopback endpoints, no instance metadata. */
  readonly env: Readonly<Record<string, string>>;
  close(): Promise<void>;
}

/** The account moto reports for its default identity. */
export const MOTO_ACCOUNT_ID = '123456789012';

const runs = (command: string, args: string[]) => {
  const probe = spawnSync(command, args, { encoding: 'utf8', timeout: 60_000 });
  return probe.error === undefined && probe.status === 0;
};

/** Whether `moto_server` can be run here (for tests that need no AWS CLI). */
export const motoServerRuns = (): boolean => runs('moto_server', ['--help']);

/** Whether `moto_server` and the AWS CLI (which deploys the stacks) can be run here, or why not. */
export const motoAvailability = (): { readonly available: true } | { readonly available: false; readonly reason: string } => {
  if (!motoServerRuns()) return { available: false, reason: 'moto_server is not on PATH (pip install "moto[server]==5.2.1")' };
  if (!runs('aws', ['--version'])) return { available: false, reason: 'the AWS CLI (aws) is not on PATH (pip install awscli)' };
  return { available: true };
};

/**
 * Whether the moto tests run: they do where moto_server is installed, they must where
 * REQUIRE_MOTO=1 (CI), and elsewhere they are skipped with the reason printed.
 */
export const motoTestsRun = (label: string): boolean => {
  const availability = motoAvailability();
  if (availability.available) return true;
  if (process.env['REQUIRE_MOTO'] === '1') throw new Error(`REQUIRE_MOTO=1 but ${availability.reason}`);
  console.log(`SKIPPED ${label}: ${availability.reason}`);
  return false;
};

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

const waitUntilAnswering = async (url: string, child: ChildProcess, output: () => string): Promise<void> => {
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`moto_server exited with ${child.exitCode}: ${output()}`);
    try {
      const reply = await fetch(`${url}/moto-api/`, { signal: AbortSignal.timeout(2_000) });
      if (reply.ok) return;
    } catch {
      // not listening yet
    }
    await sleep(200);
  }
  throw new Error(`moto_server did not answer within 60 s: ${output()}`);
};

/** Starts `moto_server -H 127.0.0.1 -p <free port>` and waits until it answers. */
export const startMotoServer = async (): Promise<MotoServer> => {
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const child = spawn('moto_server', ['-H', '127.0.0.1', '-p', String(port)], { stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout?.on('data', (chunk) => (output = (output + String(chunk)).slice(-4000)));
  child.stderr?.on('data', (chunk) => (output = (output + String(chunk)).slice(-4000)));
  try {
    await waitUntilAnswering(url, child, () => output);
  } catch (error) {
    child.kill('SIGKILL');
    throw error;
  }
  const env = {
    AWS_ACCESS_KEY_ID: 'AKIAMOTOVENDING00001',
    AWS_SECRET_ACCESS_KEY: 'motoVendingSecretForTestsOnly0000000000',
    AWS_REGION: 'us-east-1',
    AWS_DEFAULT_REGION: 'us-east-1',
    AWS_EC2_METADATA_DISABLED: 'true',
    AWS_ENDPOINT_URL: url,
    AWS_ENDPOINT_URL_STS: url,
  };
  const close = (): Promise<void> =>
    new Promise((resolve) => {
      if (child.exitCode !== null || child.signalCode !== null) return resolve();
      child.once('exit', () => resolve());
      child.kill('SIGTERM');
      setTimeout(() => child.kill('SIGKILL'), 5_000).unref();
    });
  return { url, env, close };
};
