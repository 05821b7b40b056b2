import { LightHeaders } from './light-headers.ts';

// What the bundle script injects in place of two platform globals in the bundled CLI. The LLM
// SDKs build a Headers for every request and test every body with `instanceof FormData`; the
// first touch of either global loads Node's whole fetch implementation (about 20 ms of every
// run's start-up), which simsim's own fetch never needs.

/** Every free `Headers` in the bundle. */
export { LightHeaders as Headers };

/**
 * Every free `FormData` in the bundle: making one makes the platform's; a value can only be one
 * once the platform's class has been loaded, so until then `instanceof` answers false without
 * loading it.
 */
export class FormData {
  constructor() {
    return new globalThis.FormData();
  }

  static [Symbol.hasInstance](value: unknown): boolean {
    // What the SDKs test on every request is their plain parameters object: answered at once.
    if (typeof value !== 'object' || value === null) return false;
    const prototype: unknown = Object.getPrototypeOf(value);
    if (prototype === Object.prototype || prototype === null || prototype === Array.prototype) return false;
    const global = Object.getOwnPropertyDescriptor(globalThis, 'FormData');
    if (global?.get !== undefined) return false;
    return value instanceof globalThis.FormData;
  }
}
