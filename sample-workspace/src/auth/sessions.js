// Login sessions for the API, kept by this helper module: no web framework here, but every entry lives in the
// memory of the one process that created it.
const { randomUUID } = require('node:crypto');

const sessions = new Map();

function createSession(userId) {
  const id = randomUUID();
  sessions.set(id, { userId, createdAt: Date.now() });
  return id;
}

function getSession(id) {
  return sessions.get(id);
}

function endSession(id) {
  sessions.delete(id);
}

module.exports = { createSession, getSession, endSession };
