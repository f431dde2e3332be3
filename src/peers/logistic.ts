/**
 * L2-regularised logistic regression with non-negative weights (the intercept is free), fitted by
 * Newton's method. Non-negative because every feature is peer evidence oriented the same way (more
 * approvals or more holders among peers means "should have it"): a negative weight would make a
 * score fall as its own evidence grows, which nobody could explain. A feature whose weight would go
 * negative is dropped and the rest refitted.
 */
export interface LogisticFit {
  intercept: number;
  weights: number[];
  iterations: number;
}

export interface LogisticOptions {
  l2: number;
  maxIterations?: number;
  tolerance?: number;
}

export function fitNonNegativeLogistic(rows: Float64Array[], labels: Uint8Array, opts: LogisticOptions): LogisticFit {
  const width = rows[0]?.length ?? 0;
  let active = [...Array(width).keys()];
  let iterations = 0;
  for (;;) {
    const fit = fitLogistic(rows, labels, active, opts);
    iterations += fit.iterations;
    const negative = active.filter((_, j) => fit.weights[j] < 0);
    if (!negative.length) {
      const weights = new Array<number>(width).fill(0);
      active.forEach((feature, j) => (weights[feature] = fit.weights[j]));
      return { intercept: fit.intercept, weights, iterations };
    }
    active = active.filter((f) => !negative.includes(f));
  }
}

function fitLogistic(rows: Float64Array[], labels: Uint8Array, features: number[], opts: LogisticOptions): LogisticFit {
  const p = features.length + 1;
  const w = new Float64Array(p);
  // Start the intercept at the base rate: Newton from there converges in a few steps.
  const positives = labels.reduce((n, y) => n + y, 0);
  const rate = (positives + 0.5) / (labels.length + 1);
  w[0] = Math.log(rate / (1 - rate));
  const x = new Float64Array(p);
  const maxIterations = opts.maxIterations ?? 50;
  let it = 0;
  for (; it < maxIterations; it++) {
    const grad = new Float64Array(p);
    const hess = new Float64Array(p * p);
    for (let i = 0; i < rows.length; i++) {
      x[0] = 1;
      for (let j = 1; j < p; j++) x[j] = rows[i][features[j - 1]];
      let z = 0;
      for (let j = 0; j < p; j++) z += w[j] * x[j];
      const q = 1 / (1 + Math.exp(-z));
      const err = q - labels[i];
      const curvature = q * (1 - q);
      for (let a = 0; a < p; a++) {
        if (x[a] === 0) continue;
        grad[a] += err * x[a];
        const ca = curvature * x[a];
        const row = a * p;
        for (let b = a; b < p; b++) hess[row + b] += ca * x[b];
      }
    }
    for (let a = 1; a < p; a++) {
      grad[a] += opts.l2 * w[a];
      hess[a * p + a] += opts.l2;
    }
    hess[0] += 1e-9;
    for (let a = 0; a < p; a++) for (let b = 0; b < a; b++) hess[a * p + b] = hess[b * p + a];
    const step = solveSymmetric(hess, grad, p);
    let largest = 0;
    for (let a = 0; a < p; a++) {
      w[a] -= step[a];
      largest = Math.max(largest, Math.abs(step[a]));
    }
    if (largest < (opts.tolerance ?? 1e-7)) {
      it++;
      break;
    }
  }
  return { intercept: w[0], weights: Array.from(w.subarray(1)), iterations: it };
}

/** Cholesky solve of A x = b for a symmetric positive-definite A (the regularised Hessian is). */
export function solveSymmetric(a: Float64Array, b: Float64Array, n: number): Float64Array {
  const l = new Float64Array(n * n);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j <= i; j++) {
      let s = a[i * n + j];
      for (let k = 0; k < j; k++) s -= l[i * n + k] * l[j * n + k];
      l[i * n + j] = i === j ? Math.sqrt(Math.max(s, 1e-12)) : s / l[j * n + j];
    }
  }
  const y = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    let s = b[i];
    for (let k = 0; k < i; k++) s -= l[i * n + k] * y[k];
    y[i] = s / l[i * n + i];
  }
  const out = new Float64Array(n);
  for (let i = n - 1; i >= 0; i--) {
    let s = y[i];
    for (let k = i + 1; k < n; k++) s -= l[k * n + i] * out[k];
    out[i] = s / l[i * n + i];
  }
  return out;
}

export const sigmoid = (z: number) => 1 / (1 + Math.exp(-z));
export const logit = (p: number) => Math.log(p / (1 - p));
