/**
 * A progress bar on stderr, so stdout stays clean for `--json`. On a terminal it redraws one
 * line; in a log (not a TTY) it prints a line every tenth instead of flooding it.
 */
export function progressBar(stream: NodeJS.WriteStream = process.stderr, width = 30) {
  const started = Date.now();
  let lastDrawn = -1;
  return {
    update(label: string, fraction: number): void {
      const percent = Math.floor(Math.max(0, Math.min(1, fraction)) * 100);
      if (stream.isTTY) {
        if (percent === lastDrawn) return;
        const filled = Math.round((percent / 100) * width);
        const seconds = ((Date.now() - started) / 1000).toFixed(0);
        stream.write(
          `\r[${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${String(percent).padStart(3)}% ${label.padEnd(14)} ${seconds}s `,
        );
      } else {
        if (Math.floor(percent / 10) === Math.floor(lastDrawn / 10)) return;
        stream.write(`${String(percent).padStart(3)}% ${label}\n`);
      }
      lastDrawn = percent;
    },
    done(): void {
      if (stream.isTTY) stream.write('\n');
    },
  };
}
