/** `trainyard token create|ls|revoke`: the server's API tokens, managed in the store. */
import type { Command } from 'commander';
import { NotFoundError } from '../core/errors.js';

const STORE_HELP = 'tracking store: SQLite file or postgres:// URL (the one `trainyard serve` uses)';

async function withStore<T>(location: string, body: (store: import('../tracking/store.js').Store) => Promise<T>): Promise<T> {
  const { openStore } = await import('../tracking/store.js');
  const store = await openStore(location);
  try {
    return await body(store);
  } finally {
    await store.close();
  }
}

/** Adds `token` with its subcommands to `program`. */
export function addTokenCommand(program: Command): void {
  const token = program.command('token').description('API tokens of `trainyard serve` (only a hash is stored)');

  token
    .command('create')
    .description('create a token and print it once')
    .requiredOption('--name <name>', 'a name to list and revoke it by')
    .requiredOption('--scope <scope>', 'read | predict | run | admin')
    .option('--store <location>', STORE_HELP, 'trainyard.db')
    .option('--json', 'print {"name","scope","token"} as one JSON line')
    .action(async (o: { name: string; scope: string; store: string; json?: boolean }) => {
      const { createApiToken } = await import('../server/api-tokens.js');
      const value = await withStore(o.store, (store) => createApiToken(store, o.name, o.scope));
      if (o.json) process.stdout.write(`${JSON.stringify({ name: o.name, scope: o.scope, token: value })}\n`);
      else {
        process.stdout.write(`${value}\n`);
        process.stderr.write(`token '${o.name}' (scope ${o.scope}) created; it is shown only now — store it safely\n`);
      }
    });

  token
    .command('ls')
    .description('list tokens (names, scopes, dates; never the tokens)')
    .option('--store <location>', STORE_HELP, 'trainyard.db')
    .option('--json', 'print the list as one JSON line')
    .action(async (o: { store: string; json?: boolean }) => {
      const list = await withStore(o.store, (store) => store.listTokens());
      if (o.json) process.stdout.write(`${JSON.stringify({ tokens: list })}\n`);
      else for (const t of list) console.log(`${t.name.padEnd(24)} ${t.scope.padEnd(8)} created ${t.createdAt}${t.revokedAt ? `  revoked ${t.revokedAt}` : ''}`);
    });

  token
    .command('revoke')
    .description('revoke a token: requests and sessions with it fail at once')
    .argument('<name>', 'the token name')
    .option('--store <location>', STORE_HELP, 'trainyard.db')
    .action(async (name: string, o: { store: string }) => {
      const ok = await withStore(o.store, (store) => store.revokeToken(name));
      if (!ok) throw new NotFoundError(`no valid token named '${name}'; see \`trainyard token ls\``, { name });
      process.stderr.write(`token '${name}' revoked\n`);
    });
}
