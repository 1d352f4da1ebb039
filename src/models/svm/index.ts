/** Kernel support vector machines (libsvm-compatible): {@link SVC} and {@link SVR}. */
export { SVC, type SVCParams } from './svc.js';
export { SVR, type SVRParams } from './svr.js';
export type { Gamma, KernelSvmParams } from './svm-params.js';
export type { KernelName } from './smo/kernel.js';
