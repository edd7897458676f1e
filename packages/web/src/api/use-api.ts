import { useCallback, useEffect, useMemo, useState } from "react";
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

/** What a screen knows about data it reads from the server. */
export type Resource<T> =
  | { readonly status: "loading" }
  | { readonly status: "failed"; readonly error: unknown }
  | { readonly status: "loaded"; readonly data: T };

/**
 * Reads `path` (null: nothing to read yet) and reads it again after `reload()`, when the path changes, or
 * when the language changes (the server's texts follow it). A newer read replaces an older one that is
 * still on its way, so a slow answer never overwrites a fresh one.
 */
export function useApiResource<T>(path: string | null): { resource: Resource<T>; reload: () => void } {
  const request = useApiRequest();
  const [resource, setResource] = useState<Resource<T>>({ status: "loading" });
  const [generation, setGeneration] = useState(0);
  // A new object for each read asked for: a reload of the same path is a new read.
  const read = useMemo(() => ({ path, generation }), [path, generation]);
  useEffect(() => {
    if (read.path === null) return;
    const controller = new AbortController();
    request<T>(read.path, { signal: controller.signal }).then(
      (data) => setResource({ status: "loaded", data }),
      (error: unknown) => {
        if (controller.signal.aborted) return;
        setResource({ status: "failed", error });
      },
    );
    return () => controller.abort();
  }, [read, request]);
  const reload = useCallback(() => setGeneration((value) => value + 1), []);
  return { resource, reload };
}
