import { Alert, Button, Stack } from "@mantine/core";
import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { ApiError } from "../api/client";
import { type Resource, useErrorMessage } from "../api/use-api";
import { NoAccess } from "./no-access";
import { PageLoader } from "./page-loader";

/** The code the server answers when the person lacks the permission a route needs. */
export const permissionMissingCode = "permission_must_be_granted";

export interface ResourceViewProps<T> {
  readonly resource: Resource<T>;
  readonly onRetry: () => void;
  readonly children: (data: T) => ReactNode;
}

/** Data read from the server: a loader while it comes, the reason when it does not, else the content. */
export function ResourceView<T>({ resource, onRetry, children }: ResourceViewProps<T>) {
  const { t } = useTranslation();
  const errorMessage = useErrorMessage();
  switch (resource.status) {
    case "loading":
      return <PageLoader />;
    case "failed":
      if (resource.error instanceof ApiError && resource.error.code === permissionMissingCode) {
        return <NoAccess />;
      }
      return (
        <Stack gap="sm" align="flex-start">
          <Alert color="red" title={t("common.loadFailed")} role="alert" w="100%">
            {errorMessage(resource.error)}
          </Alert>
          <Button variant="light" onClick={onRetry}>
            {t("common.tryAgain")}
          </Button>
        </Stack>
      );
    case "loaded":
      return <>{children(resource.data)}</>;
  }
}
