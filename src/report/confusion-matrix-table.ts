/**
 * Confusion matrix as a heat-map table: rows are true classes, columns predicted classes (sklearn's
 * `confusion_matrix` layout). Each cell shows the count and the row-normalised share (the recall of
 * that class on the diagonal), coloured blue on the diagonal and red off it so errors stand out.
 */
import { escapeHtml } from './html-escape.js';
import { formatCount, formatPercent } from './format.js';

function cellStyle(share: number, correct: boolean): string {
  // Lightness falls from 97% to 38% as the share grows; text flips to white on dark cells.
  const t = Math.max(0, Math.min(1, share));
  const hue = correct ? 217 : 4;
  const light = 97 - t * 59;
  return `background:hsl(${hue} ${correct ? 75 : 70}% ${light.toFixed(1)}%);color:${light < 62 ? '#fff' : '#1f2937'}`;
}

/**
 * Renders a k × k confusion matrix (`matrix[true][predicted]`) with class labels; labels missing
 * from `classes` fall back to the class index.
 *
 * @example renderConfusionMatrix([[50, 3], [7, 40]], ['no', 'yes'])
 */
export function renderConfusionMatrix(matrix: number[][], classes: string[] = []): string {
  const k = matrix.length;
  const label = (i: number): string => escapeHtml(classes[i] ?? String(i));
  const head = Array.from({ length: k }, (_, j) => `<th scope="col">${label(j)}</th>`).join('');
  const rows = matrix.map((row, i) => {
    const total = row.reduce((a, b) => a + b, 0);
    const cells = row.map((count, j) => {
      const share = total > 0 ? count / total : 0;
      return `<td style="${cellStyle(share, i === j)}"><span class="count">${formatCount(count)}</span><span class="share">${formatPercent(share)}</span></td>`;
    }).join('');
    return `<tr><th scope="row">${label(i)}</th>${cells}<td class="support">${formatCount(total)}</td></tr>`;
  }).join('');
  return `<div class="scroll"><table class="confusion">` +
    `<thead><tr><th class="corner">predicted →<br>true ↓</th>${head}<th class="support">support</th></tr></thead>` +
    `<tbody>${rows}</tbody></table></div>`;
}
