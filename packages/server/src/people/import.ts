/**
 * Import of persons from a spreadsheet (CSV or XLSX). A file is read into rows of text, each row is checked
 * by the same rules as a person created on screen (`normalizePerson`, `findLikelyDuplicates`), and the report
 * says what would become of every row. The commit runs the same analysis again inside its transaction and
 * writes every valid row or nothing.
 *
 * Re-importing a file is safe: a row whose IIN is on record, or whose name (the search key, so spellings meet)
 * and birth date are, is `already_imported` and skipped. A row that only looks like a record (a similar name
 * with the same birth date or phone) is a `duplicate`: it is not imported, since only a person can judge it.
 *
 * CSV is read by the small RFC 4180 reader below rather than a library: spreadsheets in Kazakhstan save CSV
 * with `;` (Russian Excel) or `,`, in UTF-8 or Windows-1251, and the reader detects both, which the maintained
 * libraries leave to the caller anyway. XLSX is read with ExcelJS.
 */
import { createHash } from "node:crypto";
import { catalogue, type ErrorCode, errorMessage, type FieldReason, fieldReasons } from "@moldir/contract";
import {
  type ImportColumn,
  type ImportCounts,
  type ImportFileFormat,
  type ImportProblem,
  type ImportRow,
  importColumns,
} from "@moldir/contract/people-import";
import type { Tx } from "@moldir/db";
import {
  assert,
  isSimilarName,
  type Locale,
  limits,
  type PlainDate,
  parseIin,
  vulnerabilityFlags,
} from "@moldir/domain";
import ExcelJS from "exceljs";
import { formulaSafe } from "../exports/csv";
import { AppError } from "../http/app-error";
import { newId } from "../identity/secrets";
import { findLikelyDuplicates, normalizePerson } from "./persons";

/** Column headers of the template, and the names accepted for each column on import (any language). */
export const columnHeaders: Readonly<Record<ImportColumn, Readonly<Record<Locale, string>>>> = {
  surname: { kk: "Тегі", ru: "Фамилия", en: "Surname" },
  givenName: { kk: "Аты", ru: "Имя", en: "Given name" },
  patronymic: { kk: "Әкесінің аты", ru: "Отчество", en: "Patronymic" },
  sex: { kk: "Жынысы", ru: "Пол", en: "Sex" },
  birthDate: { kk: "Туған күні", ru: "Дата рождения", en: "Birth date" },
  iin: { kk: "ЖСН", ru: "ИИН", en: "IIN" },
  phones: { kk: "Телефондар", ru: "Телефоны", en: "Phones" },
  address: { kk: "Мекенжайы", ru: "Адрес", en: "Address" },
  regionId: { kk: "Өңір коды", ru: "Код региона", en: "Region code" },
  vulnerabilities: { kk: "Осалдық", ru: "Уязвимость", en: "Vulnerabilities" },
  dependants: { kk: "Асырауындағылар", ru: "Иждивенцы", en: "Dependants" },
};

/** The example row of the template: a fictional woman with a valid IIN that no test or demo uses. */
const exampleRow: Readonly<Record<ImportColumn, Readonly<Record<Locale, string>>>> = {
  surname: { kk: "Ишмухамедова", ru: "Ишмухамедова", en: "Ishmukhamedova" },
  givenName: { kk: "Ләззат", ru: "Ляззат", en: "Lazzat" },
  patronymic: { kk: "Серікқызы", ru: "Серикқызы", en: "" },
  sex: { kk: "әйел", ru: "ж", en: "female" },
  birthDate: { kk: "1992-03-05", ru: "05.03.1992", en: "1992-03-05" },
  iin: { kk: "920305400125", ru: "920305400125", en: "920305400125" },
  phones: { kk: "8 701 234 56 78", ru: "8 701 234 56 78", en: "8 701 234 56 78" },
  address: { kk: "Талғар, Абай к-сі 1", ru: "Талгар, ул. Абая 1", en: "Talgar, 1 Abai St" },
  regionId: { kk: "", ru: "", en: "" },
  vulnerabilities: { kk: "single_mother", ru: "single_mother", en: "single_mother" },
  dependants: { kk: "2", ru: "2", en: "2" },
};

const templateTitle: Readonly<Record<Locale, string>> = {
  kk: "Адамдарды импорттау үлгісі",
  ru: "Шаблон импорта людей",
  en: "People import template",
};

