/**
 * A 30-player race: every player sends the right answer at once; exactly one wins, and the round
 * ends when every player has the next question. Timed from the first send to the last player's
 * game frame. The answer is the question's own word (the bank always accepts it).
 */
import { performance } from 'node:perf_hooks';
import { initialConsonants } from '../../lambda/src/rules/consonants.ts';
import { QUESTIONS } from '../../lambda/src/words/questions.ts';
import { closeAll, type Frame } from '../client.ts';
import { fillRoom } from './rooms.ts';
import type { Context, Measurement } from './types.ts';

interface GameView {
  round: number;
  nowWordIdx: number;
  nowConsonant: string;
}

function gameOf(frame: Frame): GameView {
  return {
    round: Number(frame.round ?? 0),
    nowWordIdx: Number(frame.nowWordIdx),
    nowConsonant: String(frame.nowConsonant),
  };
}

function answerFor(game: GameView): string {
  const word = QUESTIONS[game.nowWordIdx];
  if (!word || initialConsonants(word) !== game.nowConsonant) {
    throw new Error(
      `question #${game.nowWordIdx} is ${game.nowConsonant}, but the question list says ${word ?? 'nothing'}: is the word bank from this checkout?`,
    );
  }
  return word;
}

export async function race(ctx: Context): Promise<Measurement[]> {
  const players = ctx.plan.raceClients;
  ctx.log(`race: ${players} players joining…`);
  const filled = await fillRoom(ctx, `race-${ctx.tag}`, players);
  let game = gameOf((filled.firstJoin.game ?? {}) as Frame);
  const latencies: number[] = [];
  let failures = 0;
  let lastError = '';
  try {
    // Round 0 is a warm-up: on the app it starts one Lambda instance per concurrent answer.
    for (let i = -1; i < ctx.plan.raceRounds; i++) {
      const answer = answerFor(game);
      for (const c of filled.clients) c.clearBacklog();
      const isNext = (f: Frame) => f.type === 'game' && Number(f.round) > game.round;
      const arrivals = filled.clients.map((c, k) =>
        c.waitFor(isNext, ctx.plan.sampleTimeoutMs, `player ${k} waiting for round ${game.round + 1}`),
      );
      const started = performance.now();
      for (const [k, c] of filled.clients.entries())
        c.send({ action: 'chat', username: `p${k}`, content: answer });
      const settled = await Promise.allSettled(arrivals);
      const frames = settled.flatMap((s) => (s.status === 'fulfilled' ? [s.value] : []));
      if (frames.length < players) {
        failures++;
        lastError = `${players - frames.length} of ${players} players never saw round ${game.round + 1}`;
        break;
      }
      const winners = new Set(frames.map((a) => JSON.stringify(a.frame.lastAnswer ?? null)));
      if (winners.size !== 1) {
        failures++;
        lastError = `players saw ${winners.size} different winners for one round`;
      }
      if (i >= 0) latencies.push(Math.max(...frames.map((a) => a.at)) - started);
      game = gameOf((frames[0] as { frame: Frame }).frame);
      // Losing answers are still being processed: the next round's clock starts once every answer's
      // chat broadcast has come back, so one round's tail is not billed to the next.
      const watcher = filled.clients[0];
      const deadline = performance.now() + ctx.plan.sampleTimeoutMs;
      for (let k = 0; watcher && k < players; k++) {
        const echoed = (f: Frame) => f.type === 'chat' && f.content === answer && f.username === `p${k}`;
        const left = Math.max(1, deadline - performance.now());
        if (
          !(await watcher.waitFor(echoed, left, 'answer broadcast').then(
            () => true,
            () => false,
          ))
        )
          break;
      }
      const second = filled.clients.some((c) =>
        c.hasFrame((f) => f.type === 'game' && Number(f.round) > game.round),
      );
      if (second) {
        failures++;
        lastError = 'a second winner advanced the same round';
      }
    }
  } finally {
    closeAll(filled.clients);
  }
  const mean = latencies.reduce((a, b) => a + b, 0) / Math.max(1, latencies.length);
  return [
    {
      scenario: 'race',
      clients: players,
      latenciesMs: latencies,
      opsPerS: latencies.length > 0 ? 1000 / mean : undefined,
      failures,
      note: failures > 0 ? lastError : undefined,
    },
  ];
}
