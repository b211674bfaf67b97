// Vite: `import('./x.css')` loads a stylesheet on demand (web/lib/elder.ts); nothing is exported.
declare module '*.css' {}
