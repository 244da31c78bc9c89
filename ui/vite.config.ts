import react from "@vitejs/plugin-react";
import { defineConfig } from "vitest/config";

// The UI is served by Tauri from `dist/` (see tauri.conf.json), or by `vite` in a plain browser
// with the IPC mocked (src/ipc/mock.ts).
export default defineConfig({
  plugins: [react()],
  clearScreen: false,
  server: { port: 5173, strictPort: true },
  build: { outDir: "dist", emptyOutDir: true, target: "es2022", chunkSizeWarningLimit: 2000 },
  test: {
    environment: "jsdom",
    include: ["src/**/*.test.{ts,tsx}"],
  },
});
