/** Sessions as the server answers them, for screens under test. */
import type { SessionResponse } from "@moldir/contract";
import { organizationWidePermissionsOf, permissionsOf, type Role, type RoleAssignment } from "@moldir/domain";

export const ngoId = "0190a000-0000-7000-8000-000000000001";
export const mcoId = "0190a000-0000-7000-8000-000000000002";
export const aigerimId = "0190a000-0000-7000-8000-0000000000a1";

/** A complete session of Aigerim in the NGO with the given roles over the whole organization. */
export function buildSession(
  roles: readonly Role[] = ["administrator"],
  overrides: Partial<SessionResponse> = {},
): SessionResponse {
  const assignments: RoleAssignment[] = roles.map((role) => ({
    role,
    scopeKind: "organization",
    scopeId: null,
  }));
  return {
    user: {
      id: aigerimId,
      displayName: "Айгерим Садыкова",
      email: "aigerim@example.kz",
      phone: null,
      preferredLocale: "ru",
      twoFactorEnabled: false,
    },
    organizations: [
      {
        orgId: ngoId,
        kind: "ngo",
        names: {
          kk: "Мөлдір әйелдер қауымдастығы",
          ru: "Ассоциация женщин «Мөлдір»",
          en: "Moldir Women's Association",
        },
      },
      {
        orgId: mcoId,
        kind: "mco",
        names: { kk: "Мөлдір МҚҰ", ru: "МФО «Мөлдір»", en: "Moldir Micro-Credit Organization" },
      },
    ],
    currentOrgId: ngoId,
    roles: assignments,
    permissions: [...permissionsOf(assignments)].sort(),
    organizationPermissions: [...organizationWidePermissionsOf(assignments)].sort(),
    csrfToken: "c_test",
    secondFactorPending: false,
    mustEnableSecondFactor: false,
    ...overrides,
  };
}
