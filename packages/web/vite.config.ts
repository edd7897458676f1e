import { fileURLToPath } from "node:url";
import react from "@vitejs/plugin-react";
import { defineConfig } from "vite";

const root = fileURLToPath(new URL(".", import.meta.url));
// In development the API runs separately (`npm start` on port 3000); in production the same server serves
// this build, so the app always calls relative paths.
const apiOrigin = "http://127.0.0.1:3000";

export default defineConfig({
  root,
  plugins: [react()],
  build: {
    outDir: "dist",
    emptyOutDir: true,
    // Read by `scripts/bundle-size.mjs` to add up what each route loads.
    manifest: true,
    target: "es2022",
  },
  server: {
    proxy: {
      "/api": apiOrigin,
      "/docs": apiOrigin,
      "/health": apiOrigin,
    },
  },
});
