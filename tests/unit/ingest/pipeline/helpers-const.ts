/** Shared by the tests and the child process (which must not import vitest). */
export const PASS = 'Rivière-Lune-Chaton-42-Brume';
export const FAST_KDF = { memoryKiB: 1024, iterations: 1, parallelism: 1 };
