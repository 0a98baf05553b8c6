/**
 * The few web-platform globals that both the renderer (browser) and main (Node ≥ 18) provide, typed
 * here so shared/ can use them without pulling in the DOM or Node type libraries.
 */
declare global {
  function atob(data: string): string;
  function btoa(data: string): string;
  class TextEncoder {
    encode(input?: string): Uint8Array;
  }
  class TextDecoder {
    constructor(label?: string, options?: { fatal?: boolean });
    decode(input?: Uint8Array): string;
  }
}
export {};
