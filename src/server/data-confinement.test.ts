/** Unit tests of the data rules for submitted specs (the API-level cases are in server-security.test.ts). */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync, realpathSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ForbiddenError, InvalidParamError } from '../core/errors.js';
import { confineSource, dataPolicy } from './data-confinement.js';

function withRoot(fn: (root: string, outside: string) => void): void {
  const dir = realpathSync(mkdtempSync(join(tmpdir(), 'ty-confine-')));
  try {
    mkdirSync(join(dir, 'root', 'sub'), { recursive: true });
    writeFileSync(join(dir, 'root', 'a.csv'), 'x\n1\n');
    writeFileSync(join(dir, 'root', 'sub', 'b.csv'), 'x\n1\n');
    writeFileSync(join(dir, 'secret.csv'), 'x\n1\n');
    fn(join(dir, 'root'), dir);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const refused = (rule: string) => (e: unknown) => e instanceof ForbiddenError && e.details.rule === rule;

test('files under the root resolve to their real path; relative ones against the first root', () => {
  withRoot((root) => {
    const policy = dataPolicy([root], []);
    assert.equal(confineSource(policy, 'a.csv', 'data.source'), join(root, 'a.csv'));
    assert.equal(confineSource(policy, 'sub/b.csv', 'data.source'), join(root, 'sub', 'b.csv'));
    assert.equal(confineSource(policy, join(root, 'a.csv'), 'data.source'), join(root, 'a.csv'));
    assert.equal(confineSource(policy, `sqlite:${join(root, 'a.csv')}`, 'data.source'), `sqlite:${join(root, 'a.csv')}`);
    symlinkSync(join(root, 'a.csv'), join(root, 'inside-link.csv'));
    assert.equal(confineSource(policy, 'inside-link.csv', 'data.source'), join(root, 'a.csv'), 'a link staying inside is fine');
  });
});

test('escapes are refused naming the rule', () => {
  withRoot((root, outside) => {
    const policy = dataPolicy([root], []);
    symlinkSync(join(outside, 'secret.csv'), join(root, 'out.csv'));
    for (const src of ['../secret.csv', join(outside, 'secret.csv'), 'out.csv', '/etc/passwd', 'a.csv\0', 'sub/../a.csv', '*.csv', `sqlite:${join(outside, 'secret.csv')}`]) {
      assert.throws(() => confineSource(policy, src, 'data.source'), refused('data-root'), src);
    }
    assert.throws(() => confineSource(policy, 'https://example.com/a.csv', 'data.source'), refused('scheme'));
    assert.throws(() => confineSource(dataPolicy([], []), 'a.csv', 'data.source'), refused('data-root'), 'no root: no files');
  });
});

test('a root that is a symlink is compared by its real path; a missing root is refused at start', () => {
  withRoot((root, outside) => {
    symlinkSync(root, join(outside, 'root-link'));
    const policy = dataPolicy([join(outside, 'root-link')], []);
    assert.equal(confineSource(policy, 'a.csv', 'data.source'), join(root, 'a.csv'));
    assert.throws(() => dataPolicy([join(outside, 'nope')], []), InvalidParamError);
  });
});

test('database URLs must match an --allow-db entry by host, port and database', () => {
  const policy = dataPolicy([], ['postgres://db.internal/warehouse', 'mysql://10.0.0.5:3307/']);
  assert.equal(confineSource(policy, 'postgres://u:p@db.internal:5432/warehouse', 'data.source'), 'postgres://u:p@db.internal:5432/warehouse');
  assert.equal(confineSource(policy, 'postgresql://DB.internal/warehouse?sslmode=require', 'data.source'), 'postgresql://DB.internal/warehouse?sslmode=require');
  assert.equal(confineSource(policy, 'mariadb://10.0.0.5:3307/any', 'data.source'), 'mariadb://10.0.0.5:3307/any');
  for (const src of ['postgres://db.internal:5433/warehouse', 'postgres://db.internal/other', 'postgres://evil/warehouse', 'postgres://db.internal/warehouse?host=evil', 'mysql://10.0.0.5/any', 'postgres://db.internal.evil.com/warehouse']) {
    assert.throws(() => confineSource(policy, src, 'data.source'), refused('allow-db'), src);
  }
});
