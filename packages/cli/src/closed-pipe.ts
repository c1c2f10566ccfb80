/**
 * `providers history | head -1`: once the reader has gone, there is nobody left
 * to tell anything, so the CLI ends quietly instead of crashing with an EPIPE
 * stack trace. Any other stream error is still an error.
 */
export const endQuietlyOnClosedPipe = (stream: NodeJS.WriteStream): void => {
  stream.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code !== 'EPIPE') throw error;
    process.exit(process.exitCode ?? 0);
  });
};
