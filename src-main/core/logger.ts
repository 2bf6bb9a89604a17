/** Where the core writes what happened. Never given secrets or whole inputs: only names and errors. */
export interface Logger {
  info(message: string): void;
  warn(message: string): void;
  error(message: string, error?: unknown): void;
}

export function consoleLogger(prefix = 'petdrop'): Logger {
  const stamp = () => new Date().toISOString();
  return {
    info: (m) => console.log(`${stamp()} ${prefix} ${m}`),
    warn: (m) => console.warn(`${stamp()} ${prefix} warn ${m}`),
    error: (m, e) => console.error(`${stamp()} ${prefix} error ${m}`, e instanceof Error ? e.stack ?? e.message : e ?? ''),
  };
}

export const silentLogger: Logger = { info: () => {}, warn: () => {}, error: () => {} };
