import { render } from 'preact';
import { App } from './app.tsx';
import { loadPayload } from './load-payload.ts';

const root = document.getElementById('app');
loadPayload()
  .then((payload) => {
    if (!root) return;
    root.textContent = '';
    render(<App payload={payload} />, root);
    // Tests and the benchmark wait for this: the page is drawn and answers input.
    performance.mark('simsim:interactive');
    document.documentElement.dataset['ready'] = 'true';
  })
  .catch((error: unknown) => {
    if (root)
      root.textContent = `This report could not be read: ${error instanceof Error ? error.message : String(error)}`;
    console.error(error);
  });