const femaleWords = new Set(["female", "f", "w", "ж", "жен", "женский", "женщина", "ә", "әйел"]);
const maleWords = new Set(["male", "m", "м", "муж", "мужской", "мужчина", "е", "ер", "ер адам"]);

/** A file read into text cells: its header and the rows below it with their spreadsheet numbers. */
export interface ImportTable {
  readonly headers: readonly string[];
  readonly rows: readonly { readonly rowNumber: number; readonly cells: readonly string[] }[];
}

/** A row that passed every check, ready to insert. */
interface ReadyPerson {
  readonly rowNumber: number;
  readonly facts: ReturnType<typeof normalizePerson>;
  readonly address: string | null;
  readonly regionId: string | null;
  readonly vulnerabilities: string[];
  readonly dependants: number | null;
}

export interface ImportAnalysis {
  readonly rows: ImportRow[];
  readonly counts: ImportCounts;
  readonly ready: ReadyPerson[];
}

/** A refusal of the whole file, as `request_must_be_valid` about the field `file`. */
function fileRefusal(reason: FieldReason, locale: Locale, details: Record<string, unknown> = {}): AppError {
  return new AppError("request_must_be_valid", {
    field: "file",
    reason: fieldReasons[reason][locale],
    ...details,
  });
}

// --- Reading the file ---------------------------------------------------------------------------------------

/** UTF-8 (with or without a byte order mark), else Windows-1251, the other encoding Excel saves CSV in. */
export function decodeText(body: Buffer): string {
  try {
    return new TextDecoder("utf-8", { fatal: true, ignoreBOM: false }).decode(body);
  } catch {
    return new TextDecoder("windows-1251").decode(body);
  }
}

/** The separator of a CSV file: whichever of `,` `;` or tab occurs most in its first line outside quotes. */
function detectSeparator(text: string): string {
  const counts = new Map([
    [",", 0],
    [";", 0],
    ["\t", 0],
  ]);
  let isQuoted = false;
  for (const char of text) {
    if (char === '"') isQuoted = !isQuoted;
    else if (!isQuoted && (char === "\n" || char === "\r")) break;
    else if (!isQuoted && counts.has(char)) counts.set(char, (counts.get(char) ?? 0) + 1);
  }
  return [...counts.entries()].sort((a, b) => b[1] - a[1])[0]?.[0] ?? ",";
}

/**
 * RFC 4180: fields separated by `separator`, records by CRLF or LF; a quoted field may hold separators, line
 * breaks and doubled quotes. Stops with a refusal once more than `maxRecords` records are read.
 */
export function parseCsv(text: string, maxRecords: number): string[][] {
  const separator = detectSeparator(text);
  const records: string[][] = [];
  let record: string[] = [];
  let field = "";
  let isQuoted = false;
  for (let index = 0; index < text.length; index++) {
    const char = text[index] as string;
    if (isQuoted) {
      if (char !== '"') field += char;
      else if (text[index + 1] === '"') {
        field += '"';
        index++;
      } else isQuoted = false;
    } else if (char === '"' && field === "") isQuoted = true;
    else if (char === separator) {
      record.push(field);
      field = "";
    } else if (char === "\n" || char === "\r") {
      if (char === "\r" && text[index + 1] === "\n") index++;
      record.push(field);
      records.push(record);
      if (records.length > maxRecords) return records;
      record = [];
      field = "";
    } else field += char;
  }
  if (field !== "" || record.length > 0) {
    record.push(field);
    records.push(record);
  }
  return records;
}

/** The text of an ExcelJS cell value, whatever kind it holds (dates as YYYY-MM-DD). */
function xlsxCellText(value: ExcelJS.CellValue): string {
  if (value === null || value === undefined) return "";
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  if (typeof value !== "object") return String(value);
  if ("richText" in value) return value.richText.map((part) => part.text).join("");
  if ("text" in value) return String(value.text);
  if ("result" in value) return xlsxCellText((value.result ?? null) as ExcelJS.CellValue);
  return "";
}

