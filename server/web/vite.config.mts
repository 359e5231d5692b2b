// Builds the web app (server/web/src) into dist/web, served by server/web/serve.ts under /app.
import path from "node:path";
import { fileURLToPath } from "node:url";
import { defineConfig } from "vite";
import vue from "@vitejs/plugin-vue";

const here = path.dirname(fileURLToPath(import.meta.url));
const repo = path.resolve(here, "../..");

export default defineConfig({
  root: here,
  base: "/app/",
  plugins: [vue()],
  resolve: { alias: { "@schema": path.join(repo, "schema") } },
  build: {
    outDir: path.join(repo, "dist/web"),
    emptyOutDir: true,
    chunkSizeWarningLimit: 900,
    rollupOptions: {
      output: {
        // Element Plus and ECharts in their own chunks, cached apart from the pages.
        manualChunks(id: string) {
          if (id.includes("node_modules/echarts") || id.includes("node_modules/zrender")) return "echarts";
          if (id.includes("node_modules/element-plus") || id.includes("node_modules/@element-plus")) return "element-plus";
          if (id.includes("node_modules/vue") || id.includes("node_modules/@vue")) return "vue";
          return undefined;
        },
      },
    },
  },
  server: { proxy: { "/graphql": "http://127.0.0.1:4000", "/exports": "http://127.0.0.1:4000" } },
});
