// A small Express app as many start out: sessions kept in the process's memory.
const express = require('express');
const session = require('express-session');

const app = express();
app.use(express.json());

app.use(session({
  secret: process.env.SESSION_SECRET || 'dev-only-secret',
  resave: false,
  saveUninitialized: false,
}));

// Carts keyed by user id, kept in a module-level Map: gone on restart, invisible to a second instance.
const cartsByUserId = new Map();

app.post('/login', (req, res) => {
  req.session.userId = req.body.userId;
  res.json({ ok: true });
});

app.post('/cart/items', (req, res) => {
  const userId = req.session.userId;
  const cart = cartsByUserId.get(userId) ?? [];
  cart.push(req.body.item);
  cartsByUserId.set(userId, cart);
  res.json(cart);
});

app.listen(3000);
