import fs from "node:fs";
import path from "node:path";
import express, { type Express, type Request, type Response } from "express";
import { AppError } from "../errors";
import type { Services } from "../services";
import { contentDisposition, toCsv, toXlsx } from "./formats";
import { buildExport } from "./tables";

const STATUS_OF_CODE: Record<string, number> = { BAD_USER_INPUT: 400, UNAUTHENTICATED: 401, FORBIDDEN: 403, NOT_FOUND: 404, CONFLICT: 409 };

/** The dashboard's files: server/dashboard from the sources (also when running from dist/). */
export function dashboardDir(): string {
  const candidates = [path.join(__dirname, "..", "dashboard"), path.join(__dirname, "..", "..", "..", "server", "dashboard")];
  return candidates.find((dir) => fs.existsSync(path.join(dir, "index.html"))) ?? candidates[0]!;
}

function fail(res: Response, status: number, code: string, message: string): void {
  res.status(status).json({ error: { code, message } });
}

/**
 * Mounts the report exports and the dashboard:
 * - GET /exports/:report.(csv|xlsx)?year=2025&groupBy=SCHOOL with `Authorization: Bearer <token>`
 *   (401 without a valid token, 403 for a role the report is not for; same scoping as GraphQL);
 *   reports: retention, ranking, fit, supply-demand, compliance;
 * - GET /dashboard: static HTML + JS (server/dashboard), ECharts served from node_modules.
 */
export function mountReportRoutes(app: Express, services: Services): void {
  app.get("/exports/:file", async (req: Request, res: Response) => {
    res.setHeader("Cache-Control", "no-store");
    const match = /^([a-z-]+)\.(csv|xlsx)$/.exec(String(req.params.file));
    if (!match) return fail(res, 404, "NOT_FOUND", "no such export: use /exports/<report>.csv or .xlsx");
    const [, name, format] = match as unknown as [string, string, "csv" | "xlsx"];
    const viewer = services.tokens.fromAuthorization(req.headers.authorization);
    if (!viewer) {
      res.setHeader("WWW-Authenticate", "Bearer");
      return fail(res, 401, "UNAUTHENTICATED", "login required");
    }
    const yearText = typeof req.query.year === "string" ? req.query.year : "";
    if (!/^\d{4}$/.test(yearText)) return fail(res, 400, "BAD_USER_INPUT", "year: must be a 4-digit year");
    const groupBy = typeof req.query.groupBy === "string" ? req.query.groupBy : undefined;
    try {
      const table = await buildExport(services, viewer, name, { year: Number(yearText), groupBy });
      if (!table) return fail(res, 404, "NOT_FOUND", `no such report: ${name}`);
      const body = format === "csv" ? toCsv(table) : await toXlsx(table);
      res.setHeader("Content-Type", format === "csv" ? "text/csv; charset=utf-8" : "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
      res.setHeader("Content-Disposition", contentDisposition(table.title, format, `${name}-${yearText}`));
      res.send(body);
    } catch (err) {
      if (err instanceof AppError) {
        const code = String(err.extensions.code);
        return fail(res, STATUS_OF_CODE[code] ?? 400, code, err.message);
      }
      throw err;
    }
  });

  const echarts = require.resolve("echarts/dist/echarts.min.js");
  app.get("/dashboard/vendor/echarts.min.js", (_req, res) => {
    res.sendFile(echarts, { maxAge: "1d" });
  });
  app.use("/dashboard", express.static(dashboardDir(), { index: "index.html", redirect: true }));
}