async function readXlsx(body: Buffer): Promise<string[][]> {
  const workbook = new ExcelJS.Workbook();
  try {
    // ExcelJS's types predate the generic Buffer of @types/node 20; the value is a Buffer all the same.
    await workbook.xlsx.load(body as unknown as ArrayBuffer);
  } catch {
    throw fileRefusal("invalid_format", "en");
  }
  const sheet = workbook.worksheets[0];
  if (sheet === undefined) return [];
  if (sheet.rowCount > limits.importRowsMax + 1)
    return Array.from({ length: limits.importRowsMax + 2 }, () => []);
  const records: string[][] = [];
  sheet.eachRow({ includeEmpty: true }, (row, number) => {
    const values = Array.isArray(row.values) ? row.values.slice(1) : [];
    records[number - 1] = values.map((value) => xlsxCellText(value as ExcelJS.CellValue));
  });
  return Array.from(records, (record) => record ?? []);
}

/** Reads a file into a header and numbered rows; wholly empty rows are left out. */
export async function readImportFile(
  body: Buffer,
  format: ImportFileFormat,
  locale: Locale,
): Promise<ImportTable> {
  let records: string[][];
  try {
    records = format === "csv" ? parseCsv(decodeText(body), limits.importRowsMax + 1) : await readXlsx(body);
  } catch (error) {
    if (error instanceof AppError) throw fileRefusal("invalid_format", locale);
    throw error;
  }
  if (records.length > limits.importRowsMax + 1)
    throw fileRefusal("too_big", locale, { rowsMax: limits.importRowsMax });
  const [headers, ...rest] = records;
  if (headers === undefined || headers.every((h) => h.trim() === "")) throw fileRefusal("required", locale);
  const rows = rest
    .map((cells, index) => ({ rowNumber: index + 2, cells: cells.map((cell) => cell.trim()) }))
    .filter((row) => row.cells.some((cell) => cell !== ""));
  return { headers: headers.map((h) => h.trim()), rows };
}

// --- Checking rows ------------------------------------------------------------------------------------------

const headerLookup: ReadonlyMap<string, ImportColumn> = new Map(
  importColumns.flatMap((column) => [
    [column.toLowerCase(), column] as const,
    ...Object.values(columnHeaders[column]).map((label) => [label.toLowerCase(), column] as const),
  ]),
);

/** Which cell holds which column; refuses a file without the columns every person needs. */
export function mapColumns(headers: readonly string[], locale: Locale): Map<ImportColumn, number> {
  const columns = new Map<ImportColumn, number>();
  headers.forEach((header, index) => {
    const column = headerLookup.get(
      header
        .replace(/^\uFEFF/, "")
        .trim()
        .toLowerCase(),
    );
    if (column !== undefined && !columns.has(column)) columns.set(column, index);
  });
  const missing = (["surname", "givenName"] as const).filter((column) => !columns.has(column));
  if (missing.length > 0)
    throw fileRefusal("required", locale, { missingColumns: missing.map((c) => columnHeaders[c][locale]) });
  return columns;
}

function problemOf(code: ErrorCode, field: string, locale: Locale, reason?: FieldReason): ImportProblem {
  assert(Object.hasOwn(catalogue, code), `unknown error code ${code}`);
  const column = field.split(".")[0] as ImportColumn;
  const label = columnHeaders[column]?.[locale] ?? field;
  const details = { field: label, ...(reason === undefined ? {} : { reason: fieldReasons[reason][locale] }) };
  return { field, code, message: errorMessage(code, locale, details) };
}

/** A cell's text without the apostrophe a spreadsheet export puts before text that looks like a formula. */
function cellOf(cells: readonly string[], columns: Map<ImportColumn, number>, column: ImportColumn): string {
  const index = columns.get(column);
  const text = index === undefined ? "" : (cells[index] ?? "");
  return /^'[=+\-@]/.test(text) ? text.slice(1) : text;
}

/** `YYYY-MM-DD` or `DD.MM.YYYY` (how dates are written in Kazakhstan) as `YYYY-MM-DD`; null when neither. */
export function importDate(text: string): string | null {
  if (/^\d{4}-\d{2}-\d{2}$/.test(text)) return text;
  const dotted = /^(\d{1,2})[./](\d{1,2})[./](\d{4})$/.exec(text);
  if (dotted === null) return null;
  return `${dotted[3]}-${(dotted[2] as string).padStart(2, "0")}-${(dotted[1] as string).padStart(2, "0")}`;
}

/**
 * A spreadsheet that took an IIN for a number dropped its leading zeros (born 2000–2009): a number of 10 or
 * 11 digits gets them back. The check digit still decides whether it is an IIN.
 */
