import { SocketBook } from './socket-book.js';

describe('SocketBook (the WebSocket server limits)', () => {
  const limits = { maxConnections: 5, maxConnectionsPerActor: 2, maxUnauthenticatedPerAddress: 2 };

  it('refuses a third connection from one address before sign-in, and frees the place on sign-in or close', () => {
    const book = new SocketBook(limits);
    const [a, b, c] = [{}, {}, {}];
    book.opened(a, '10.0.0.1');
    book.opened(b, '10.0.0.1');
    expect(book.admit('10.0.0.1')).toMatchObject({ ok: false, status: 429 });
    expect(book.admit('10.0.0.2')).toEqual({ ok: true });
    expect(book.signIn(a, 'user:1')).toBe(true);
    expect(book.admit('10.0.0.1')).toEqual({ ok: true });
    book.opened(c, '10.0.0.1');
    expect(book.admit('10.0.0.1')).toMatchObject({ ok: false, status: 429 });
    book.closed(b);
    expect(book.admit('10.0.0.1')).toEqual({ ok: true });
  });

  it('holds an actor to its number of connections, counted again when one closes', () => {
    const book = new SocketBook(limits);
    const sockets = [{}, {}, {}];
    sockets.forEach((s, i) => book.opened(s, `10.0.0.${i}`));
    expect(book.signIn(sockets[0], 'user:1')).toBe(true);
    expect(book.signIn(sockets[1], 'user:1')).toBe(true);
    expect(book.signIn(sockets[2], 'user:1')).toBe(false);
    expect(book.signIn(sockets[2], 'client:9')).toBe(true);
    expect(book.connectionsOf('user:1')).toBe(2);
    book.closed(sockets[0]);
    book.closed(sockets[0]);
    expect(book.connectionsOf('user:1')).toBe(1);
  });

  it('refuses any connection past the total, signed in or not', () => {
    const book = new SocketBook({ ...limits, maxUnauthenticatedPerAddress: 0 });
    for (let i = 0; i < 5; i++) book.opened({}, '10.0.0.1');
    expect(book.admit('10.0.0.9')).toMatchObject({ ok: false, status: 503 });
    expect(book.size).toBe(5);
  });
});
