/**
 * A progress bar on a terminal (stderr), and nothing on a pipe or in CI: the
 * caller prints a summary line at the end either way.
 */
export const progressBar = (stream: NodeJS.WritableStream, label: string) => {
  const tty = (stream as { isTTY?: boolean }).isTTY === true;
  let last = 0;
  return {
    update(done: number, total: number) {
      if (!tty) return;
      const now = Date.now();
      if (now - last < 100 && done < total) return;
      last = now;
      const width = 30;
      const ratio = total > 0 ? Math.min(1, done / total) : 1;
      const filled = Math.round(ratio * width);
      stream.write(`\r${label} [${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${done}/${total}`);
    },
    done() {
      if (tty) stream.write('\n');
    },
  };
};
