import { Alert } from "@mantine/core";

/** What a form says after it was sent: that it worked, or why not. */
export type FormMessage = { readonly text: string; readonly isError: boolean } | null;

/** A form's message: an alert when it failed, a status when it worked, nothing before. */
export function FormNotice({ message }: { readonly message: FormMessage }) {
  if (message === null) return null;
  return (
    <Alert color={message.isError ? "red" : "green"} role={message.isError ? "alert" : "status"} p="xs">
      {message.text}
    </Alert>
  );
}
