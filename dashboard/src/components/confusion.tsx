/** The confusion matrix as a heat map: rows are the true class, cells show the count and % of the row. */
import { formatCount, formatPercent } from '../format';

export function ConfusionMatrix({ matrix, classes }: { matrix: number[][]; classes?: string[] }) {
  const label = (i: number): string => classes?.[i] ?? String(i);
  const rowSums = matrix.map((r) => r.reduce((a, b) => a + b, 0));
  return (
    <div class="scroll matrix-wrap">
      <table class="confusion">
        <thead>
          <tr>
            <th class="corner">
              true ↓ / predicted →
            </th>
            {matrix[0]?.map((_, j) => (
              <th key={j} scope="col">
                {label(j)}
              </th>
            ))}
            <th class="support">n</th>
          </tr>
        </thead>
        <tbody>
          {matrix.map((row, i) => (
            <tr key={i}>
              <th scope="row">{label(i)}</th>
              {row.map((v, j) => {
                const share = rowSums[i] > 0 ? v / rowSums[i] : 0;
                const diag = i === j;
                // Diagonal cells blue, errors orange, in proportion to their share of the row.
                const bg = diag ? `rgba(37, 99, 235, ${0.08 + share * 0.82})` : `rgba(234, 88, 12, ${share === 0 ? 0.04 : 0.1 + share * 0.75})`;
                return (
                  <td key={j} class={`cell${share > 0.55 ? ' strong' : ''}`} style={{ background: bg }}>
                    <span class="count">{formatCount(v)}</span>
                    <span class="share">{formatPercent(share)}</span>
                  </td>
                );
              })}
              <td class="support">{formatCount(rowSums[i])}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
