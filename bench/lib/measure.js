/**
 * Runs a child process and measures its wall time and peak resident set size.
 *
 * Peak RSS comes from GNU time (`/usr/bin/time -f %M`, kilobytes; Debian package `time`), which
 * reports the child's own peak from wait4(). Without it, /proc/<pid>/status VmHWM (the kernel's
 * high-water mark) is polled every 20 ms, which can miss growth in the last few milliseconds.
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const GNU_TIME = '/usr/bin/time';

/** @returns {boolean} whether GNU time is there (`/usr/bin/time -f` works) */
export function hasGnuTime() {
  try {
    fs.accessSync(GNU_TIME, fs.constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/**
 * @typedef {{ code: number | null, signal: string | null, timedOut: boolean, wallSeconds: number,
 *   peakRssMB: number | null, rssMethod: 'gnu-time' | 'proc-poll', stdout: string, stderr: string }} Measured
 */

/**
 * Spawns `command args…` with stdin closed and measures it. stdout and stderr are captured
 * (stderr keeps only its last 64 KiB). The child is killed (SIGKILL to its process group only) after
 * timeoutSeconds.
 * @param {string} command
 * @param {readonly string[]} args
 * @param {{ cwd?: string, timeoutSeconds?: number, env?: NodeJS.ProcessEnv }} [opts]
 * @returns {Promise<Measured>}
 */
export function runMeasured(command, args, { cwd, timeoutSeconds = 3600, env } = {}) {
  const useTime = hasGnuTime();
  const rssFile = useTime ? path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'dedupe-bench-')), 'rss') : null;
  const [cmd, argv] = useTime ? [GNU_TIME, ['-f', '%M', '-o', rssFile, command, ...args]] : [command, args];
  return new Promise((resolve) => {
    const t0 = performance.now();
    // detached: the child leads its own process group, so a timeout kills it and its children
    // (GNU time's child, dedupe's workers) and nothing else.
    const child = spawn(cmd, argv, { cwd, env, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
    const out = [];
    let err = '';
    let pollPeakKB = 0;
    let timedOut = false;
    child.stdout.on('data', (b) => out.push(b));
    child.stderr.on('data', (b) => {
      err += b.toString();
      if (err.length > 1 << 17) err = err.slice(-(1 << 16));
    });
    const poll = useTime
      ? null
      : setInterval(() => {
          try {
            const m = /VmHWM:\s*(\d+)/.exec(fs.readFileSync(`/proc/${child.pid}/status`, 'utf8'));
            if (m) pollPeakKB = Math.max(pollPeakKB, Number(m[1]));
          } catch {
            // the child has exited between two polls
          }
        }, 20);
    const timer = setTimeout(() => {
      timedOut = true;
      try {
        process.kill(-child.pid, 'SIGKILL');
      } catch {
        child.kill('SIGKILL');
      }
    }, timeoutSeconds * 1000);
    let done = false;
    const finish = (code, signal) => {
      if (done) return;
      done = true;
      const wallSeconds = (performance.now() - t0) / 1000;
      clearTimeout(timer);
      if (poll) clearInterval(poll);
      let peakKB = pollPeakKB || null;
      if (rssFile) {
        try {
          // GNU time writes "Command exited with non-zero status N" before the number when N != 0.
          const lines = fs.readFileSync(rssFile, 'utf8').trim().split('\n');
          const kb = Number(lines[lines.length - 1]);
          peakKB = Number.isFinite(kb) && kb > 0 ? kb : null;
        } catch {
          peakKB = null;
        }
        fs.rmSync(path.dirname(rssFile), { recursive: true, force: true });
      }
      // Behind GNU time, a child killed by a signal shows as exit code 128 + n.
      if (useTime && !timedOut && /Command terminated by signal (\w+)/.test(err)) signal = /Command terminated by signal (\w+)/.exec(err)[1];
      resolve({
        code,
        signal,
        timedOut,
        wallSeconds,
        peakRssMB: peakKB === null ? null : Math.round(peakKB / 102.4) / 10,
        rssMethod: useTime ? 'gnu-time' : 'proc-poll',
        stdout: Buffer.concat(out).toString(),
        stderr: err,
      });
    };
    child.on('error', (e) => {
      err += `\n${e.message}`;
      finish(null, null);
    });
    child.on('close', finish);
  });
}
