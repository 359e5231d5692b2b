import fs from "node:fs";
import path from "node:path";
import express, { type Express } from "express";

/** The built web app: dist/web at the repository root (also when running from dist/server). */
export function webDir(): string {
  const candidates = [path.join(__dirname, "..", "..", "web"), path.join(__dirname, "..", "..", "dist", "web")];
  return candidates.find((dir) => fs.existsSync(path.join(dir, "index.html"))) ?? candidates[0]!;
}

/**
 * Mounts the web app under /app: hashed assets cached for a year, every other path answered with
 * index.html (the app's router decides the page). Before `npm run build:web` the page says so.
 * /dashboard/ stays the bureau's stand-alone dashboard; the app has the same charts at /app/bureau/dashboard.
 */
export function mountWebApp(app: Express): void {
  const dir = webDir();
  app.use("/app/assets", express.static(path.join(dir, "assets"), { immutable: true, maxAge: "1y", fallthrough: false }));
  app.get(/^\/app(\/.*)?$/, (req, res) => {
    if (req.path === "/app") return res.redirect(301, "/app/");
    const index = path.join(dir, "index.html");
    if (!fs.existsSync(index)) {
      res.status(503).type("text/plain; charset=utf-8").send("网页尚未构建：请运行 npm run build:web（npm start 会自动构建）。");
      return;
    }
    res.setHeader("Cache-Control", "no-cache");
    res.sendFile(index);
  });
  app.get("/", (_req, res) => res.redirect(302, "/app/"));
}
