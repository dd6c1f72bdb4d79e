// The shop's Express app: its session middleware takes the store built in ./sessionStore.js (Redis), so a second
// instance sees the same sessions.
const express = require('express');
const session = require('express-session');
const store = require('./sessionStore');

const app = express();
app.use(session({ store, secret: process.env.SESSION_SECRET, resave: false, saveUninitialized: false }));

app.get('/basket', (req, res) => {
  res.json(req.session.basket ?? []);
});

app.listen(3001);
