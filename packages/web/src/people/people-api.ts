/**
 * What the people screens share: app paths, the server's paths, and the search, which sends what was typed
 * (a name, a phone or an IIN) in a POST body: an IIN never goes into a URL, where logs and history keep it.
 */
import type { PersonFilters, PersonSummary } from "@moldir/contract";
import { useCallback, useEffect, useMemo, useState } from "react";
import { useApiRequest } from "../api/use-api";

/** App paths of the people screens, in one place so links and routes agree. */
export const peoplePaths = {
  list: "/people",
  create: "/people/new",
  edit: (personId: string) => `/people/${personId}/edit`,
  import: "/people/import",
  person: (personId: string) => `/people/${personId}`,
  merge: (personId: string) => `/people/${personId}/merge`,
  household: (householdId: string) => `/people/households/${householdId}`,
} as const;

export const personApi = (personId: string) => `/api/v1/persons/${encodeURIComponent(personId)}`;

/** `POST /api/v1/persons/:id/merge` answers this when a second person must approve. */
export interface PendingApproval {
  readonly status: "pending_approval";
  readonly approvalId: string;
}

export function isPendingApproval(body: unknown): body is PendingApproval {
  return typeof body === "object" && body !== null && "status" in body && body.status === "pending_approval";
}

/** "Surname Given Patronymic" as written. */
export function fullName(person: Pick<PersonSummary, "surname" | "givenName" | "patronymic">): string {
  return [person.surname, person.givenName, person.patronymic ?? ""].filter((part) => part !== "").join(" ");
}

export interface SearchPage {
  readonly items: PersonSummary[];
  readonly nextCursor: string | null;
}

export type SearchState =
  | { readonly status: "loading" }
  | { readonly status: "failed"; readonly error: unknown }
  | { readonly status: "loaded"; readonly items: PersonSummary[]; readonly nextCursor: string | null };

/** Rows asked for per page of the list. */
export const searchPageSize = 50;

/**
 * The persons matching `q` (empty: everyone) and the filters, which the server applies, a page at a time:
 * `more()` appends the next page. A new query starts again from the first page; an answer to an older query is
 * dropped.
 */
export function usePersonSearch(q: string, filters: PersonFilters = {}, limit = searchPageSize) {
  const request = useApiRequest();
  const [state, setState] = useState<SearchState>({ status: "loading" });
  const [generation, setGeneration] = useState(0);
  // A new object for each search asked for: a reload of the same query is a new search.
  const filtersKey = JSON.stringify(filters);
  const search = useMemo(
    () => ({ body: { q, limit, filters: JSON.parse(filtersKey) as PersonFilters }, generation }),
    [q, limit, filtersKey, generation],
  );
  useEffect(() => {
    const controller = new AbortController();
    setState({ status: "loading" });
    request<SearchPage>("/api/v1/persons/search", {
      method: "POST",
      body: search.body,
      signal: controller.signal,
    }).then(
      (page) => setState({ status: "loaded", items: page.items, nextCursor: page.nextCursor }),
      (error: unknown) => {
        if (!controller.signal.aborted) setState({ status: "failed", error });
      },
    );
    return () => controller.abort();
  }, [search, request]);
  const more = useCallback(async () => {
    if (state.status !== "loaded" || state.nextCursor === null) return;
    const page = await request<SearchPage>("/api/v1/persons/search", {
      method: "POST",
      body: { ...search.body, after: state.nextCursor },
    });
    setState({ status: "loaded", items: [...state.items, ...page.items], nextCursor: page.nextCursor });
  }, [state, search, request]);
  const reload = useCallback(() => setGeneration((value) => value + 1), []);
  return { state, more, reload };
}
