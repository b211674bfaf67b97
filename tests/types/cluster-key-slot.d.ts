// cluster-key-slot (ioredis's own slot function) ships no types.
declare module 'cluster-key-slot' {
  export default function calculateSlot(key: string | Buffer): number
}
