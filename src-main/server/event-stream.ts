import type { IncomingMessage, ServerResponse } from 'node:http';
import type { EventBus } from '../core/event-bus';

const KEEP_ALIVE_MS = 25_000;

/** Server-sent events: every core event goes to every open page as `event: name` + JSON data. */
export function openEventStream(req: IncomingMessage, res: ServerResponse, events: Pick<EventBus, 'listen'>, headers: Record<string, string>): void {
  res.writeHead(200, {
    ...headers,
    'Content-Type': 'text/event-stream; charset=utf-8',
    'Cache-Control': 'no-store',
    Connection: 'keep-alive',
  });
  res.write(': connected\n\n');
  const stop = events.listen((event, payload) => {
    res.write(`event: ${event}\ndata: ${JSON.stringify(payload)}\n\n`);
  });
  const keepAlive = setInterval(() => res.write(': keep-alive\n\n'), KEEP_ALIVE_MS);
  keepAlive.unref();
  req.on('close', () => {
    clearInterval(keepAlive);
    stop();
  });
}
