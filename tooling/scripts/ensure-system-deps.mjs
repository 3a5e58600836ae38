// Makes sure the programs the tests drive are here: Debian's Chromium (Playwright never downloads
// a browser here), ffmpeg, HAProxy + Prometheus (promtool) for the multi-instance test and the deploy checks, and coturn
// (turnserver + turnutils_uclient) for the TURN credential test and the calls E2E. Installs them with apt-get when running as root, as
// `playwright install --with-deps` would; otherwise says exactly what to install.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';

const needed = [
  { pkg: 'chromium', ok: () => existsSync('/usr/bin/chromium') },
  { pkg: 'ffmpeg', ok: () => spawnSync('ffmpeg', ['-version'], { stdio: 'ignore' }).status === 0 },
  { pkg: 'haproxy', ok: () => existsSync('/usr/sbin/haproxy') || spawnSync('haproxy', ['-v'], { stdio: 'ignore' }).status === 0 },
  { pkg: 'coturn', ok: () => existsSync('/usr/bin/turnserver') && existsSync('/usr/bin/turnutils_uclient') },
  { pkg: 'prometheus', ok: () => spawnSync('promtool', ['--version'], { stdio: 'ignore' }).status === 0 && spawnSync('prometheus', ['--version'], { stdio: 'ignore' }).status === 0 },
];
const missing = needed.filter((n) => !n.ok()).map((n) => n.pkg);
if (missing.length === 0) process.exit(0);

const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
const hasApt = spawnSync('apt-get', ['--version'], { stdio: 'ignore' }).status === 0;
if (!isRoot || !hasApt) {
  console.error(`Missing system packages: ${missing.join(', ')}.\nInstall them with: sudo apt-get update && sudo apt-get install -y ${missing.join(' ')}`);
  process.exit(1);
}
console.log(`Installing ${missing.join(', ')} with apt-get…`);
const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
execFileSync('apt-get', ['update', '-qq'], { stdio: 'inherit', env });
execFileSync('apt-get', ['install', '-y', '-qq', '--no-install-recommends', ...missing], { stdio: 'inherit', env });
const still = needed.filter((n) => missing.includes(n.pkg) && !n.ok()).map((n) => n.pkg);
if (still.length) {
  console.error(`Could not install: ${still.join(', ')}`);
  process.exit(1);
}
