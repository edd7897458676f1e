#!/usr/bin/env node
/**
 * Adds up, per route, the gzipped bytes a browser loads from the production build (`dist/`), following the
 * build manifest's static imports, and checks them against `PERFORMANCE.md`:
 *   - first load of the sign-in page (HTML + CSS + JS; fonts are the system's): ≤ 170 KB;
 *   - JavaScript on any route, including chunks loaded on demand there: ≤ 250 KB.
 * Usage: `npm run build -w @moldir/web && npm run size -w @moldir/web`. Exits 1 when a budget is exceeded.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { gzipSync } from "node:zlib";

const dist = join(import.meta.dirname, "..", "dist");
const manifest = JSON.parse(readFileSync(join(dist, ".vite", "manifest.json"), "utf8"));
const kilobyte = 1024;
const budgets = { firstLoadBytes: 170 * kilobyte, routeJsBytes: 250 * kilobyte };

/** Manifest keys of the modules each route loads, from the entry down to its lazy screens. */
const routes = {
  "/login": ["index.html"],
  "/": ["index.html", "src/layout/app-layout.tsx", "src/pages/home-page.tsx"],
  "/calculator": [
    "index.html",
    "src/layout/app-layout.tsx",
    "src/calculator/calculator-page.tsx",
    "src/calculator/schedule-chart.tsx",
  ],
  "/users": ["index.html", "src/layout/app-layout.tsx", "src/users/users-page.tsx"],
  "/offices": ["index.html", "src/layout/app-layout.tsx", "src/offices/offices-page.tsx"],
  "/organization": ["index.html", "src/layout/app-layout.tsx", "src/organization/organization-page.tsx"],
  "/approvals": ["index.html", "src/layout/app-layout.tsx", "src/approvals/approvals-page.tsx"],
  "/audit": ["index.html", "src/layout/app-layout.tsx", "src/audit/audit-page.tsx"],
  "/profile": ["index.html", "src/layout/app-layout.tsx", "src/profile/profile-page.tsx"],
  ...Object.fromEntries(
    [
      ["/books", "books-page"],
      ["/books/:id/accounts", "chart-page"],
      ["/books/:id/entries", "journal-page"],
      ["/books/:id/entries/new", "entry-form-page"],
      ["/books/:id/entries/:id", "entry-page"],
      ["/books/:id/trial-balance", "trial-balance-page"],
      ["/books/:id/balance-sheet", "balance-sheet-page"],
      ["/books/:id/income-statement", "income-statement-page"],
      ["/books/:id/accounts/:id/ledger", "account-ledger-page"],
      ["/books/:id/periods", "periods-page"],
    ].map(([route, screen]) => [
      route,
      ["index.html", "src/layout/app-layout.tsx", "src/ledger/ledger-routes.tsx", `src/ledger/${screen}.tsx`],
    ]),
  ),
  ...Object.fromEntries(
    [
      ["/people", "people-list-page"],
      ["/people/new", "person-form-page"],
      ["/people/import", "import-page"],
      ["/people/:id", "person-page"],
      ["/people/:id/merge", "merge-page"],
      ["/people/households/:id", "household-page"],
    ].map(([route, screen]) => [
      route,
      ["index.html", "src/layout/app-layout.tsx", "src/people/people-routes.tsx", `src/people/${screen}.tsx`],
    ]),
  ),
  ...Object.fromEntries(
    [
      ["/groups", "groups-page"],
      ["/groups/:id", "group-page"],
      ["/groups/:id/meetings/new", "meeting-entry-page"],
      ["/groups/:id/members/:id/passbook", "passbook-page"],
      ["/groups/:id/share-out", "share-out-page"],
    ].map(([route, screen]) => [
      route,
      ["index.html", "src/layout/app-layout.tsx", "src/groups/groups-routes.tsx", `src/groups/${screen}.tsx`],
    ]),
  ),
  ...Object.fromEntries(
    [
      ["/federations", "federations-page"],
      ["/federations/:id", "node-page"],
      ["/network", "network-page"],
      ["/federations/formation", "formation-page"],
    ].map(([route, screen]) => [
      route,
      [
        "index.html",
        "src/layout/app-layout.tsx",
        "src/federations/federations-routes.tsx",
        `src/federations/${screen}.tsx`,
      ],
    ]),
  ),
  ...Object.fromEntries(
    [
      ["/loans", "loans-page"],
      ["/loans/new", "application-page"],
      ["/loans/:id", "loan-page"],
      ["/loans/products", "products-page"],
      ["/loans/products/:id", "product-page"],
      ["/loans/rules", "lending-rules-page"],
      ["/loans/portfolio", "portfolio-page"],
    ].map(([route, screen]) => [
      route,
      ["index.html", "src/layout/app-layout.tsx", "src/loans/loans-routes.tsx", `src/loans/${screen}.tsx`],
    ]),
  ),
  ...Object.fromEntries(
    [
      ["/projects", "projects-page"],
      ["/projects/:id", "project-page"],
    ].map(([route, screen]) => [
      route,
      [
        "index.html",
        "src/layout/app-layout.tsx",
        "src/projects/projects-routes.tsx",
        `src/projects/${screen}.tsx`,
      ],
    ]),
  ),
  "/children-center": [
    "index.html",
    "src/layout/app-layout.tsx",
    "src/projects/children-center-routes.tsx",
    "src/projects/children-center-page.tsx",
  ],
  "/trainings": [
    "index.html",
    "src/layout/app-layout.tsx",
    "src/projects/trainings-routes.tsx",
    "src/projects/trainings-page.tsx",
  ],
};

const gzipped = (file) => gzipSync(readFileSync(join(dist, file)), { level: 9 }).length;

function collect(key, files) {
  const chunk = manifest[key];
  if (chunk === undefined) throw new Error(`not in the build manifest: ${key}`);
  if (files.has(chunk.file)) return;
  files.add(chunk.file);
  for (const css of chunk.css ?? []) files.add(css);
  for (const imported of chunk.imports ?? []) collect(imported, files);
}

let isWithinBudget = true;
const kb = (bytes) => `${(bytes / kilobyte).toFixed(1)} KB`;
for (const [route, keys] of Object.entries(routes)) {
  const files = new Set();
  for (const key of keys) collect(key, files);
  const sizes = { js: 0, css: 0 };
  for (const file of files) sizes[file.endsWith(".css") ? "css" : "js"] += gzipped(file);
  const html = gzipped("index.html");
  const total = html + sizes.js + sizes.css;
  console.log(
    `${route.padEnd(32)} JS ${kb(sizes.js).padStart(9)}  CSS ${kb(sizes.css).padStart(8)}  HTML ${kb(html)}  total ${kb(total)}`,
  );
  if (sizes.js > budgets.routeJsBytes) {
    console.log(`  over budget: JS on a route must stay within ${kb(budgets.routeJsBytes)}`);
    isWithinBudget = false;
  }
  if (route === "/login" && total > budgets.firstLoadBytes) {
    console.log(`  over budget: the first load must stay within ${kb(budgets.firstLoadBytes)}`);
    isWithinBudget = false;
  }
}
process.exitCode = isWithinBudget ? 0 : 1;
