/** What one server instance is given at start; time is an input (DESIGN habit 16). */
export interface ServerOptions {
  /** The clock every expiry and log entry asks. */
  now: () => Date;
  /** How long a session lasts. */
  sessionMs: number;
  /** Failed sign-ins allowed per name, and per address, within `loginWindowMs`. */
  loginLimit: number;
  loginWindowMs: number;
  /** The built browser edition, served under the server's own origin; none when absent. */
  staticDir?: string;
  /** Argon2id cost; the defaults are OWASP's minimum (19 MiB, 2 passes). */
  argon?: { memoryCost: number; timeCost: number };
}

export const DEFAULT_OPTIONS: ServerOptions = {
  now: () => new Date(),
  sessionMs: 14 * 24 * 3600_000,
  loginLimit: 5,
  loginWindowMs: 15 * 60_000,
};
