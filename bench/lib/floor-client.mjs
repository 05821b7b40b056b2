// The floor of a latency benchmark: a Node process that plays the benchmark's conversations
// against the same fake LLM and chatbot doing nothing else (no SDK, no files, no reports, no
// checks), so the wall time it takes is what the machine, Node's start-up and the fake servers
// cost before any work of simsim's. Run as a child process, like `simsim run`, so its start-up
// counts too:
//
//   node floor-client.mjs <llm base url> <rasa webhook url> <conversations> <turns> <concurrency>
//
// Exits 0 once every conversation has ended; any failed request exits 1.
import { Agent, request } from 'node:http';

const [llmBase, rasaUrl, conversations, turns, concurrency] = process.argv.slice(2);
const agent = new Agent({ keepAlive: true, maxSockets: Number(concurrency) * 2 });

function post(url, payload) {
  return new Promise((resolve, reject) => {
    const body = JSON.stringify(payload);
    const req = request(
      url,
      {
        method: 'POST',
        agent,
        headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) },
      },
      (res) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (chunk) => (text += chunk));
        res.on('end', () => (res.statusCode === 200 ? resolve(JSON.parse(text)) : reject(new Error(text))));
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

async function converse(n) {
  const messages = [{ role: 'system', content: 'You are a customer ordering a pizza.' }];
  for (let turn = 0; turn < Number(turns); turn++) {
    const completion = await post(`${llmBase}/chat/completions`, { model: 'gpt-4o-mini', messages });
    const said = completion.choices[0].message.content;
    messages.push({ role: 'assistant', content: said });
    const replies = await post(rasaUrl, { sender: `c${n}`, message: said });
    messages.push({ role: 'user', content: replies.map((reply) => reply.text).join('\n') });
  }
}

let next = 0;
const slot = async () => {
  while (next < Number(conversations)) await converse(next++);
};
try {
  await Promise.all(Array.from({ length: Number(concurrency) }, slot));
  agent.destroy();
} catch (error) {
  process.stderr.write(`${error}\n`);
  process.exitCode = 1;
}
