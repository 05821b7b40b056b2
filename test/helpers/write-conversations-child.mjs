// Child process for the kill -9 test: writes conversations one after another with the built
// writers and says `done <i>` after each, until it is killed.
import { writeConversation } from '../../dist/output/write-conversation.js';

const [runDir, countText] = process.argv.slice(2);
const count = Number(countText);
const line = 'A long message so that every conversation file takes a while to write. '.repeat(8);

function result(index) {
  const turns = [];
  for (let t = 0; t < 300; t += 1) {
    turns.push({
      role: t % 2 === 0 ? 'user' : 'assistant',
      text: `${t}: ${line}`,
      at: '2025-01-27T13:39:18.000Z',
      responseSeconds: t % 2 === 0 ? undefined : 0.5,
    });
  }
  return {
    id: `durable/${index}`,
    index,
    testName: 'durable',
    profileFile: 'profiles/durable.yml',
    serial: '2025-01-27-13-39-17',
    seed: `1:${index}`,
    status: 'completed',
    stopReason: 'steps_reached',
    stopDetail: 'steps',
    turns,
    errors: [],
    simulatorIssues: [],
    outputs: [],
    metadata: {
      language: 'English',
      context: [],
      askAbout: [],
      interactionStyles: [],
      number: count,
      goalStyle: { steps: 150 },
    },
    timing: {
      startedAt: '2025-01-27T13:39:17.000Z',
      endedAt: '2025-01-27T13:40:17.000Z',
      conversationSeconds: 60,
      responseTimes: [0.5],
    },
    cost: { usd: 0, byModule: {} },
  };
}

for (let i = 0; i < count; i += 1) {
  await writeConversation(runDir, result(i));
  process.stdout.write(`done ${i}\n`);
}
