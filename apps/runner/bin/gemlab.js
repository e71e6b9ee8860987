#!/usr/bin/env node
// The `gemlab` command: runs the built CLI (npm install builds it through the root `prepare` script).
import('../dist/main.js').catch((error) => {
  if (error?.code === 'ERR_MODULE_NOT_FOUND' && String(error.message).includes('dist/main.js')) {
    console.error('gemlab is not built yet: run `npm install` (or `npx nx run-many -t build`) at the repository root');
    process.exit(2);
  }
  throw error;
});
