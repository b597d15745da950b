/**
 * Every IPC handler is registered here, from one typed map. Each call is
 * checked before the handler runs: the sender must be the main window's top
 * frame on the app's origin, and the arguments must parse against
 * the schema in the channel's IPC_TABLE row. The handler receives the parsed values, never the raw ones.
 */
import type { IpcMain, IpcMainInvokeEvent, WebContents } from 'electron';
import { IPC_TABLE, ipcRowOn, type Channel, type HandlerMap } from '../../shared/contract';

export type SenderEvent = Pick<IpcMainInvokeEvent, 'sender' | 'senderFrame'>;
export type SenderCheck = (event: SenderEvent) => boolean;

export const UNTRUSTED_SENDER_MESSAGE = '拒绝：来源不受信任';

/**
 * The sender check used in production: the frame's URL is on one of the
 * app's origins (app://ledger, or the dev server in development), the frame
 * is the top frame, and the WebContents is the main window's.
 */
export function createSenderCheck(
  allowedOrigins: readonly string[],
  getMainWebContents: () => WebContents | null | undefined,
): SenderCheck {
  const prefixes = allowedOrigins.map((o) => `${o}/`);
  return (event) => {
    try {
      const frame = event.senderFrame;
      if (!frame || frame.parent !== null) return false;
      if (!prefixes.some((p) => frame.url.startsWith(p))) return false;
      const main = getMainWebContents();
      return !!main && event.sender === main;
    } catch {
      // A frame that navigated or was destroyed mid-call throws on access.
      return false;
    }
  };
}

function describeIssue(issues: readonly { path: PropertyKey[]; message: string }[]): string {
  const first = issues[0];
  if (!first) return '（未知）';
  // The first path element is the argument's position in the tuple.
  const path = first.path.slice(1).map(String).join('.');
  return path ? `${path} ${first.message}` : first.message;
}

type AnyHandler = (...args: unknown[]) => unknown;

export function wrapHandler<C extends Channel>(
  channel: C,
  handler: HandlerMap[C],
  isTrustedSender: SenderCheck,
): (event: SenderEvent, ...args: unknown[]) => Promise<unknown> {
  const schema = ipcRowOn(channel).args;
  return async (event, ...args) => {
    if (!isTrustedSender(event)) throw new Error(UNTRUSTED_SENDER_MESSAGE);
    const parsed = schema.safeParse(args);
    if (!parsed.success) throw new Error(`参数无效：${describeIssue(parsed.error.issues)}`);
    return (handler as AnyHandler)(...(parsed.data as unknown[]));
  };
}

/** Registers one handler per channel; the map type makes a missing one a compile error. */
export function registerIpcHandlers(
  ipcMain: Pick<IpcMain, 'handle' | 'removeHandler'>,
  handlers: HandlerMap,
  isTrustedSender: SenderCheck,
): () => void {
  const channels = IPC_TABLE.map((row) => row.channel);
  for (const channel of channels) {
    ipcMain.handle(channel, wrapHandler(channel, handlers[channel], isTrustedSender));
  }
  return () => channels.forEach((c) => ipcMain.removeHandler(c));
}