function importIin(text: string): string | null {
  const digits = text.replace(/\s/g, "");
  if (digits === "") return null;
  return /^\d{10,11}$/.test(digits) ? digits.padStart(12, "0") : digits;
}

interface ReadRow {
  readonly name: string;
  readonly problems: ImportProblem[];
  readonly person?: Omit<ReadyPerson, "rowNumber">;
}

/** Reads one row's cells into a person, or the problems that stop it. */
function readRow(
  cells: readonly string[],
  columns: Map<ImportColumn, number>,
  context: { today: PlainDate; locale: Locale; regionIds: ReadonlySet<string> },
): ReadRow {
  const { locale } = context;
  const cell = (column: ImportColumn) => cellOf(cells, columns, column);
  const name = `${cell("surname")} ${cell("givenName")}`.trim().slice(0, limits.nameMaxLength);
  const problems: ImportProblem[] = [];
  const iin = importIin(cell("iin"));
  const fromIin = iin === null ? null : parseIin(iin);
  const sexText = cell("sex").toLowerCase();
  let sex: "female" | "male" | null = femaleWords.has(sexText)
    ? "female"
    : maleWords.has(sexText)
      ? "male"
      : null;
  if (sexText === "" && fromIin?.ok === true) sex = fromIin.value.sex;
  if (sex === null)
    problems.push(
      problemOf("request_must_be_valid", "sex", locale, sexText === "" ? "required" : "invalid_value"),
    );
  const birthText = cell("birthDate");
  let birthDate = birthText === "" ? null : importDate(birthText);
  if (birthText !== "" && birthDate === null)
    problems.push(problemOf("date_must_be_valid", "birthDate", locale));
  if (birthText === "" && fromIin?.ok === true) birthDate = fromIin.value.birthDate;
  const address = cell("address") || null;
  if (address !== null && address.length > 500)
    problems.push(problemOf("request_must_be_valid", "address", locale, "too_big"));
  const regionId = cell("regionId").toUpperCase() || null;
  if (regionId !== null && !context.regionIds.has(regionId))
    problems.push(problemOf("region_must_exist", "regionId", locale));
  const vulnerabilities = cell("vulnerabilities")
    .split(/[,;\s]+/)
    .filter((flag) => flag !== "");
  if (vulnerabilities.some((flag) => !(vulnerabilityFlags as readonly string[]).includes(flag)))
    problems.push(problemOf("request_must_be_valid", "vulnerabilities", locale, "invalid_value"));
  const dependantsText = cell("dependants");
  const dependants = dependantsText === "" ? null : Number(dependantsText);
  if (dependants !== null && !(Number.isInteger(dependants) && dependants >= 0 && dependants <= 30))
    problems.push(problemOf("request_must_be_valid", "dependants", locale, "invalid_value"));
  const phones = cell("phones")
    .split(/[,;]/)
    .map((phone) => phone.trim())
    .filter((phone) => phone !== "")
    .slice(0, 5);
  if (sex === null || problems.some((p) => p.field === "birthDate")) return { name, problems };
  try {
    const facts = normalizePerson(
      {
        surname: cell("surname"),
        givenName: cell("givenName"),
        patronymic: cell("patronymic"),
        sex,
        birthDate,
        iin,
        phones,
      },
      context.today,
    );
    if (problems.length > 0) return { name, problems };
    return {
      name,
      problems,
      person: { facts, address, regionId, vulnerabilities: [...new Set(vulnerabilities)], dependants },
    };
  } catch (error) {
    if (!(error instanceof AppError)) throw error;
    const field = typeof error.details["field"] === "string" ? error.details["field"] : "row";
    return { name, problems: [problemOf(error.code, field, locale), ...problems] };
  }
}

/** The summary the screen shows while it lists the rows. */
function countRows(rows: readonly ImportRow[]): ImportCounts {
  const count = (status: ImportRow["status"]) => rows.filter((row) => row.status === status).length;
  return {
    total: rows.length,
    ok: count("ok"),
    error: count("error"),
    duplicate: count("duplicate"),
    alreadyImported: count("already_imported"),
  };
}

/** Checks the rows of a file in order, a chunk at a time, remembering the rows above for duplicates within the file. */
export interface ImportAnalyzer {
  /** Checks the next rows of the file; reads only. */
  analyze(trx: Tx, chunk: ImportTable["rows"]): Promise<void>;
  /** What became of every row checked so far. */
  result(): ImportAnalysis;
}

