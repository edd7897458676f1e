/** One entry point for every format, and the HTTP headers that go with a file. */
import { assertNever } from "@moldir/domain";
import type { FastifyReply } from "fastify";
import { renderCsv } from "./csv";
import { renderPdf } from "./pdf";
import type { ExportFormat, ExportTable } from "./table";
import { renderXlsx } from "./xlsx";

export interface RenderedExport {
  readonly body: Buffer;
  readonly contentType: string;
  readonly extension: ExportFormat;
}

export async function renderExport(table: ExportTable, format: ExportFormat): Promise<RenderedExport> {
  switch (format) {
    case "csv":
      return { body: renderCsv(table), contentType: "text/csv; charset=utf-8", extension: "csv" };
    case "xlsx":
      return {
        body: await renderXlsx(table),
        contentType: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        extension: "xlsx",
      };
    case "pdf":
      return { body: await renderPdf(table), contentType: "application/pdf", extension: "pdf" };
    default:
      return assertNever(format, "export format");
  }
}

/** RFC 5987 encoding for `filename*`: percent-encodes everything but its attr-chars. */
function encodeRfc5987(text: string): string {
  return encodeURIComponent(text).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}

/**
 * `attachment` with an ASCII file name for every client (`trial-balance-2025-12-31.pdf`) and the statement's
 * own title for those that read `filename*` (`Сынақ балансы 2025-12-31.pdf`).
 */
export function contentDisposition(asciiStem: string, titleStem: string, extension: string): string {
  const ascii = `${asciiStem.replace(/[^A-Za-z0-9._-]/g, "-")}.${extension}`;
  const title = `${titleStem.replace(/[\\/:*?"<>|\r\n]/g, " ")}.${extension}`;
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeRfc5987(title)}`;
}

/** Sends a rendered export as a download that no cache keeps: statements hold an organization's books. */
export function sendExport(
  reply: FastifyReply,
  rendered: RenderedExport,
  names: { ascii: string; title: string },
): FastifyReply {
  return reply
    .type(rendered.contentType)
    .header("content-disposition", contentDisposition(names.ascii, names.title, rendered.extension))
    .header("cache-control", "no-store")
    .send(rendered.body);
}
