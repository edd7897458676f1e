/**
 * Props for an input that may have a problem. Mantine shows the message and marks the input only with a
 * data attribute; screen readers also need `aria-invalid`, and the forms find the first field to fix by it.
 */
export function problem(error: string | undefined): { error: string | undefined; "aria-invalid": boolean } {
  return { error, "aria-invalid": error !== undefined };
}
