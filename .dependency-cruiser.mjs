/**
 * Layering rules (docs/architecture.md), run by `npm run lint`. `tsPreCompilationDeps: true` makes
 * type-only imports count, so a cycle through `import type` fails like any other.
 */
import { existsSync } from 'node:fs';

const CORE = '^src/main/core/';
const WIRING = '^src/main/core/(index|api|dispatch|handlers|startup)\\.ts$';
export default {
  forbidden: [
    {
      name: 'no-cycles',
      severity: 'error',
      comment: 'No module may reach itself again, not even through type-only imports.',
      from: { path: '^src/' },
      to: { circular: true },
    },
    {
      name: 'domains-stay-below-the-wiring',
      severity: 'error',
      comment:
        'Domain folders never import the facade (api.ts), the dispatcher, the handler registry or the wiring (index.ts, startup.ts).',
      from: { path: `${CORE}[^/]+/` },
      to: { path: WIRING },
    },
    {
      name: 'bottom-imports-nothing-of-the-core',
      severity: 'error',
      comment: 'host.ts and events.ts are the bottom: they import no other core module.',
      from: { path: `${CORE}(host|events)\\.ts$` },
      to: { path: CORE, pathNot: `${CORE}(host|events)\\.ts$` },
    },
    {
      name: 'only-the-shell-imports-electron',
      severity: 'error',
      comment:
        'Only src/main/shell and the Electron entry src/main/index.ts import electron (any electron/* path too).',
      from: { path: '^src/', pathNot: ['^src/main/shell/', '^src/main/index\\.ts$', '^src/preload/'] },
      to: { path: ['^electron(/|$)', '(^|/)node_modules/electron/'] },
    },
    {
      name: 'preload-imports-only-the-contract',
      severity: 'error',
      comment:
        'The preload runs in the renderer: electron and the shared contract, nothing of main or the renderer.',
      from: { path: '^src/preload/' },
      to: { path: '^src/(main|renderer)/' },
    },
    {
      name: 'hosts-use-the-core-public-entry',
      severity: 'error',
      comment:
        'The shell, the preview, the network transport and the CLI import only the core public entry (src/main/core/index.ts).',
      from: { path: '^src/main/(shell/|web/|network/|cli|index\\.ts)' },
      to: { path: CORE, pathNot: `${CORE}index\\.ts$` },
    },
    {
      name: 'core-imports-no-host',
      severity: 'error',
      comment: 'The core depends on nothing above it.',
      from: { path: CORE },
      to: { path: '^src/(main/(shell|web|cli)|renderer|preload)' },
    },
    {
      name: 'shared-is-the-contract-only',
      severity: 'error',
      comment: 'src/shared depends on nothing but zod and itself.',
      from: { path: '^src/shared/' },
      to: { path: '^src/(main|renderer|preload)/' },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    tsPreCompilationDeps: true,
    // The fixtures under tests/fixtures/layering run without a tsconfig of their own.
    ...(existsSync('tsconfig.node.json') ? { tsConfig: { fileName: 'tsconfig.node.json' } } : {}),
    exclude: { path: '^(out|dist)/' },
    enhancedResolveOptions: {
      exportsFields: ['exports'],
      conditionNames: ['import', 'require', 'node', 'default'],
    },
  },
};
