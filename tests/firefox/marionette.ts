/**
 * A small Marionette client: Debian's Firefox ESR driven without geckodriver (a binary download)
 * and without WebDriver BiDi (which may not open moz-extension:// pages). Marionette frames each
 * message as `<byte length>:<JSON>`; commands are `[0, id, name, params]`, answers `[1, id, error, result]`.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import net from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export class Marionette {
  private buffer = Buffer.alloc(0);
  private nextId = 1;
  private readonly waiting = new Map<number, (answer: [unknown, unknown]) => void>();
  private greeted!: () => void;
  readonly ready = new Promise<void>((resolve) => (this.greeted = resolve));

  private constructor(private readonly socket: net.Socket) {
    socket.on('data', (data) => this.receive(Buffer.from(data)));
  }

  static async connect(port: number, timeoutMs = 20_000): Promise<Marionette> {
    const end = Date.now() + timeoutMs;
    for (;;) {
      try {
        const socket = await new Promise<net.Socket>((resolve, reject) => {
          const s = net.connect(port, '127.0.0.1', () => resolve(s));
          s.once('error', reject);
        });
        const client = new Marionette(socket);
        await client.ready;
        return client;
      } catch (error) {
        if (Date.now() > end) throw error;
        await new Promise((r) => setTimeout(r, 200));
      }
    }
  }

  private receive(data: Buffer): void {
    this.buffer = Buffer.concat([this.buffer, data]);
    for (;;) {
      const colon = this.buffer.indexOf(0x3a);
      if (colon === -1) return;
      const length = Number(this.buffer.subarray(0, colon).toString('ascii'));
      if (this.buffer.length < colon + 1 + length) return;
      const message = JSON.parse(this.buffer.subarray(colon + 1, colon + 1 + length).toString('utf8')) as unknown;
      this.buffer = this.buffer.subarray(colon + 1 + length);
      if (!Array.isArray(message)) {
        this.greeted();
        continue;
      }
      const [, id, error, result] = message as [number, number, unknown, unknown];
      this.waiting.get(id)?.([error, result]);
      this.waiting.delete(id);
    }
  }

  send<T = { value: unknown }>(command: string, params: Record<string, unknown> = {}, timeoutMs = 30_000): Promise<T> {
    const id = this.nextId++;
    return new Promise<T>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`${command}: no answer in ${timeoutMs} ms`)), timeoutMs);
      this.waiting.set(id, ([error, result]) => {
        clearTimeout(timer);
        if (error) reject(new Error(`${command}: ${JSON.stringify(error).slice(0, 400)}`));
        else resolve(result as T);
      });
      const body = Buffer.from(JSON.stringify([0, id, command, params]), 'utf8');
      this.socket.write(Buffer.concat([Buffer.from(`${body.length}:`, 'ascii'), body]));
    });
  }

  close(): void {
    this.socket.destroy();
  }
}

export interface LaunchedFirefox {
  marionette: Marionette;
  close(): Promise<void>;
}

/** Headless Firefox with a fresh profile holding `prefs`, and a Marionette session. */
export async function launchFirefox(
  executable: string,
  prefs: Record<string, string | number | boolean>,
): Promise<LaunchedFirefox> {
  const profile = mkdtempSync(join(tmpdir(), 'aftertalk-firefox-'));
  const port = 30_000 + Math.floor(Math.random() * 20_000);
  const all = { 'marionette.port': port, ...prefs };
  writeFileSync(
    join(profile, 'user.js'),
    Object.entries(all)
      .map(([name, value]) => `user_pref(${JSON.stringify(name)}, ${JSON.stringify(value)});`)
      .join('\n'),
  );
  const child: ChildProcess = spawn(
    executable,
    ['--marionette', '-remote-allow-system-access', '--headless', '--no-remote', '--profile', profile],
    { stdio: 'ignore', env: { ...process.env, MOZ_HEADLESS: '1' } },
  );
  const marionette = await Marionette.connect(port);
  await marionette.send('WebDriver:NewSession', { capabilities: { alwaysMatch: { acceptInsecureCerts: true } } });
  return {
    marionette,
    async close() {
      await marionette.send('Marionette:Quit', { flags: ['eForceQuit'] }, 5000).catch(() => undefined);
      marionette.close();
      child.kill();
      await new Promise((r) => setTimeout(r, 300));
      rmSync(profile, { recursive: true, force: true });
    },
  };
}

/** Polls `probe` until it returns something truthy; its last error is in the timeout's message. */
export async function until<T>(
  what: string,
  probe: () => Promise<T | undefined | false>,
  timeoutMs = 20_000,
): Promise<T> {
  const end = Date.now() + timeoutMs;
  let last: unknown;
  for (;;) {
    try {
      const value = await probe();
      if (value) return value;
    } catch (error) {
      last = error;
    }
    if (Date.now() > end)
      throw new Error(`${what}: not within ${timeoutMs} ms${last ? ` (${String(last).slice(0, 300)})` : ''}`);
    await new Promise((r) => setTimeout(r, 250));
  }
}
