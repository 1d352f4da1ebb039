/**
 * Plain-text tables for the terminal: columns padded to their widest cell, numbers right-aligned.
 *
 * @example
 * console.log(textTable(['run', 'f1'], [['r1', '0.812']], { right: [1] }));
 */
export function textTable(header: string[], rows: string[][], options: { right?: number[] } = {}): string {
  const right = new Set(options.right ?? []);
  const widths = header.map((h, j) => rows.reduce((w, r) => Math.max(w, (r[j] ?? '').length), h.length));
  const line = (cells: string[]) => cells.map((c, j) => (right.has(j) ? c.padStart(widths[j]) : c.padEnd(widths[j]))).join('  ').trimEnd();
  return [line(header), ...rows.map(line)].join('\n');
}
