// `npm install` runs this (the `prepare` hook) in a clone, and wherever npm treats the package folder as
// a project (`npx trainyard` inside node_modules/trainyard does). A clone has the sources and the build
// tools (devDependencies) and builds dist/. An installed package ships dist/ prebuilt and no sources: its
// dist/ must be left alone, since `npm run build` starts by deleting it — even when the app around it
// happens to have typescript installed.
import { existsSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';

const root = new URL('..', import.meta.url);
const require = createRequire(new URL('package.json', root));
const resolvable = (pkg) => {
  try {
    require.resolve(`${pkg}/package.json`);
    return true;
  } catch {
    return false;
  }
};
const built = existsSync(new URL('dist/index.js', root));
const isClone = existsSync(new URL('src/index.ts', root)) && existsSync(new URL('asm/', root));

if (!isClone || !resolvable('typescript') || !resolvable('assemblyscript')) {
  if (built) process.exit(0);
  console.error('trainyard: dist/ is missing and cannot be built here (no sources or no build tools); run `npm install` in a clone of the repository');
  process.exit(1);
}
const r = spawnSync('npm', ['run', 'build'], { stdio: 'inherit', cwd: root });
process.exit(r.status ?? 1);
