export function copyDemoCheckout(dir: string): void;
