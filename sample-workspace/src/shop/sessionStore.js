// The shop's session store, built once and shared by every instance through Redis.
const { createClient } = require('redis');
const { RedisStore } = require('connect-redis');

const client = createClient({ url: process.env.REDIS_URL });
client.connect().catch((error) => console.error('redis', error));

module.exports = new RedisStore({ client, prefix: 'shop:' });
