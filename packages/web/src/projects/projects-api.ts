/** What the project screens share: the server's types and paths, and the app's paths. */
import type {
  Beneficiary,
  BudgetAgainstActual,
  Project,
  ProjectIndicators,
  ProjectSummary,
  Service,
} from "@moldir/contract";

export type { Beneficiary, BudgetAgainstActual, Project, ProjectIndicators, ProjectSummary, Service };

/** Server paths. */
export const projectApi = {
  projects: "/api/v1/projects",
  project: (projectId: string) => `/api/v1/projects/${encodeURIComponent(projectId)}`,
  beneficiaries: (projectId: string) => `/api/v1/projects/${encodeURIComponent(projectId)}/beneficiaries`,
  services: (projectId: string) => `/api/v1/projects/${encodeURIComponent(projectId)}/services`,
  attendance: (projectId: string) => `/api/v1/projects/${encodeURIComponent(projectId)}/attendance`,
  budget: (projectId: string) => `/api/v1/projects/${encodeURIComponent(projectId)}/budget`,
  indicators: (projectId: string) => `/api/v1/projects/${encodeURIComponent(projectId)}/indicators`,
  organizationIndicators: "/api/v1/project-indicators",
  builtIndicators: (projectId: string) =>
    `/api/v1/projects/${encodeURIComponent(projectId)}/built-indicators`,
  indicatorPreviews: (projectId: string) =>
    `/api/v1/projects/${encodeURIComponent(projectId)}/indicator-previews`,
  personSearch: "/api/v1/persons/search",
} as const;

/** App paths of the project screens. */
export const projectPaths = {
  projects: "/projects",
  project: (projectId: string) => `/projects/${projectId}`,
  create: "/projects/new",
  edit: (projectId: string) => `/projects/${projectId}/edit`,
} as const;

/** A person's name as the lists show it. */
export function personName(person: { surname: string; givenName: string }): string {
  return `${person.surname} ${person.givenName}`;
}
