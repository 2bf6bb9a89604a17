export {};
/**
 * `npm run bench`: every benchmark, one after the other, each printing lines that end `ratio R`.
 * Nothing here passes or fails; the numbers are for people and scripts to read.
 */
await import('./feed-import');
await import('./orders-list');
await import('./po-email-drain');
await import('./order-import');
