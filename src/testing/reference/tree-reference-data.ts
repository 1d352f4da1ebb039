/**
 * The real data sets of the tree quality tests and benchmark, prepared as the scikit-learn generator
 * (`fixtures/tree/generate.py`) prepares them; the test indices and the column roles are written to
 * `fixtures/tree/splits.json` by `dump-splits.ts`, and the generator reads them. The preparation itself
 * is shared with the neighbour and naive Bayes tests (`src/testing/reference-splits.ts`).
 * Test and benchmark support only; not exported from the package.
 */
import { kcHousePriceSplit, penguinsCompleteSplit, shoppersSplit, type ReferenceSplit } from './reference-splits.js';

/** A prepared train/test split and what the Python side needs to rebuild it. */
export type TreeSplitData = ReferenceSplit;

/**
 * Online shoppers (12,330 sessions): target Revenue, stratified 80/20, anchors.md's categorical columns one-hot.
 *
 * @example
 * const { Xtrain, ytrain, Xtest } = await shoppersData();
 */
export const shoppersData: () => Promise<TreeSplitData> = shoppersSplit;

/**
 * Palmer penguins: rows with a missing value (or sex '.') dropped; target species as its sorted index; stratified.
 *
 * @example
 * const d = await penguinsData();
 */
export const penguinsData: () => Promise<TreeSplitData> = penguinsCompleteSplit;

/**
 * King County houses (4 without a price dropped; every `step`-th sale when `step` > 1): target price, `id` and `date` left out, random 80/20.
 *
 * @example
 * const d = await kcHouseData(); // all 21,609 priced sales
 */
export const kcHouseData: (step?: number) => Promise<TreeSplitData> = kcHousePriceSplit;
