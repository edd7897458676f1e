/**
 * `moldir schedule <file.json>`: the public loan calculator on the command line. It reads the same JSON as
 * `POST /api/v1/loan-calculator` and prints the same answer, pretty-printed; a refusal is one line
 * `moldir: <code>: <English message>` and exit status 1, so scripts can test it like the API's error body.
 */
import { readFile, stat } from "node:fs/promises";
import { type ErrorCode, errorMessage } from "@moldir/contract";
import {
  type CalculatorOutputJson,
  calculateSchedule,
  calculatorInputFromJson,
  calculatorOutputToJson,
  err,
  type LoanCalculatorErrorCode,
  limits,
  ok,
  type Result,
} from "@moldir/domain";

/** Reads a calculator request (already parsed JSON) and computes its answer as the contract's JSON. */
export function calculateLoanSchedule(json: unknown): Result<CalculatorOutputJson, LoanCalculatorErrorCode> {
  const input = calculatorInputFromJson(json);
  if (!input.ok) return input;
  const output = calculateSchedule(input.value);
  if (!output.ok) return output;
  return ok(calculatorOutputToJson(output.value));
}

/** What the command prints and how it exits; the CLI writes it, tests read it. */
export interface ScheduleCommandOutcome {
  readonly exitCode: 0 | 1;
  readonly stdout: string;
  readonly stderr: string;
}

/** A file the command cannot read: not a catalogue code, because no API request can fail this way. */
type FileErrorCode = "file_must_be_readable";

type CommandErrorCode = FileErrorCode | ErrorCode;

function refusalLine(code: CommandErrorCode, details: Readonly<Record<string, unknown>>): string {
  const message =
    code === "file_must_be_readable"
      ? `Cannot read the file “${String(details["path"])}”.`
      : errorMessage(code, "en", details);
  // Every refusal of a field names it, even when the message's words do not.
  const field = details["field"];
  const named =
    typeof field === "string" && !message.includes(field) ? `${message} (field: ${field})` : message;
  return `moldir: ${code}: ${named}\n`;
}

async function readRequest(path: string): Promise<Result<unknown, CommandErrorCode>> {
  let text: string;
  try {
    // The same bound as the API's request body: a file the server would refuse is refused here too.
    const { size } = await stat(path);
    if (size > limits.requestBodyMaxBytes) {
      return err("body_must_not_exceed_limit", { limitBytes: limits.requestBodyMaxBytes });
    }
    text = await readFile(path, "utf8");
  } catch {
    return err("file_must_be_readable", { path });
  }
  try {
    return ok(JSON.parse(text));
  } catch {
    return err("body_must_be_valid_json", {});
  }
}

/** Runs `moldir schedule <path>`. */
export async function runScheduleCommand(path: string): Promise<ScheduleCommandOutcome> {
  const request = await readRequest(path);
  if (!request.ok) return { exitCode: 1, stdout: "", stderr: refusalLine(request.code, request.details) };
  const answer = calculateLoanSchedule(request.value);
  if (!answer.ok) return { exitCode: 1, stdout: "", stderr: refusalLine(answer.code, answer.details) };
  return { exitCode: 0, stdout: `${JSON.stringify(answer.value, null, 2)}\n`, stderr: "" };
}
