/**
 * The Fivetran simulator in a process of its own, so the fake's work (HTTP, timers, signing and
 * sending webhooks) does not run on the event loop of the orchestrator being measured, as
 * Fivetran's does not. The parent learns its URL over IPC, then asks for what it saw: when each
 * sync started and ended (epoch ms, the same clock as the parent's) and the API request counts.
 */
import { fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { startSimulator, type SimulatedConnection, type SimulatorStats } from '../src/simulator/simulator.js';

export type FakeSpec = { groupId: string; connections: SimulatedConnection[]; dropRate?: number; seed?: number };
export type FakeReport = {
  /** Per connection: the first sync's start and end, epoch ms. */
  syncs: Record<string, { startedAt: number; endedAt: number | null; status: string | null }>;
  stats: SimulatorStats;
  /** The fake process's CPU time (user + system) so far, µs. */
  cpuMicros: number;
};
export type FivetranFake = { url: string; apiKey: string; apiSecret: string; report(): Promise<FakeReport>; close(): Promise<void> };

/** Forks the fake with `spec`; resolves once it listens. */
export async function startFivetranFake(spec: FakeSpec): Promise<FivetranFake> {
  // Bundled (bench/bundle.ts), this module is part of the bundle, which forks itself on plain Node.
  const self = fileURLToPath(import.meta.url);
  const child = fork(self, ['--fake'], { execArgv: self.endsWith('.mjs') ? [] : ['--import', 'tsx'], stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  const next = <T>() =>
    new Promise<T>((resolve, reject) => {
      const onExit = (code: number | null) => reject(new Error(`the Fivetran fake exited with ${code}`));
      child.once('exit', onExit);
      child.once('message', (m) => {
        child.off('exit', onExit);
        resolve(m as T);
      });
    });
  const ready = next<{ url: string; apiKey: string; apiSecret: string }>();
  child.send({ spec });
  const { url, apiKey, apiSecret } = await ready;
  return {
    url,
    apiKey,
    apiSecret,
    report: () => {
      const answer = next<FakeReport>();
      child.send({ report: true });
      return answer;
    },
    close: async () => {
      if (child.exitCode !== null) return;
      const exited = new Promise((done) => child.once('exit', done));
      child.send({ close: true });
      await exited;
    },
  };
}

async function serveFake(): Promise<void> {
  const { spec } = await new Promise<{ spec: FakeSpec }>((resolve) => process.once('message', (m) => resolve(m as { spec: FakeSpec })));
  const simulator = await startSimulator({
    groups: [{ id: spec.groupId, connections: spec.connections }],
    seed: spec.seed ?? 1,
    webhooks: { dropRate: spec.dropRate ?? 0 },
  });
  const syncs: FakeReport['syncs'] = {};
  simulator.on('sync_started', (e) => {
    syncs[e.connectionId] ??= { startedAt: Date.now(), endedAt: null, status: null };
  });
  simulator.on('sync_ended', (e) => {
    const sync = syncs[e.connectionId];
    if (sync && sync.endedAt === null) Object.assign(sync, { endedAt: Date.now(), status: e.status ?? null });
  });
  process.on('message', (m: { report?: boolean; close?: boolean }) => {
    if (m.report) process.send?.({ syncs, stats: simulator.stats, cpuMicros: process.cpuUsage().user + process.cpuUsage().system });
    if (m.close) void simulator.close().finally(() => process.exit(0));
  });
  process.send?.({ url: simulator.url, apiKey: simulator.apiKey, apiSecret: simulator.apiSecret });
}

if (process.argv[2] === '--fake') await serveFake();
