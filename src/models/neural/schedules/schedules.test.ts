import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { TrainLogs } from '../callbacks/train-logs.js';
import { CosineDecay } from './cosine-decay.js';
import { ExponentialDecay } from './exponential-decay.js';
import { ReduceOnPlateau } from './reduce-on-plateau.js';
import { StepDecay } from './step-decay.js';

const close = (a: number, b: number): void => assert.ok(Math.abs(a - b) < 1e-15, `${a} vs ${b}`);

test('step decay halves every dropEvery epochs', () => {
  const s = new StepDecay({ dropEvery: 10, factor: 0.5 });
  assert.deepEqual([0, 9, 10, 19, 20, 35].map((e) => s.rateAt(e, 0.1)), [0.1, 0.1, 0.05, 0.05, 0.025, 0.0125]);
});

test('exponential decay, continuous and staircase', () => {
  close(new ExponentialDecay({ decayRate: 0.9 }).rateAt(2, 0.1), 0.1 * 0.81);
  close(new ExponentialDecay({ decayRate: 0.5, decayEpochs: 4 }).rateAt(2, 1), Math.SQRT1_2);
  assert.equal(new ExponentialDecay({ decayRate: 0.5, decayEpochs: 4, staircase: true }).rateAt(3, 1), 1);
  assert.equal(new ExponentialDecay({ decayRate: 0.5, decayEpochs: 4, staircase: true }).rateAt(4, 1), 0.5);
});

test('cosine decay: base at 0, half way at the middle, α·base at and after the end', () => {
  const s = new CosineDecay({ decayEpochs: 10, alpha: 0.1 });
  close(s.rateAt(0, 1), 1);
  close(s.rateAt(5, 1), 0.1 + 0.9 * 0.5);
  close(s.rateAt(10, 1), 0.1);
  close(s.rateAt(30, 1), 0.1);
  close(new CosineDecay({ decayEpochs: 4 }).rateAt(1, 2), 2 * 0.5 * (1 + Math.cos(Math.PI / 4)));
});

test('reduce on plateau: cuts by factor after patience flat epochs, honours cooldown and minRate', () => {
  const s = new ReduceOnPlateau({ monitor: 'loss', factor: 0.5, patience: 2, cooldown: 1, minRate: 0.02, minDelta: 0 });
  const losses = [1, 0.9, 0.9, 0.9, 0.9, 0.9, 0.9, 0.9, 0.9, 0.9];
  const rates: number[] = [];
  losses.forEach((loss, epoch) => {
    const lr = s.rateAt(epoch, 0.1);
    rates.push(lr);
    s.observe({ epoch: epoch + 1, loss, learningRate: lr } as TrainLogs);
  });
  // Keras's counting: indices 2-3 flat → cut after index 3; the cooldown epoch (4) resets the count
  // and then counts itself, so index 5 cuts again; indices 6-7 would cut to 0.0125, floored at minRate.
  assert.deepEqual(rates.map((r) => +r.toFixed(6)), [0.1, 0.1, 0.1, 0.1, 0.05, 0.05, 0.025, 0.025, 0.02, 0.02]);
  const later = [0.9, 0.9, 0.9, 0.9].map((loss, i) => {
    s.observe({ epoch: 11 + i, loss, learningRate: 0 } as TrainLogs);
    return s.rateAt(11 + i, 0.1);
  });
  assert.ok(later.every((r) => r >= 0.02 - 1e-15), `never below minRate: ${later}`);
  assert.equal(later[later.length - 1], 0.02);
  s.reset();
  assert.equal(s.rateAt(0, 0.1), 0.1);
});

test('reduce on plateau reads the monitored field and refuses a missing one', () => {
  const s = new ReduceOnPlateau({ monitor: 'valLoss' });
  assert.throws(() => s.observe({ epoch: 1, loss: 1, learningRate: 0.1 }), /valLoss/);
});
