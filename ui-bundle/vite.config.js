import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

// The app's sources live in src/main/web; Maven passes --outDir (the bundle's classes/console).
// `npm run dev` serves it on :5173 against a server running on :8080; `npm test` runs the unit
// tests in src/test/web.
export default defineConfig({
  root: 'src/main/web',
  plugins: [react()],
  build: {
    outDir: '../../../target/classes/console',
    emptyOutDir: true,
    chunkSizeWarningLimit: 1500,
  },
  server: { proxy: { '/api': 'http://127.0.0.1:8080' } },
  test: { root: '.', include: ['src/test/web/**/*.test.js'] },
});
