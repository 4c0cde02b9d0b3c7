/**
 * `node --import ./loader.mjs out/main/index.js`: every `import 'electron'` (the built main
 * bundle's and electron-store's) resolves to the stand-in next to this file.
 */
import { register } from 'node:module';

register(
  'data:text/javascript,' +
    encodeURIComponent(
      `export async function resolve(specifier, context, next) {
        if (specifier === 'electron') return { url: ${JSON.stringify(new URL('./electron.mjs', import.meta.url).href)}, shortCircuit: true };
        return next(specifier, context);
      }`,
    ),
);