/**
 * Checks every row: its values, then the records of the organization (same IIN or same name key and birth
 * date: already imported; similar name with the same birth date or phone: a likely duplicate), then the rows
 * above it in the same file. Reads only; the commit calls it again inside its own transaction.
 */
export async function importAnalyzer(
  trx: Tx,
  orgId: string,
  headers: ImportTable["headers"],
  context: { today: PlainDate; locale: Locale },
): Promise<ImportAnalyzer> {
  const { locale } = context;
  const columns = mapColumns(headers, locale);
  const regionIds = new Set((await trx.selectFrom("regions").select("id").execute()).map((r) => r.id));
  const rows: ImportRow[] = [];
  const ready: ReadyPerson[] = [];
  /** Earlier rows of the file that will be imported, by IIN, by birth date and by phone. */
  const byIin = new Map<string, ReadyPerson>();
  const byBirthDate = new Map<string, ReadyPerson[]>();
  const byPhone = new Map<string, ReadyPerson[]>();
  const analyze = async (trx: Tx, chunk: ImportTable["rows"]) => {
    assert(rows.length + chunk.length <= limits.importRowsMax, "the file was bounded when it was read");
    for (const { rowNumber, cells } of chunk) {
      const read = readRow(cells, columns, { ...context, regionIds });
      const base = { rowNumber, name: read.name };
      if (read.person === undefined) {
        rows.push({ ...base, status: "error", problems: read.problems });
        continue;
      }
      const person = { rowNumber, ...read.person };
      const { facts } = person;
      const found = await findLikelyDuplicates(trx, orgId, facts);
      if (found.sameIin !== undefined) {
        const isSamePerson = isSimilarName(
          { surname: found.sameIin.surname, givenName: found.sameIin.given_name },
          facts,
        );
        const duplicateOf = {
          personId: found.sameIin.id,
          rowNumber: null,
          name: `${found.sameIin.surname} ${found.sameIin.given_name}`,
        };
        rows.push(
          isSamePerson
            ? { ...base, status: "already_imported", problems: [], duplicateOf }
            : {
                ...base,
                status: "error",
                problems: [problemOf("iin_must_be_unique", "iin", locale)],
                duplicateOf,
              },
        );
        continue;
      }
      const exact = found.similar.find(
        (r) => r.name_key === facts.nameKey && r.birth_date === facts.birthDate && r.birth_date !== null,
      );
      if (exact !== undefined) {
        const duplicateOf = {
          personId: exact.id,
          rowNumber: null,
          name: `${exact.surname} ${exact.given_name}`,
        };
        rows.push({ ...base, status: "already_imported", problems: [], duplicateOf });
        continue;
      }
      const likely = found.similar[0];
      if (likely !== undefined) {
        const duplicateOf = {
          personId: likely.id,
          rowNumber: null,
          name: `${likely.surname} ${likely.given_name}`,
        };
        rows.push({
          ...base,
          status: "duplicate",
          problems: [problemOf("person_may_be_duplicate", "row", locale)],
          duplicateOf,
        });
        continue;
      }
      const earlier = earlierRowLike(person, byIin, byBirthDate, byPhone);
      if (earlier !== undefined) {
        const code =
          facts.iin !== null && earlier.facts.iin === facts.iin
            ? "iin_must_be_unique"
            : "person_may_be_duplicate";
        const duplicateOf = {
          personId: null,
          rowNumber: earlier.rowNumber,
          name: `${earlier.facts.surname} ${earlier.facts.givenName}`,
        };
        rows.push({
          ...base,
          status: "duplicate",
          problems: [problemOf(code, code === "iin_must_be_unique" ? "iin" : "row", locale)],
          duplicateOf,
        });
        continue;
      }
      rows.push({ ...base, status: "ok", problems: [] });
      ready.push(person);
      if (facts.iin !== null) byIin.set(facts.iin, person);
      if (facts.birthDate !== null)
        byBirthDate.set(facts.birthDate, [...(byBirthDate.get(facts.birthDate) ?? []), person]);
      for (const phone of facts.phones) byPhone.set(phone, [...(byPhone.get(phone) ?? []), person]);
    }
  };
  const result = () => {
    const counts = countRows(rows);
    assert(counts.ok === ready.length, "every ok row is ready to insert");
    return { rows, counts, ready };
  };
  return { analyze, result };
}

