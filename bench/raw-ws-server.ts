/**
 * The floor: what a WebSocket server costs with no gateway, no Lambda and no DynamoDB. It speaks
 * just enough of the app's protocol for every scenario (join, chat broadcast to a room, a game
 * that advances on the question's own word) plus a true echo, all in memory.
 * Bundled by esbuild and run with plain `node`, so its RSS is node + ws and nothing else.
 */
import { WebSocket, WebSocketServer } from 'ws';
import { initialConsonants } from '../lambda/src/rules/consonants.ts';
import { QUESTIONS } from '../lambda/src/words/questions.ts';

interface Room {
  members: Set<WebSocket>;
  nowWordIdx: number;
  round: number;
}

const rooms = new Map<string, Room>();
const roomOf = new WeakMap<WebSocket, string>();

function room(name: string): Room {
  let found = rooms.get(name);
  if (!found) {
    found = { members: new Set(), nowWordIdx: 0, round: 0 };
    rooms.set(name, found);
  }
  return found;
}

function gameFrame(name: string, r: Room) {
  const word = QUESTIONS[r.nowWordIdx] ?? '';
  return {
    type: 'game',
    id: 1,
    nowWordIdx: r.nowWordIdx,
    nowConsonant: initialConsonants(word),
    answeredWords: '',
    room: name,
    round: r.round,
  };
}

function toRoom(r: Room, frame: unknown): void {
  const text = JSON.stringify(frame);
  for (const member of r.members) if (member.readyState === WebSocket.OPEN) member.send(text);
}

function onMessage(socket: WebSocket, text: string): void {
  let message: { action?: string; username?: string; content?: string; room?: string };
  try {
    message = JSON.parse(text);
  } catch {
    socket.send(JSON.stringify({ error: { code: 'invalid-json', message: 'send JSON' } }));
    return;
  }
  if (message.action === 'echo') {
    socket.send(text);
    return;
  }
  if (message.action === 'join') {
    const name = message.room ?? 'lobby';
    const r = room(name);
    r.members.add(socket);
    roomOf.set(socket, name);
    socket.send(
      JSON.stringify({
        type: 'joined',
        room: name,
        username: message.username,
        game: gameFrame(name, r),
        recentChat: [],
        scores: [],
      }),
    );
    return;
  }
  const name = roomOf.get(socket) ?? 'lobby';
  const r = room(name);
  const content = String(message.content ?? '').trim();
  toRoom(r, {
    type: 'chat',
    username: message.username,
    content,
    room: name,
    timestamp: new Date().toISOString(),
  });
  // First correct answer wins; the rest arrive after the question moved on and simply do not match.
  if (content === QUESTIONS[r.nowWordIdx]) {
    r.nowWordIdx = (r.nowWordIdx + 1) % QUESTIONS.length;
    r.round += 1;
    toRoom(r, { ...gameFrame(name, r), lastAnswer: { username: message.username, word: content } });
  }
}

const server = new WebSocketServer({ host: '127.0.0.1', port: Number(process.env.WS_PORT ?? 0) });
server.on('connection', (socket) => {
  socket.on('message', (data) => onMessage(socket, data.toString()));
  socket.on('close', () => {
    const name = roomOf.get(socket);
    if (name) rooms.get(name)?.members.delete(socket);
  });
});
server.on('listening', () => {
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  console.log(`raw-ws: listening on 127.0.0.1:${port}`);
  console.log(`READY ${JSON.stringify({ ws: `ws://127.0.0.1:${port}/dev` })}`);
});
process.on('SIGTERM', () => {
  for (const client of server.clients) client.terminate();
  server.close(() => process.exit(0));
});
