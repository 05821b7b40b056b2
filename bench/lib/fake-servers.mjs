// Runs in its own process so the bench measures simsim's CPU alone: a fake OpenAI Chat
// Completions server and a chatbot, each with a fixed latency. The chatbot speaks Taskyto
// (/conversation/new, /conversation/user_message) and Rasa's REST webhook (/webhooks/rest/webhook).
// Prints {"llm": url, "bot": url, "rasa": url} on stdout, then serves until killed.
// GET <llm origin>/stats gives what the LLM saw: calls, and prompt characters (system and every
// message) of the simulated user's calls (those with no response_format); POST resets them.
import { createServer } from 'node:http';

const [llmDelay = '0', botDelay = '0'] = process.argv.slice(2);
const later = (ms, fn) => (Number(ms) > 0 ? setTimeout(fn, Number(ms)) : fn());
let ids = 0;
const fresh = () => ({ calls: 0, userSimulatorCalls: 0, userSimulatorPromptChars: 0, userSimulatorSystemChars: 0 });
let stats = fresh();

function body(req) {
  return new Promise((resolve) => {
    let raw = '';
    req.on('data', (c) => (raw += c));
    req.on('end', () => resolve(raw ? JSON.parse(raw) : {}));
  });
}

const llm = createServer(async (req, res) => {
  if (req.url === '/stats') {
    req.resume();
    res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(stats));
    if (req.method === 'POST') stats = fresh();
    return;
  }
  const request = await body(req);
  const messages = request.messages ?? [];
  stats.calls++;
  if (request.response_format === undefined) {
    stats.userSimulatorCalls++;
    for (const m of messages) stats.userSimulatorPromptChars += String(m.content ?? '').length;
    stats.userSimulatorSystemChars += messages
      .filter((m) => m.role === 'system')
      .reduce((n, m) => n + String(m.content).length, 0);
  }
  const turn = messages.filter((m) => m.role === 'assistant').length;
  later(llmDelay, () => {
    res.writeHead(200, { 'content-type': 'application/json' }).end(
      JSON.stringify({
        id: `c${turn}`,
        object: 'chat.completion',
        created: 0,
        model: request.model,
        choices: [
          {
            index: 0,
            message: { role: 'assistant', content: `I would like a medium pizza, message ${turn + 1}.` },
            finish_reason: 'stop',
          },
        ],
        usage: { prompt_tokens: 400 + 40 * turn, completion_tokens: 12, total_tokens: 412 + 40 * turn },
      }),
    );
  });
});

const bot = createServer(async (req, res) => {
  const request = await body(req);
  later(botDelay, () => {
    const send = (json) => res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(json));
    if (req.url === '/conversation/new') send({ id: `s${++ids}` });
    else if (req.url === '/webhooks/rest/webhook')
      send([{ recipient_id: request.sender, text: `Sure, noted: ${request.message}` }]);
    else send({ id: request.id, message: `Sure, noted: ${request.message}` });
  });
});

const listen = (server) =>
  new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(`http://127.0.0.1:${server.address().port}`)));
const botUrl = await listen(bot);
const urls = { llm: `${await listen(llm)}/v1`, bot: botUrl, rasa: `${botUrl}/webhooks/rest/webhook` };
llm.keepAliveTimeout = bot.keepAliveTimeout = 60_000;
process.stdout.write(`${JSON.stringify(urls)}\n`);
