/**
 * The team server's address as the user types it, reduced to an origin. Kept
 * apart from the HTTP client so the settings schema and the shell's security
 * defaults can use it without loading the protocol.
 */
import { err, ok, type Result } from '../domain/result';

/** `10.0.0.5:8787`, `http://ledger.local/` → the origin; a Chinese message for anything else. */
export function serverOrigin(input: string): Result<string> {
  const text = input.trim();
  if (!text) return err('请填写服务器地址');
  let url: URL;
  try {
    url = new URL(/^[a-z]+:\/\//i.test(text) ? text : `http://${text}`);
  } catch {
    return err('服务器地址格式不对，例如 http://192.168.1.10:8787');
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:')
    return err('服务器地址应以 http:// 或 https:// 开头');
  if (url.username || url.password) return err('服务器地址里不能带用户名或密码');
  // A host name, an IPv4 or a bracketed IPv6 address; URL lets through characters such as * that no server has.
  if (!/^(?:[a-z0-9-]+\.)*[a-z0-9-]+$|^\[[0-9a-f:.]+\]$/i.test(url.hostname))
    return err('服务器地址格式不对，例如 http://192.168.1.10:8787');
  return ok(url.origin);
}
