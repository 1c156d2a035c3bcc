// Minimal typings for the untyped compression libraries this folder uses.
declare module "pako" {
  interface PakoDeflate {
    push(data: Uint8Array, finish: boolean): boolean;
    readonly result: Uint8Array;
    readonly err: number;
    readonly msg: string;
  }
  const pako: { deflate(data: Uint8Array): Uint8Array; inflate(data: Uint8Array): Uint8Array; Deflate: new () => PakoDeflate };
  export default pako;
}
declare module "seek-bzip" {
  interface ByteSink {
    writeByte(b: number): void;
  }
  const Bunzip: { decode(input: Uint8Array, output?: ByteSink | number | null, multistream?: boolean): Uint8Array | undefined };
  export default Bunzip;
}
