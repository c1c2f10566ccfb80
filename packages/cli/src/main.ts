import { endQuietlyOnClosedPipe } from './closed-pipe.js';
import { runCli } from './run-cli.js';

// The AWS SDK warns about Node 20 on stderr when its first client is built;
// programs that parse our output (--json, credential_process) must not see it.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';

endQuietlyOnClosedPipe(process.stdout);
endQuietlyOnClosedPipe(process.stderr);

process.exitCode = await runCli(process.argv.slice(2), {
  env: process.env,
  stdin: process.stdin,
  stdout: process.stdout,
  stderr: process.stderr,
});
