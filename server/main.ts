/**
 * `npm run server`: starts the team server.
 *
 *   npm run server                         embedded PGlite in ./server-data
 *   DATABASE_URL=postgres://… npm run server   a real PostgreSQL 15+
 *   npm run server -- --create-admin 张三   creates the first administrator
 *
 * Options (each also as an environment variable): --port PORT (8787),
 * --host HOST (0.0.0.0), --data DATA_DIR, --cert TLS_CERT --key TLS_KEY
 * (serve HTTPS), --static STATIC_DIR (the browser edition, out/renderer),
 * --password-file (for --create-admin; else ADMIN_PASSWORD, else a prompt).
 */
import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { parseArgs } from 'node:util';
import { buildApp } from './app';
import { createUser, userByName } from './auth';
import { DEFAULT_OPTIONS } from './config';
import { pgliteDb, postgresDb, type Db } from './db';
import { migrate } from './migrate';

const { values } = parseArgs({
  options: {
    port: { type: 'string' },
    host: { type: 'string' },
    data: { type: 'string' },
    cert: { type: 'string' },
    key: { type: 'string' },
    static: { type: 'string' },
    'create-admin': { type: 'string' },
    'display-name': { type: 'string' },
    'password-file': { type: 'string' },
  },
  strict: true,
});

function fail(message: string): never {
  console.error(message);
  process.exit(1);
}

async function openDb(): Promise<Db> {
  const url = process.env.DATABASE_URL;
  if (url) return postgresDb(url, Number(process.env.DB_POOL ?? 10));
  const dir = resolve(values.data ?? process.env.DATA_DIR ?? 'server-data');
  console.log(`使用内置数据库，数据目录：${dir}`);
  return pgliteDb(dir);
}

/** Reads a password from the terminal without echoing it. */
function promptPassword(question: string): Promise<string> {
  if (!process.stdin.isTTY) fail('没有终端可输入密码：请用 --password-file 或环境变量 ADMIN_PASSWORD');
  return new Promise((done) => {
    const rl = createInterface({ input: process.stdin, output: process.stdout, terminal: true });
    const out = rl as unknown as { _writeToOutput: (s: string) => void; output: NodeJS.WriteStream };
    let asked = false;
    out._writeToOutput = (s: string) => {
      if (!asked) {
        process.stdout.write(s);
        asked = true;
      }
    };
    rl.question(question, (answer) => {
      rl.close();
      process.stdout.write('\n');
      done(answer);
    });
  });
}

async function adminPassword(): Promise<string> {
  const file = values['password-file'];
  if (file) return readFileSync(file, 'utf8').replace(/\r?\n$/, '');
  if (process.env.ADMIN_PASSWORD) return process.env.ADMIN_PASSWORD;
  const first = await promptPassword('管理员密码（至少 8 位）：');
  const again = await promptPassword('再输入一次：');
  if (first !== again) fail('两次输入的密码不一致');
  return first;
}

async function main(): Promise<void> {
  const db = await openDb();
  const applied = await migrate(db);
  if (applied.length) console.log(`数据库已更新：${applied.join('、')}`);

  const admin = values['create-admin'];
  if (admin !== undefined) {
    if (!/^[^\s]{1,40}$/.test(admin)) fail('用户名应为 1–40 个字符，不含空格');
    if (await userByName(db, admin)) fail(`用户名“${admin}”已存在`);
    const password = await adminPassword();
    if (password.length < 8) fail('密码至少 8 位');
    await createUser(
      db,
      { name: admin, displayName: values['display-name'] ?? admin, role: 'admin', password },
      DEFAULT_OPTIONS,
    );
    console.log(`已创建管理员：${admin}`);
    await db.close();
    return;
  }

  const certFile = values.cert ?? process.env.TLS_CERT;
  const keyFile = values.key ?? process.env.TLS_KEY;
  if (!!certFile !== !!keyFile) fail('HTTPS 需要同时给出证书（--cert）和私钥（--key）');
  const https =
    certFile && keyFile ? { cert: readFileSync(certFile), key: readFileSync(keyFile) } : undefined;
  const staticDir = resolve(values.static ?? process.env.STATIC_DIR ?? 'out/renderer');
  const app = buildApp({
    db,
    https,
    logger: process.env.LOG !== '0',
    options: existsSync(staticDir) ? { staticDir } : {},
  });
  const port = Number(values.port ?? process.env.PORT ?? 8787);
  const host = values.host ?? process.env.HOST ?? '0.0.0.0';
  await app.listen({ port, host });
  console.log(`团队服务器已启动：${https ? 'https' : 'http'}://${host}:${port}/`);
  const stop = async () => {
    await app.close();
    await db.close();
    process.exit(0);
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

main().catch((e: unknown) => fail(`团队服务器无法启动：${e instanceof Error ? e.message : String(e)}`));
