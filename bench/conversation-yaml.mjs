// CPU of one conversation's Sensei YAML (three documents): the direct emitter against the yaml
// library's Document building, for a bench-shaped five-turn conversation, cold (the first
// conversations of a run) and warm. Checks that both write the same bytes. Needs `npm run build`
// (imports dist/).
import { dumpYaml, dumpYamlWithLibrary } from '../dist/output/pyyaml-dump.js';
import {
  senseiInteractionDocument,
  senseiMetadataDocument,
  senseiTimingDocument,
} from '../dist/output/sensei-conversation-yaml.js';

const turns = [];
for (let i = 1; i <= 5; i++) {
  const at = new Date(Date.UTC(2026, 0, 1, 12, 0, i)).toISOString();
  turns.push({ role: 'user', text: `I would like a medium pizza, message ${i}.`, at });
  turns.push({
    role: 'assistant',
    text: `Sure, noted: I would like a medium pizza, message ${i}. Anything else with your order today?`,
    responseSeconds: 0.004,
    fallback: false,
    at,
  });
}
const result = {
  serial: '2026-01-01-12-00-00',
  index: 0,
  metadata: {
    language: 'English',
    askAbout: ['a medium pizza'],
    interactionStyles: ['default'],
    number: 40,
    goalStyle: { steps: 5 },
  },
  outputs: [],
  errors: [],
  cost: { usd: 0.0004 },
  turns,
  timing: { conversationSeconds: 0.063, responseTimes: [0.008, 0.004, 0.005, 0.006, 0.004] },
  status: 'completed',
  expectations: [],
};
const documents = () => [
  senseiMetadataDocument(result),
  senseiTimingDocument(result),
  senseiInteractionDocument(result),
];
const conversation = (dump) => documents().map(dump).join('---\n');

if (conversation(dumpYaml) !== conversation(dumpYamlWithLibrary)) throw new Error('the emitter and the library differ');
const usPer = (dump, n) => {
  const started = process.cpuUsage();
  for (let i = 0; i < n; i++) conversation(dump);
  const used = process.cpuUsage(started);
  return (used.user + used.system) / n;
};
for (const [name, dump] of [
  ['direct emitter', dumpYaml],
  ['yaml library', dumpYamlWithLibrary],
]) {
  const cold = usPer(dump, 40);
  usPer(dump, 2000);
  console.log(
    `${name}: ${cold.toFixed(0)} us per conversation over the first 40, ${usPer(dump, 2000).toFixed(0)} us warm`,
  );
}
