// A real load balancer in front of the API processes: Debian's nginx with a generated config in
// a temp dir, round robin over the upstreams, SSE-friendly (no buffering, long reads).
// Each answer names the upstream that served it (X-Upstream), so tests can tell the processes apart.
import { spawn } from 'node:child_process'
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { freePort } from '../../server/lib/redis-launch.ts'
import { until } from '../helpers/until.ts'
import { killOnExit, stopProcess } from './processes.ts'

export type Nginx = { url: string; port: number; stop(): Promise<void> }

const config = (dir: string, port: number, upstreams: number[]) => `
daemon off;
master_process on;
worker_processes 1;
user root;
pid ${dir}/nginx.pid;
error_log ${dir}/error.log warn;
# Each proxied SSE viewer holds two connections (client + upstream): 8192 capped the bench at 3 840 viewers.
events { worker_connections 16384; }
http {
  access_log off;
  client_body_temp_path ${dir}/body;
  proxy_temp_path ${dir}/proxy;
  fastcgi_temp_path ${dir}/fastcgi;
  uwsgi_temp_path ${dir}/uwsgi;
  scgi_temp_path ${dir}/scgi;
  upstream api {
    # max_fails=0: a process answering 503 (its Redis slot failing over) stays in rotation.
    ${upstreams.map((p) => `server 127.0.0.1:${p} max_fails=0;`).join('\n    ')}
    keepalive 64;
  }
  server {
    listen 127.0.0.1:${port};
    client_max_body_size 1m;
    location / {
      proxy_pass http://api;
      proxy_http_version 1.1;
      proxy_set_header Connection "";
      proxy_set_header Host $http_host;
      proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;
      proxy_buffering off;
      proxy_read_timeout 1h;
      add_header X-Upstream $upstream_addr always;
    }
  }
}
`

export async function startNginx(upstreams: number[]): Promise<Nginx> {
  const dir = mkdtempSync(join(tmpdir(), 'zb-nginx-'))
  mkdirSync(join(dir, 'logs'))
  const port = await freePort()
  const file = join(dir, 'nginx.conf')
  writeFileSync(file, config(dir, port, upstreams))
  const proc = spawn('nginx', ['-c', file, '-p', dir], { stdio: ['ignore', 'ignore', 'pipe'] })
  killOnExit(proc)
  let stderr = ''
  proc.stderr!.on('data', (d) => (stderr += d))
  const url = `http://127.0.0.1:${port}`
  try {
    await until(`nginx on :${port}`, async () => {
      if (proc.exitCode !== null) throw new Error(`nginx exited: ${stderr}`)
      return (await fetch(`${url}/api/health`)).status === 200
    }, 15_000)
  } catch (err) {
    proc.kill('SIGKILL')
    throw err
  }
  return {
    url,
    port,
    async stop() {
      await stopProcess(proc, 3000)
      rmSync(dir, { recursive: true, force: true })
    },
  }
}
