/** Fixed so IndexedDB (per origin) survives a browser restart; E2E_PORT lets two checkouts test side by side. */
export const E2E_PORT = Number(process.env.E2E_PORT ?? 41731);
