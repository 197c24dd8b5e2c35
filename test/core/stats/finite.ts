import { expect } from 'vitest';

/** Every number anywhere inside `x` is finite: no NaN or ±Infinity leaks out of a statistic. */
export function expectNoNaN(x: unknown, path = 'result'): void {
  if (typeof x === 'number') {
    expect(Number.isFinite(x), `${path} is ${x}`).toBe(true);
  } else if (Array.isArray(x)) {
    x.forEach((y, i) => expectNoNaN(y, `${path}[${i}]`));
  } else if (x !== null && typeof x === 'object') {
    for (const [k, v] of Object.entries(x)) expectNoNaN(v, `${path}.${k}`);
  }
}

/** A null coefficient must say why. */
export function expectNullWithReason(result: { value: number | null; reason?: string }): void {
  expect(result.value).toBeNull();
  expect(result.reason).toMatch(/\w/);
}
