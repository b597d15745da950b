/**
 * The desktop parse host: a plain Node script that reads one spreadsheet and
 * answers with the same messages as the browser's parse worker
 * (shared/excel/parseMessages.ts), then waits for the next request.
 *
 * The desktop shell runs it with Electron's utilityProcess.fork and a heap
 * limit (electron/main/parse.ts). In Chromium a dedicated worker that runs out
 * of memory takes the whole renderer, and with it the window, down; a
 * separate process that runs out of memory ends alone, and main reports it.
 *
 * It talks through `process.parentPort` when Electron started it and through
 * `process.send` when Node's child_process.fork did (the unit tests), so the
 * same file runs in both.
 */
import { readWorkbook } from '../../shared/excel/workbook';
import { describeParseFailure, type ParseReply, type ParseRequest } from '../../shared/excel/parseMessages';

interface Port {
  on(event: 'message', listener: (message: unknown) => void): void;
  post(message: ParseReply): void;
}

function port(): Port | undefined {
  const parent = (
    process as NodeJS.Process & {
      parentPort?: {
        on(event: 'message', listener: (e: { data: unknown }) => void): void;
        postMessage(message: unknown): void;
      };
    }
  ).parentPort;
  if (parent) {
    return {
      on: (_event, listener) => parent.on('message', (e) => listener(e.data)),
      post: (message) => parent.postMessage(message),
    };
  }
  const send = process.send?.bind(process);
  if (!send) return undefined;
  return {
    on: (_event, listener) => process.on('message', listener),
    post: (message) => void send(message),
  };
}

function isRequest(value: unknown): value is ParseRequest {
  const v = value as Partial<ParseRequest> | null;
  return (
    !!v && v.bytes instanceof Uint8Array && typeof v.fileName === 'string' && typeof v.limits === 'object'
  );
}

const channel = port();
if (!channel) {
  console.error('解析进程需要由台账主程序启动。');
  process.exit(2);
}
channel.on('message', (message) => {
  if (!isRequest(message)) {
    channel.post({ type: 'done', result: { ok: false, error: '解析请求无效，未读取文件。' } });
    return;
  }
  try {
    const result = readWorkbook(message.bytes, message.fileName, {
      limits: message.limits,
      onProgress: (stage, fraction) => channel.post({ type: 'progress', stage, fraction }),
    });
    channel.post({ type: 'done', result });
  } catch (error) {
    channel.post({ type: 'done', result: { ok: false, error: describeParseFailure(error) } });
  }
});
