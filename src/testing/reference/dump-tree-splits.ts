/**
 * Writes `fixtures/tree/splits.json`: for each quality data set, the rows used, the test indices of
 * trainyard's split and the column roles, so that `fixtures/tree/generate.py` fits scikit-learn on
 * exactly the same rows and features. Run after a build: `node dist/testing/reference/dump-tree-splits.js`.
 *
 * @example
 * // node dist/testing/reference/dump-tree-splits.js && python3 fixtures/tree/generate.py
 */
import { writeFileSync } from 'node:fs';
import { fixturePath } from '../paths.js';
import { kcHouseData, penguinsData, shoppersData, type TreeSplitData } from './tree-reference-data.js';

/** The kc-house rows the quality test uses (every 2nd sale keeps the test within its CPU budget). */
export const KC_HOUSE_STEP = 2;

function entry(d: TreeSplitData): Record<string, unknown> {
  return { rows: d.rows ? Array.from(d.rows) : null, test: Array.from(d.test), numeric: d.numeric, categorical: d.categorical, nFeatures: d.featureNames.length };
}

async function main(): Promise<void> {
  const out = {
    shoppers: entry(await shoppersData()),
    penguins: entry(await penguinsData()),
    kcHouse: { ...entry(await kcHouseData(KC_HOUSE_STEP)), step: KC_HOUSE_STEP },
  };
  writeFileSync(fixturePath('tree', 'splits.json'), JSON.stringify(out) + '\n');
}

if (process.argv[1]?.endsWith('dump-splits.js')) await main();
