import { useCallback } from "react";
import { useTranslation } from "react-i18next";
import { useLocale } from "../i18n/use-locale";
import { ApiError, type ApiRequestOptions, apiRequest, clientErrorCodes } from "./client";

type BoundOptions = Omit<ApiRequestOptions, "locale">;

/** `apiRequest` bound to the language shown now. */
export function useApiRequest(): <T>(path: string, options?: BoundOptions) => Promise<T> {
  const locale = useLocale();
  return useCallback(
    <T>(path: string, options: BoundOptions = {}) => apiRequest<T>(path, { ...options, locale }),
    [locale],
  );
}

/** The sentence to show for any error: the server's own message when it sent one. */
export function useErrorMessage(): (error: unknown) => string {
  const { t } = useTranslation();
  return useCallback(
    (error: unknown) => {
      if (error instanceof ApiError) {
        if (error.message.length > 0) return error.message;
        if (error.code === clientErrorCodes.networkUnavailable) return t("api.networkUnavailable");
        return t("api.unexpectedResponse", { status: error.status });
      }
      return t("api.unexpectedResponse", { status: 0 });
    },
    [t],
  );
}
