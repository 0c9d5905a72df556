// Starts `sourceenergy localnet` for the tests, on free ports, and stops it with SIGINT. The
// tests of every workspace use it: this package's, the app's and the examples'.
// The binary: $SOURCEENERGY_BIN, or ${CARGO_TARGET_DIR:-$HOME/.cache/sourceenergy/target}/debug/sourceenergy.
// With a binary that has `localnet --economy`, the node plays its seeded economy and writes
// economy.json; otherwise the harness runs `bootstrap --config migrations/localnet.json`
// (the payer is then council, KYC provider, registrar, oracle...) and one `crank`.
import { spawn, execFile, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir, homedir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { fileURLToPath } from 'node:url';
import { createKeyPairSignerFromBytes, type KeyPairSigner } from '@solana/kit';

const run = promisify(execFile);
export const repoRoot = fileURLToPath(new URL('../../../', import.meta.url));

export function nodeBinary(): string {
  if (process.env.SOURCEENERGY_BIN) return process.env.SOURCEENERGY_BIN;
  const target = process.env.CARGO_TARGET_DIR || join(homedir(), '.cache', 'sourceenergy', 'target');
  return join(target, 'debug', 'sourceenergy');
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as { port: number };
      srv.close(() => resolve(port));
    });
  });
}

export type Economy = {
  rpcUrl: string;
  wsUrl: string;
  keypairs: Record<string, string | string[]>;
  mints: Record<string, string>;
  communities: string[];
  households: string[];
  pools: string[];
  members?: { wallet: string; keypair: string; household?: string; community?: string }[];
  /** Market epochs the economy settled, oldest first. */
  settledEpochs?: number[];
};

export type LocalNode = {
  rpcUrl: string;
  wsUrl: string;
  payerPath: string;
  payer: KeyPairSigner;
  /** The KYC provider's keypair (the payer after a plain bootstrap). */
  kycProvider: KeyPairSigner;
  /** The collateral mint's authority (the payer after a plain bootstrap). */
  collateralAuthority: KeyPairSigner;
  economy: Economy | null;
  dir: string;
  log: () => string;
  stop: () => Promise<void>;
};

export async function readKeypair(path: string): Promise<KeyPairSigner> {
  const bytes = Uint8Array.from(JSON.parse(readFileSync(path, 'utf8')) as number[]);
  return createKeyPairSignerFromBytes(bytes);
}

/** `localnet --help`, to tell which flags this binary has ('' when it has no localnet). */
async function localnetHelp(bin: string): Promise<string> {
  try {
    return (await run(bin, ['localnet', '--help'])).stdout;
  } catch {
    return '';
  }
}

function waitForReady(child: ChildProcess, output: { text: string }, timeoutMs: number): Promise<void> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`localnet not ready in ${timeoutMs / 1000} s:\n${output.text}`)),
      timeoutMs,
    );
    const check = () => {
      const lines = output.text.split('\n').map((l) => l.trim());
      if (lines.includes('ready') || lines.some((l) => l.startsWith('Ctrl-C stops it'))) {
        clearTimeout(timer);
        resolve();
      }
    };
    child.stdout!.on('data', (d) => {
      output.text += d.toString();
      check();
    });
    child.stderr!.on('data', (d) => {
      output.text += d.toString();
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`localnet exited (${code}) before ready:\n${output.text}`));
    });
  });
}

export async function startNode(opts: { economy?: boolean } = {}): Promise<LocalNode> {
  const bin = nodeBinary();
  if (!existsSync(bin)) {
    throw new Error(
      `No sourceenergy binary at ${bin}. Build it (cargo build -p sourceenergy --features localnet) or set SOURCEENERGY_BIN.`,
    );
  }
  const dir = mkdtempSync(join(tmpdir(), 'se-test-'));
  const [port, wsPort] = [await freePort(), await freePort()];
  const payerPath = join(dir, 'payer.json');
  const help = await localnetHelp(bin);
  const useEconomy = (opts.economy ?? true) && help.includes('--economy');
  const args = ['localnet', '--port', String(port), '--ws-port', String(wsPort), '--payer-out', payerPath];
  if (useEconomy) args.push('--economy', '--out', dir);
  // Each test's node keeps its ledger in its own folder, not the repository's default.
  if (help.includes('--ledger')) args.push('--ledger', join(dir, 'ledger'));
  const child = spawn(bin, args, { cwd: repoRoot, stdio: ['ignore', 'pipe', 'pipe'] });
  const output = { text: '' };
  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) {
      const exited = new Promise((r) => child.once('exit', r));
      child.kill('SIGINT');
      const t = setTimeout(() => child.kill('SIGKILL'), 10_000);
      await exited;
      clearTimeout(t);
    }
    rmSync(dir, { recursive: true, force: true });
  };
  try {
    await waitForReady(child, output, useEconomy ? 600_000 : 120_000);
    const rpcUrl = `http://127.0.0.1:${port}`;
    const wsUrl = `ws://127.0.0.1:${wsPort}`;
    let economy: Economy | null = null;
    if (useEconomy) {
      economy = JSON.parse(readFileSync(join(dir, 'economy.json'), 'utf8')) as Economy;
    } else {
      const base = ['--url', rpcUrl, '--keypair', payerPath];
      await run(bin, [...base, 'bootstrap', '--config', join(repoRoot, 'migrations/localnet.json')], {
        cwd: repoRoot,
      });
      await run(bin, [...base, 'crank'], { cwd: repoRoot });
    }
    const payer = await readKeypair(payerPath);
    const kycPath = economy?.keypairs.kycProvider;
    const kycProvider = typeof kycPath === 'string' ? await readKeypair(kycPath) : payer;
    const caPath = economy?.keypairs.collateralAuthority;
    const collateralAuthority = typeof caPath === 'string' ? await readKeypair(caPath) : payer;
    return {
      rpcUrl,
      wsUrl,
      payerPath,
      payer,
      kycProvider,
      collateralAuthority,
      economy,
      dir,
      log: () => output.text,
      stop,
    };
  } catch (e) {
    await stop();
    throw e;
  }
}
