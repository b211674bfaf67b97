export function ensureWebBuild(): Promise<number | null>
