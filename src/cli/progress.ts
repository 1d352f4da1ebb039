/**
 * Terminal progress for long steps: bars on a TTY (cli-progress), plain lines otherwise (CI logs,
 * pipes), always on stderr so stdout stays clean for `--json`.
 */
import cliProgress from 'cli-progress';
import type { RunObserver, RunTaskProgress } from '../experiment/run.js';
import { settingText } from './run-summary.js';

/**
 * A finished task as a person reads it: `logistic_regression C=1 · fold 3/5: f1 0.4700`.
 *
 * @example foldLabel({ model: 'mlp', params: { hidden: [64] }, fold: 0, folds: 5, metric: 'f1', ... }, 0.5)
 */
export function foldLabel(t: NonNullable<RunTaskProgress['lastTask']>, score: number): string {
  const setting = settingText(t.params);
  return `${t.model}${setting ? ` ${setting}` : ''} · fold ${t.fold + 1}/${t.folds}: ${t.metric ?? 'score'} ${score.toFixed(4)}`;
}

export function terminalObserver(quiet = false): RunObserver & { close(): void } {
  const tty = process.stderr.isTTY === true && !quiet;
  const log = (line: string): void => {
    if (!quiet) process.stderr.write(`${line}\n`);
  };
  let bar: cliProgress.SingleBar | null = null;
  let lastPlain = 0;
  const stopBar = (): void => {
    bar?.stop();
    bar = null;
  };
  const startBar = (label: string, total: number): cliProgress.SingleBar => {
    stopBar();
    bar = new cliProgress.SingleBar(
      { format: `${label.padEnd(9)} [{bar}] {value}/{total} {detail} | ETA {eta_formatted}`, stream: process.stderr, hideCursor: true, clearOnComplete: false },
      cliProgress.Presets.shades_classic,
    );
    bar.start(total, 0, { detail: '' });
    return bar;
  };
  return {
    stage(name, detail) {
      stopBar();
      log(`${name.padEnd(9)} ${detail}`);
    },
    tasks(p) {
      if (tty) {
        if (!bar || p.done === 1) startBar('cv', p.total);
        bar!.update(p.done, { detail: p.lastTask && p.last ? foldLabel(p.lastTask, p.last.score) : '' });
        if (p.done === p.total) stopBar();
      } else if (p.done === p.total || Date.now() - lastPlain > 2000) {
        lastPlain = Date.now();
        log(`cv        ${p.done}/${p.total} tasks done${p.failed ? `, ${p.failed} failed` : ''}${p.lastTask && p.last ? ` (last: ${foldLabel(p.lastTask, p.last.score)})` : ''}`);
      }
    },
    epoch(logs) {
      const detail = `loss ${logs.loss.toFixed(4)}${logs.validationScore !== undefined ? ` val ${logs.validationScore.toFixed(4)}` : ''}`;
      if (tty) {
        if (!bar) startBar('epochs', 0);
        bar!.setTotal(logs.epoch + 1);
        bar!.update(logs.epoch + 1, { detail });
      } else if (Date.now() - lastPlain > 2000) {
        lastPlain = Date.now();
        log(`epoch     ${logs.epoch + 1} ${detail}`);
      }
    },
    close: stopBar,
  };
}
