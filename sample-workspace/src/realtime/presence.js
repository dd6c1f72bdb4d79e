// Live updates over WebSocket: each open socket is remembered under a generated id so that `broadcast` can reach
// everyone who is connected to this process.
const { randomUUID } = require('node:crypto');
const { WebSocketServer } = require('ws');

const clients = new Map();

function attachPresence(httpServer) {
  const wss = new WebSocketServer({ server: httpServer });
  wss.on('connection', (socket) => {
    const id = randomUUID();
    clients.set(id, socket);
    socket.on('close', () => clients.delete(id));
  });
}

function broadcast(message) {
  for (const socket of clients.values()) {
    socket.send(message);
  }
}

module.exports = { attachPresence, broadcast };
