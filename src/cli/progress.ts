import cliProgress from 'cli-progress';
import type { CliIo } from './cli-io.ts';

/**
 * A progress bar on the terminal's error stream (so --json output stays clean); silent
 * when stderr is not a terminal. With a known total it shows a bar, else a running count.
 */
export function createProgress(io: CliIo, enabled: boolean) {
  let bar: cliProgress.SingleBar | null = null;
  let currentLabel = '';
  let hasTotal = false;
  const on = enabled && io.stderr.isTTY === true;
  return {
    update(done: number, total: number | null, label?: string) {
      if (!on) return;
      if (label !== undefined && label !== currentLabel) {
        bar?.stop();
        bar = null;
        currentLabel = label;
      }
      if (!bar) {
        hasTotal = total !== null;
        bar = new cliProgress.SingleBar(
          {
            stream: io.stderr as unknown as NodeJS.WritableStream,
            format: hasTotal ? '{label} [{bar}] {percentage}% · {value}/{total} · {eta_formatted}' : '{label} {value} records',
            hideCursor: true,
            clearOnComplete: false,
          },
          cliProgress.Presets.shades_classic,
        );
        bar.start(total ?? 0, done, { label: shorten(currentLabel) });
      }
      if (hasTotal && total !== null) bar.setTotal(total);
      bar.update(done, { label: shorten(currentLabel) });
    },
    stop() {
      bar?.stop();
      bar = null;
    },
  };
}

function shorten(s: string): string {
  return s.length > 40 ? '…' + s.slice(-39) : s;
}
