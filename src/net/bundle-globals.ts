import { LightHeaders } from './light-headers.ts';

// What the bundle script injects in place of three platform globals in the bundled CLI. The LLM
// SDKs build a Headers for every request and test every body with `instanceof FormData` and
// `instanceof ReadableStream`; the first touch of those globals loads Node's whole fetch
// implementation (about 20 ms of every run's start-up) or its web streams, which simsim's own
// fetch never needs.

/** What the SDKs test on every request (their plain parameters, a string): never a platform object. */
function isPlainValue(value: unknown): boolean {
  if (typeof value !== 'object' || value === null) return true;
  const prototype: unknown = Object.getPrototypeOf(value);
  return prototype === Object.prototype || prototype === null || prototype === Array.prototype;
}

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
    if (isPlainValue(value)) return false;
    const global = Object.getOwnPropertyDescriptor(globalThis, 'FormData');
    if (global?.get !== undefined) return false;
    return value instanceof globalThis.FormData;
  }
}

/**
 * Every `globalThis.ReadableStream` in the bundle (the bundle script defines it so). The SDKs read
 * that global and test the body with it at every request; its first read loads Node's web streams
 * (~4 ms before the run's first request). Making one makes the platform's; a string, a plain
 * object or an array (the bodies the SDKs test) is never one, answered without loading it.
 */
export class BundleReadableStream {
  constructor(...args: unknown[]) {
    return new (platformReadableStream())(...(args as ConstructorParameters<typeof globalThis.ReadableStream>));
  }

  static [Symbol.hasInstance](value: unknown): boolean {
    if (isPlainValue(value)) return false;
    return value instanceof platformReadableStream();
  }
}

/** Read by name: the bundle's define would turn `globalThis.ReadableStream` into this file's class. */
function platformReadableStream(): typeof globalThis.ReadableStream {
  return Reflect.get<typeof globalThis, 'ReadableStream'>(globalThis, 'ReadableStream');
}
