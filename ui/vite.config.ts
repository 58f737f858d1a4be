import { defineConfig } from "vite";

// The console is a Tauri 2 webview app: relative asset paths, no external hosts,
// a fixed dev port that tauri.conf.json's devUrl points at.
export default defineConfig({
  base: "./",
  clearScreen: false,
  server: {
    host: "127.0.0.1",
    port: 1420,
    strictPort: true,
  },
  build: {
    target: "es2021",
    outDir: "dist",
    emptyOutDir: true,
  },
});
