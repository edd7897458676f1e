/**
 * The generator's way in: the application's own HTTP API, called in process (`inject`, no socket) as a signed-in
 * user, so that generated data passes the same checks, commands and posting service as a user's.
 */
import type { FastifyInstance } from "fastify";

export type Api = <T>(method: "GET" | "POST" | "PATCH" | "PUT", url: string, payload?: unknown) => Promise<T>;

export class ApiRefusal extends Error {
  constructor(
    readonly statusCode: number,
    readonly body: { error?: { code: string; details: Record<string, unknown> } },
    where: string,
  ) {
    super(`${where}: ${statusCode} ${JSON.stringify(body)}`);
  }
}

export async function signedInApi(app: FastifyInstance, login: string, password: string): Promise<Api> {
  const signedIn = await app.inject({
    method: "POST",
    url: "/api/v1/auth/login",
    payload: { login, password },
  });
  if (signedIn.statusCode !== 200) throw new ApiRefusal(signedIn.statusCode, signedIn.json(), "login");
  const header = signedIn.headers["set-cookie"];
  const cookie = (Array.isArray(header) ? header : [header ?? ""])
    .find((c) => c.startsWith("moldir_session="))
    ?.split(";")[0];
  if (cookie === undefined) throw new Error("the login set no session cookie");
  const csrfToken: string = signedIn.json().csrfToken;
  return async <T>(method: "GET" | "POST" | "PATCH" | "PUT", url: string, payload?: unknown) => {
    const response = await app.inject({
      method,
      url,
      ...(payload === undefined ? {} : { payload: payload as object }),
      headers: { cookie, "x-csrf-token": csrfToken, "accept-language": "en" },
    });
    if (response.statusCode >= 300)
      throw new ApiRefusal(response.statusCode, response.json(), `${method} ${url}`);
    return response.json() as T;
  };
}
