import { Alert, Button, Center, Stack } from "@mantine/core";
import { useTranslation } from "react-i18next";
import { useErrorMessage } from "../api/use-api";
import { useSession } from "../session/session-context";

/** The server could not say who is signed in (offline, down): say so and offer to ask again. */
export function SessionUnavailable({ error }: { readonly error: unknown }) {
  const { t } = useTranslation();
  const errorMessage = useErrorMessage();
  const { refresh } = useSession();
  return (
    <Center component="main" p="md" mih="60vh">
      <Stack maw={480} gap="sm">
        <Alert color="red" title={t("session.unavailableTitle")} role="alert">
          {errorMessage(error)}
        </Alert>
        <Button variant="light" onClick={refresh}>
          {t("common.tryAgain")}
        </Button>
      </Stack>
    </Center>
  );
}