/** Checks a whole file in one go. */
export async function analyzeImport(
  trx: Tx,
  orgId: string,
  table: ImportTable,
  context: { today: PlainDate; locale: Locale },
): Promise<ImportAnalysis> {
  const analyzer = await importAnalyzer(trx, orgId, table.headers, context);
  await analyzer.analyze(trx, table.rows);
  const analysis = analyzer.result();
  assert(analysis.rows.length === table.rows.length, "every row has a status");
  return analysis;
}

/** An earlier row of the file that is likely the same person: the same IIN, or a similar name with the same birth date or phone. */
function earlierRowLike(
  person: ReadyPerson,
  byIin: ReadonlyMap<string, ReadyPerson>,
  byBirthDate: ReadonlyMap<string, readonly ReadyPerson[]>,
  byPhone: ReadonlyMap<string, readonly ReadyPerson[]>,
): ReadyPerson | undefined {
  const { facts } = person;
  if (facts.iin !== null && byIin.has(facts.iin)) return byIin.get(facts.iin);
  const candidates = [
    ...(facts.birthDate === null ? [] : (byBirthDate.get(facts.birthDate) ?? [])),
    ...facts.phones.flatMap((phone) => byPhone.get(phone) ?? []),
  ];
  return candidates.find((other) => isSimilarName(other.facts, facts));
}

/** Persons inserted per statement: well under PostgreSQL's 65,535 bind parameters (17 columns each). */
const insertBatchSize = 500;

/** Inserts the rows that passed; the caller's transaction makes it all or nothing. Returns the new ids. */
export async function insertImported(
  trx: Tx,
  orgId: string,
  ready: readonly ReadyPerson[],
  createdBy: string,
): Promise<string[]> {
  const ids: string[] = [];
  for (let start = 0; start < ready.length; start += insertBatchSize) {
    const batch = ready.slice(start, start + insertBatchSize).map((person) => {
      const id = newId();
      ids.push(id);
      const { facts } = person;
      return {
        org_id: orgId,
        id,
        surname: facts.surname,
        given_name: facts.givenName,
        patronymic: facts.patronymic,
        name_key: facts.nameKey,
        sex: facts.sex,
        birth_date: facts.birthDate,
        iin: facts.iin,
        phones: facts.phones,
        address: person.address,
        region_id: person.regionId,
        documents: "[]",
        vulnerabilities: person.vulnerabilities,
        income_band: null,
        dependants: person.dependants,
        languages: [],
        merged_into_id: null,
        erased_at: null,
        created_by: createdBy,
      };
    });
    await trx.insertInto("persons").values(batch).execute();
  }
  assert(ids.length === ready.length, "one new record per ready row");
  return ids;
}

/** A short fingerprint of the file for the audit trail: the same file imported twice is seen as such. */
export function fileDigest(body: Buffer): string {
  return createHash("sha256").update(body).digest("hex").slice(0, 16);
}

// --- The template -------------------------------------------------------------------------------------------

/** CSV (UTF-8 with BOM, CRLF, formula-safe like the exports) or XLSX with the headers in `locale` and one example row. */
export async function renderTemplate(format: ImportFileFormat, locale: Locale): Promise<Buffer> {
  const headers = importColumns.map((column) => columnHeaders[column][locale]);
  const example = importColumns.map((column) => exampleRow[column][locale]);
  if (format === "csv") {
    const quoted = (text: string) => (/[",;\n\r]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text);
    const line = (cells: readonly string[]) => cells.map((cell) => quoted(formulaSafe(cell))).join(",");
    return Buffer.from(`\uFEFF${line(headers)}\r\n${line(example)}\r\n`, "utf8");
  }
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet(templateTitle[locale].slice(0, 31), {
    views: [{ state: "frozen", ySplit: 1 }],
  });
  sheet.columns = importColumns.map((column, index) => ({
    key: column,
    width: Math.max(14, (headers[index] ?? "").length + 4),
    // Text, so that a spreadsheet keeps the leading zeros of an IIN and the form of a phone number or date.
    style: { numFmt: "@" },
  }));
  sheet.addRow(headers).font = { bold: true };
  sheet.addRow(example);
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

export function templateFileTitle(locale: Locale): string {
  return templateTitle[locale];
}
