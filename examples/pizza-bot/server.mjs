#!/usr/bin/env node
// The bundled example chatbot: a pizza shop speaking Taskyto's HTTP API.
//   POST /conversation/new           -> {id, type, message}   (the greeting)
//   POST /conversation/user_message  {id, message} -> {id, type, message}
//   GET  /                           -> {status: "ok", name}  (for readiness checks)
// With --rich, replies also carry links, images, files and buttons (see rich.mjs), and
//   GET /offers, /menu.pdf, /pizza.png serve what they point to; a `payload` field in the
//   user_message body (a pressed button's) stands for the message.
// With --price NAME=USD (repeatable), a pizza's medium price is changed: a new release of the shop
//   for replay and diff tests (e.g. --price pepperoni=12.50).
// Run: node examples/pizza-bot/server.mjs [--port 5050] [--host 127.0.0.1] [--rich] [--price NAME=USD ...]
import { createServer } from 'node:http';
import { pathToFileURL } from 'node:url';
import { FALLBACK, GREETING, newSession, PIZZAS, reply, SHOP_NAME } from './bot.mjs';
import { ASSETS, payloadMessage, richParts } from './rich.mjs';

const MAX_SESSIONS = 10_000;
const MAX_BODY = 64 * 1024;

function send(res, status, body) {
  const text = JSON.stringify(body);
  res.writeHead(status, {
    'content-type': 'application/json; charset=utf-8',
    'content-length': Buffer.byteLength(text),
  });
  res.end(text);
}

async function readJson(req) {
  let size = 0;
  const chunks = [];
  for await (const chunk of req) {
    size += chunk.length;
    if (size > MAX_BODY) return { error: 'request body too large' };
    chunks.push(chunk);
  }
  const text = Buffer.concat(chunks).toString('utf8').trim();
  if (text === '') return { value: {} };
  try {
    return { value: JSON.parse(text) };
  } catch {
    return { error: 'request body is not JSON' };
  }
}

function sendAsset(res, asset) {
  res.writeHead(200, { 'content-type': asset.type, 'content-length': asset.body.length });
  res.end(asset.body);
}

/**
 * `pepperoni=12.5` → `{ pepperoni: 12.5 }`; throws on a pizza the menu does not have or a price
 * that is not a positive number.
 */
export function parsePrice(text) {
  const eq = String(text).indexOf('=');
  const name = eq < 0 ? '' : text.slice(0, eq).trim().toLowerCase();
  const price = eq < 0 ? NaN : Number(text.slice(eq + 1).trim());
  if (!Object.hasOwn(PIZZAS, name))
    throw new Error(`--price ${text}: expected NAME=USD with NAME one of ${Object.keys(PIZZAS).join(', ')}`);
  if (!Number.isFinite(price) || price <= 0) throw new Error(`--price ${text}: the price must be a number above 0`);
  return { [name]: price };
}

/**
 * The request handler, with its own sessions; ids count up from 1 so runs are reproducible.
 * `prices` overrides medium prices (`{ pepperoni: 12.5 }`).
 */
export function createPizzaBot({ rich = false, prices = {} } = {}) {
  const sessions = new Map();
  let next = 1;
  async function handle(req, res) {
    const url = new URL(req.url ?? '/', 'http://localhost');
    if (req.method === 'GET' && (url.pathname === '/' || url.pathname === '/health'))
      return send(res, 200, { status: 'ok', name: SHOP_NAME });
    if (rich && req.method === 'GET' && Object.hasOwn(ASSETS, url.pathname))
      return sendAsset(res, ASSETS[url.pathname]);
    if (req.method !== 'POST') return send(res, 405, { error: 'use POST' });
    const body = await readJson(req);
    if (body.error) return send(res, 400, { error: body.error });
    if (url.pathname === '/conversation/new') {
      const id = String(next++);
      sessions.set(id, newSession(prices));
      if (sessions.size > MAX_SESSIONS) sessions.delete(sessions.keys().next().value);
      return send(res, 200, { id, type: 'chatbot_response', message: GREETING });
    }
    if (url.pathname === '/conversation/user_message') {
      const { id, message, payload } = body.value ?? {};
      if (id === undefined || id === null || typeof message !== 'string')
        return send(res, 400, { error: "Missing 'id' or 'message' in request" });
      const session = sessions.get(String(id));
      if (!session)
        return send(res, 404, { error: `Conversation ${String(id)} not found; start one with POST /conversation/new` });
      if (!rich) return send(res, 200, { id: String(id), type: 'chatbot_response', message: reply(session, message) });
      const said = payloadMessage(payload) ?? message;
      return send(res, 200, {
        id: String(id),
        type: 'chatbot_response',
        ...richParts(said, reply(session, said), FALLBACK),
      });
    }
    return send(res, 404, { error: `no route ${url.pathname}` });
  }
  return { handle, sessions };
}

/** Starts the bot; port 0 picks a free port. Resolves once it listens. */
export function startPizzaBot({ port = 5050, host = '127.0.0.1', rich = false, prices = {} } = {}) {
  const bot = createPizzaBot({ rich, prices });
  const server = createServer((req, res) => {
    bot.handle(req, res).catch((error) => send(res, 500, { error: String(error?.message ?? error) }));
  });
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      const address = server.address();
      const url = `http://${host.includes(':') ? `[${host}]` : host}:${address.port}`;
      resolve({
        url,
        port: address.port,
        server,
        close: () =>
          new Promise((done) => {
            server.closeAllConnections?.();
            server.close(() => done());
          }),
      });
    });
  });
}

function argValue(args, name, fallback) {
  const i = args.indexOf(name);
  if (i !== -1 && args[i + 1] !== undefined) return args[i + 1];
  const eq = args.find((a) => a.startsWith(`${name}=`));
  return eq ? eq.slice(name.length + 1) : fallback;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const args = process.argv.slice(2);
  const port = Number(argValue(args, '--port', process.env.PORT ?? '5050'));
  const host = argValue(args, '--host', '127.0.0.1');
  const rich = args.includes('--rich');
  let prices = {};
  try {
    args.forEach((arg, i) => {
      if (arg === '--price' && args[i + 1] !== undefined) prices = { ...prices, ...parsePrice(args[i + 1]) };
      else if (arg.startsWith('--price=')) prices = { ...prices, ...parsePrice(arg.slice('--price='.length)) };
    });
  } catch (error) {
    process.stderr.write(`pizza bot: ${error.message}\n`);
    process.exit(2);
  }
  try {
    const bot = await startPizzaBot({ port, host, rich, prices });
    process.stdout.write(
      `${SHOP_NAME} (example chatbot, Taskyto API${rich ? ', rich replies' : ''}) listening on ${bot.url}\n`,
    );
    const stop = () => bot.close().then(() => process.exit(0));
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
  } catch (error) {
    const reason =
      error?.code === 'EADDRINUSE'
        ? `port ${port} is already in use (EADDRINUSE); pass another with --port`
        : String(error?.message ?? error);
    process.stderr.write(`pizza bot: cannot listen on ${host}:${port}: ${reason}\n`);
    process.exit(1);
  }
}
