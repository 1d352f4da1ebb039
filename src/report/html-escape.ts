/**
 * HTML escaping for the report. Every string that came from the user or their data (run names,
 * column names, class labels, parameter values, file paths) passes through `escapeHtml` before it
 * is placed in markup, so a class label like `<script>` renders as text and never executes.
 */

const ENTITIES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/**
 * Escapes `&`, `<`, `>`, `"` and `'` so the result is safe both as element text and inside a quoted
 * attribute value.
 *
 * @example escapeHtml('<b class="x">') // '&lt;b class=&quot;x&quot;&gt;'
 */
export function escapeHtml(value: unknown): string {
  return String(value).replace(/[&<>"']/g, (c) => ENTITIES[c]);
}
