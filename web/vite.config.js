// Builds the web app into ../api/static, which the API serves at / (assets under /static/).
import { defineConfig } from "vite";

export default defineConfig({
  root: ".",
  base: "/static/",
  publicDir: "public",
  build: {
    outDir: "../api/static",
    emptyOutDir: true,
    assetsInlineLimit: 0,
    chunkSizeWarningLimit: 1200,
    sourcemap: false,
  },
});
