import net from 'node:net';

/**
 * A loopback stand-in for PgBouncer in transaction mode, speaking the PostgreSQL wire protocol:
 * each client gets two server sessions, and every transaction — everything up to a ReadyForQuery
 * that reports "idle" — goes to the next one. Session state (advisory locks, SET) then does not
 * follow the client, exactly the trap a real transaction pooler sets.
 */
export async function startTransactionPooler(upstream: { host: string; port: number }): Promise<{ port: number; close(): Promise<void> }> {
  const sockets = new Set<net.Socket>();
  const track = (s: net.Socket) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
    s.on('error', () => s.destroy());
    return s;
  };
  const server = net.createServer((client) => {
    track(client);
    const sessions = [track(net.connect(upstream)), track(net.connect(upstream))];
    let active = 0;
    let switchOnNextMessage = false;
    let startedUp = false;
    client.on('data', (chunk) => {
      if (!startedUp) {
        // The startup message opens both sessions; only the first one's replies reach the client.
        startedUp = true;
        for (const s of sessions) s.write(chunk);
        return;
      }
      if (switchOnNextMessage) {
        active = 1 - active;
        switchOnNextMessage = false;
      }
      sessions[active]!.write(chunk);
    });
    client.on('close', () => sessions.forEach((s) => s.destroy()));
    sessions.forEach((session, i) => {
      let pending = Buffer.alloc(0);
      let ready = false;
      session.on('data', (chunk) => {
        pending = Buffer.concat([pending, chunk]);
        // Whole messages only: a type byte, then a length that counts itself but not the type.
        while (pending.length >= 5 && pending.length >= 1 + pending.readInt32BE(1)) {
          const size = 1 + pending.readInt32BE(1);
          const message = pending.subarray(0, size);
          pending = pending.subarray(size);
          const idle = message[0] === 0x5a && message[5] === 0x49; // 'Z' with status 'I'
          if (i === active && (ready || i === 0)) client.write(message);
          if (idle && ready && i === active) switchOnNextMessage = true;
          if (idle) ready = true;
        }
      });
      session.on('close', () => client.destroy());
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    port: (server.address() as net.AddressInfo).port,
    close: () => {
      for (const s of sockets) s.destroy();
      return new Promise((resolve) => server.close(() => resolve()));
    },
  };
}
