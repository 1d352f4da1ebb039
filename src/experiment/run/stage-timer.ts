/** Seconds per stage of a run, for the report's `durations`. */

/**
 * `lap(name, since)` records the time since `since` under `name` and returns now, the start of the
 * next stage.
 *
 * @example
 * const { durations, lap } = stageTimer();
 * let t = lap('load', t0); t = lap('cv', t);
 */
export function stageTimer(): { durations: Record<string, number>; lap(name: string, since: number): number } {
  const durations: Record<string, number> = {};
  return {
    durations,
    lap(name: string, since: number): number {
      durations[name] = (performance.now() - since) / 1000;
      return performance.now();
    },
  };
}
