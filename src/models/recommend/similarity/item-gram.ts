/**
 * Sparse building blocks the item-to-item recommenders (item_knn, sar, ease) share: the users' training
 * rows kept in the model (a user's score is a weighted sum over the items in her row), the rows of the
 * item Gram matrix XᵀX computed one item at a time from the two CSR orientations (so item_knn and SAR
 * never hold a dense nItems² matrix), and the schema check of a CSR block in a saved model.
 *
 * Row i of XᵀX is Σ_{u ∈ users(i)} x_ui · x_u,: — the cost of all rows is Σ_u |items(u)|², about 2·10⁷
 * multiply-adds for MovieLens 100K.
 */
import type { StateValue } from '../../../core/estimator.js';
import { interactionsToCsr, type CsrMatrix, type Interactions } from '../../../core/interactions.js';
import { ModelFileError } from '../../../core/errors.js';
import { stateArray, stateNumber, stateObject } from '../../../core/state-check.js';

/**
 * The user × item matrix of `data` (repeated pairs summed), with every stored value set to 1 when
 * `binarize` is true.
 *
 * @example
 * const X = userItemRows(train, true); // X.values are all 1
 */
export function userItemRows(data: Interactions, binarize: boolean): CsrMatrix {
  const X = interactionsToCsr(data);
  return binarize ? { ...X, values: new Float64Array(X.values.length).fill(1) } : X;
}

/**
 * The transpose of a CSR matrix (item × user from user × item), column indices ascending.
 *
 * @example
 * const byItem = transposeCsr(userItemRows(train, true)); // row i lists the users of item i
 */
export function transposeCsr(X: CsrMatrix): CsrMatrix {
  const { nRows, nCols, indptr, indices, values } = X;
  const tIndptr = new Int32Array(nCols + 1);
  for (let p = 0; p < indices.length; p++) tIndptr[indices[p] + 1]++;
  for (let c = 0; c < nCols; c++) tIndptr[c + 1] += tIndptr[c];
  const next = tIndptr.slice(0, nCols), tIndices = new Int32Array(indices.length), tValues = new Float64Array(indices.length);
  // Rows are visited in order, so each transposed row's indices come out ascending.
  for (let r = 0; r < nRows; r++) {
    for (let p = indptr[r]; p < indptr[r + 1]; p++) {
      const q = next[indices[p]]++;
      tIndices[q] = r;
      tValues[q] = values[p];
    }
  }
  return { nRows: nCols, nCols: nRows, indptr: tIndptr, indices: tIndices, values: tValues };
}

/**
 * Calls `visit(i, row, touched, nTouched)` for every item i with row i of XᵀX in the dense `row`
 * (length nItems); `touched[0..nTouched)` lists the items j with a shared user (i itself included
 * when i has users) — in ascending order with `sorted`, else in the order found. Entries outside
 * `touched` are 0. `row` is cleared after each call, so `visit` must copy what it keeps.
 *
 * @example
 * forEachGramRow(X, transposeCsr(X), (i, row, touched, n) => { for (let t = 0; t < n; t++) G[i * m + touched[t]] = row[touched[t]]; });
 */
export function forEachGramRow(
  X: CsrMatrix,
  Xt: CsrMatrix,
  visit: (item: number, row: Float64Array, touched: Int32Array, nTouched: number) => void,
  sorted = false,
): void {
  const nItems = X.nCols;
  const row = new Float64Array(nItems), touched = new Int32Array(nItems), mark = new Uint8Array(nItems);
  for (let i = 0; i < nItems; i++) {
    let n = 0;
    for (let p = Xt.indptr[i]; p < Xt.indptr[i + 1]; p++) {
      const u = Xt.indices[p], xui = Xt.values[p];
      for (let q = X.indptr[u]; q < X.indptr[u + 1]; q++) {
        const j = X.indices[q];
        if (mark[j] === 0) {
          mark[j] = 1;
          touched[n++] = j;
        }
        row[j] += xui * X.values[q];
      }
    }
    // Sorting costs about as much as the products on MovieLens, so only consumers that store rows ask for it.
    if (sorted) touched.subarray(0, n).sort();
    visit(i, row, touched, n);
    for (let t = 0; t < n; t++) {
      row[touched[t]] = 0;
      mark[touched[t]] = 0;
    }
  }
}

/**
 * Reads back a CSR matrix saved as part of a model's learned state (field `key`, an object with
 * nRows, nCols, indptr, indices, values), checking its shape and structure (monotone `indptr`, column
 * indices in range) so that a tampered file fails with `E_MODEL_FILE`, not with wrong scores.
 *
 * @example
 * const history = csrFromState(fitted, 'history', nUsers, nItems);
 */
export function csrFromState(fitted: { [key: string]: StateValue }, key: string, nRows?: number, nCols?: number): CsrMatrix {
  const o = stateObject(fitted, key);
  const rows = stateNumber(o, 'nRows'), cols = stateNumber(o, 'nCols');
  if ((nRows !== undefined && rows !== nRows) || (nCols !== undefined && cols !== nCols) || !Number.isInteger(rows) || !Number.isInteger(cols) || rows < 0 || cols < 0) {
    throw new ModelFileError(`model file: field '${key}' is ${rows} × ${cols}, expected ${nRows ?? 'n'} × ${nCols ?? 'm'}`, { field: key });
  }
  const indptr = stateArray(o, 'indptr', Int32Array, rows + 1);
  const nnz = indptr[rows];
  const indices = stateArray(o, 'indices', Int32Array, nnz);
  const values = stateArray(o, 'values', Float64Array, nnz);
  if (indptr[0] !== 0) throw new ModelFileError(`model file: field '${key}.indptr' must start at 0, got ${indptr[0]}`, { field: key });
  for (let r = 0; r < rows; r++) {
    if (indptr[r + 1] < indptr[r]) throw new ModelFileError(`model file: field '${key}.indptr' decreases at row ${r}`, { field: key, row: r });
  }
  for (let p = 0; p < nnz; p++) {
    if (!(indices[p] >= 0 && indices[p] < cols)) {
      throw new ModelFileError(`model file: field '${key}.indices' holds ${indices[p]} at ${p}, outside 0..${cols - 1}`, { field: key, row: p });
    }
  }
  return { nRows: rows, nCols: cols, indptr, indices, values };
}

/**
 * Item-to-item scoring, shared by ItemKNN and SAR: writes score(i) = Σ_j X[user, j] · S[j, i] into
 * `out` (length nItems), walking only the user's row of X and the rows of S it touches.
 *
 * @example
 * scoreThroughItems(fitted.history, fitted.neighbourhoods, user, out);
 */
export function scoreThroughItems(X: CsrMatrix, S: CsrMatrix, user: number, out: Float64Array): void {
  out.fill(0);
  for (let p = X.indptr[user]; p < X.indptr[user + 1]; p++) {
    const j = X.indices[p], w = X.values[p];
    for (let q = S.indptr[j]; q < S.indptr[j + 1]; q++) out[S.indices[q]] += w * S.values[q];
  }
}

/**
 * Reads back the (user × item rows, item × item similarities) pair of an item-to-item model's saved
 * state, the second checked against the first's item count (`E_MODEL_FILE` otherwise).
 *
 * @example
 * const [history, neighbourhoods] = userItemPairFromState(fitted, 'history', 'neighbourhoods');
 */
export function userItemPairFromState(fitted: { [key: string]: StateValue }, rowsKey: string, similarityKey: string): [CsrMatrix, CsrMatrix] {
  const rows = csrFromState(fitted, rowsKey);
  return [rows, csrFromState(fitted, similarityKey, rows.nCols, rows.nCols)];
}
