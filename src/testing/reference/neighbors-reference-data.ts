/**
 * The real data sets of the neighbour and naive Bayes quality tests, prepared exactly as the
 * scikit-learn generators (`fixtures/neighbors/generate.py`, `fixtures/bayes/generate.py`) prepare
 * them (the shared tabular preparation is `src/testing/reference-splits.ts`; the SMS bag of words is
 * built here).
 * Test support only; not exported from the package.
 */
import { readFileSync } from 'node:fs';
import { Matrix } from '../../core/matrix.js';
import { trainTestSplit } from '../../selection/train-test-split.js';
import { datasetPath } from '../paths.js';
import { kcHousePriceSplit, penguinsCompleteSplit, shoppersSplit, type ReferenceSplit } from './reference-splits.js';

/** A prepared train/test split. */
export type SplitData = Omit<ReferenceSplit, 'numeric' | 'categorical'>;

/**
 * Online shoppers: target Revenue, stratified 80/20 (seed 0), the categorical columns of anchors.md one-hot encoded.
 *
 * @example
 * const { Xtrain, ytrain, Xtest, ytest } = await shoppersData();
 */
export const shoppersData: () => Promise<SplitData> = shoppersSplit;

/**
 * Palmer penguins: rows with a missing value (or sex '.') dropped; target species (3 classes), stratified.
 *
 * @example
 * const d = await penguinsData(); // d.rows: the complete rows of the CSV
 */
export const penguinsData: () => Promise<SplitData> = penguinsCompleteSplit;

/**
 * King County houses: every 5th row with a price (4,322), target price, `id` and `date` left out, random 80/20 (seed 0).
 *
 * @example
 * const d = await kcHouseData(); // d.ytrain: prices
 */
export function kcHouseData(): Promise<SplitData> {
  return kcHousePriceSplit(5);
}

/**
 * Lower-cased words: maximal runs of the letters a-z.
 *
 * @example
 * tokenize("Free entry! Txt 87121"); // ['free', 'entry', 'txt']
 */
export function tokenize(text: string): string[] {
  return text.toLowerCase().split(/[^a-z]+/).filter((t) => t.length > 0);
}

/**
 * SMS spam as a bag of words: label 1 = spam; stratified 80/20 (seed 0); the vocabulary is the
 * `vocabularySize` most frequent training tokens (ties alphabetical); X holds counts.
 *
 * @example
 * const { Xtrain, vocabulary } = smsData(); // Xtrain: 4,460 × 1,000 counts
 */
export function smsData(vocabularySize = 1000): SplitData & { vocabulary: string[] } {
  const lines = readFileSync(datasetPath('sms-spam', 'SMSSpamCollection'), 'utf8').split('\n').filter((l) => l.length > 0);
  const texts = lines.map((l) => l.slice(l.indexOf('\t') + 1));
  const y = Float64Array.from(lines, (l) => (l.slice(0, l.indexOf('\t')) === 'spam' ? 1 : 0));
  const { train, test } = trainTestSplit(lines.length, { stratify: y, seed: 0 });
  const tokens = texts.map(tokenize);
  const freq = new Map<string, number>();
  for (const i of train) for (const t of tokens[i]) freq.set(t, (freq.get(t) ?? 0) + 1);
  const vocabulary = [...freq.entries()].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1)).slice(0, vocabularySize).map((e) => e[0]);
  const column = new Map(vocabulary.map((w, j) => [w, j]));
  const counts = (idx: Int32Array): Matrix => {
    const X = new Matrix(idx.length, vocabulary.length);
    idx.forEach((i, r) => {
      for (const t of tokens[i]) {
        const j = column.get(t);
        if (j !== undefined) X.data[r * vocabulary.length + j]++;
      }
    });
    return X;
  };
  const pick = (idx: Int32Array): Float64Array => Float64Array.from(idx, (i) => y[i]);
  return { Xtrain: counts(train), ytrain: pick(train), Xtest: counts(test), ytest: pick(test), featureNames: vocabulary, test, rows: null, vocabulary };
}
