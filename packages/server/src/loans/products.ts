/**
 * Loan products: every setting of the loan engine and the limits of the loans a product makes. A product
 * is checked against the caps in force when it is made or changed, at each corner of its limits. Changing
 * a product's settings makes a new version, and always needs a second person (the action
 * `product.rate_change`); loans keep the version they were made under.
 */
import {
  type changeLoanProductRequestSchema,
  type LoanProduct,
  type LoanProductSettingsJson,
  loanProductSettingsSchema,
} from "@moldir/contract";
import type { LoanProductsTable, Tx } from "@moldir/db";
import { type CappedLoanKind, type CurrencyCode, checkLoanProduct, type PlainDate } from "@moldir/domain";
import type { Selectable } from "kysely";
import { z } from "zod";
import type { ApprovableAction } from "../approvals/registry";
import { AppError, refusal } from "../http/app-error";
import { todayOf } from "../http/dates";
import { settingsFromJson } from "./terms";

export type ProductRow = Selectable<LoanProductsTable>;

export function toLoanProduct(row: ProductRow): LoanProduct {
  return {
    id: row.id,
    code: row.code,
    names: { kk: row.name_kk, ru: row.name_ru, en: row.name_en },
    clientKind: row.client_kind,
    loanKind: row.loan_kind,
    currency: row.currency,
    active: row.active,
    version: row.version,
    settings: loanProductSettingsSchema.parse(row.settings),
  };
}

/** Refuses settings that break a limit, the engine or a cap in force on `on`. */
export function requireValidProduct(
  settings: LoanProductSettingsJson,
  loanKind: CappedLoanKind,
  currency: string,
  on: PlainDate,
): void {
  const checked = checkLoanProduct(settingsFromJson(settings), loanKind, currency as CurrencyCode, on);
  if (!checked.ok) throw refusal(checked);
}

export async function loadProduct(trx: Tx, orgId: string, productId: string): Promise<ProductRow> {
  const row = await trx
    .selectFrom("loan_products")
    .selectAll()
    .where("org_id", "=", orgId)
    .where("id", "=", productId)
    .executeTakeFirst();
  if (row === undefined) throw new AppError("record_must_exist");
  return row;
}

export const productChangePayload = z.object({
  productId: z.string(),
  version: z.number().int(),
  settings: loanProductSettingsSchema,
});
export type ProductChange = z.infer<typeof productChangePayload> &
  z.infer<typeof changeLoanProductRequestSchema>;

/** A new version of a product's settings, checked again when the second person approves it. */
export const productChangeAction: ApprovableAction<ProductChange, LoanProduct> = {
  action: "product.rate_change",
  permission: "loans.manage",
  payloadSchema: productChangePayload,
  summarize: async (trx, context, payload) => {
    const product = await loadProduct(trx, context.orgId, payload.productId);
    const before = loanProductSettingsSchema.parse(product.settings);
    return {
      productId: product.id,
      code: product.code,
      fromVersion: product.version,
      interestRatePercent: [before.interestRatePercent, payload.settings.interestRatePercent],
      fees: [before.fees.length, payload.settings.fees.length],
    };
  },
  execute: async (trx, context, payload) => {
    const product = await loadProduct(trx, context.orgId, payload.productId);
    if (product.version !== payload.version) throw new AppError("version_must_match");
    requireValidProduct(
      payload.settings,
      product.loan_kind,
      product.currency,
      await todayOf(trx, context.orgId),
    );
    const version = product.version + 1;
    await trx
      .insertInto("loan_product_versions")
      .values({
        org_id: context.orgId,
        product_id: product.id,
        version,
        settings: JSON.stringify(payload.settings),
        created_by: context.makerUserId,
        approved_by: context.checkerUserId,
      })
      .execute();
    await trx
      .updateTable("loan_products")
      .set({ version, settings: JSON.stringify(payload.settings) })
      .where("org_id", "=", context.orgId)
      .where("id", "=", product.id)
      .execute();
    const updated = await loadProduct(trx, context.orgId, product.id);
    return {
      result: toLoanProduct(updated),
      recordType: "loan_product",
      recordId: product.id,
      summary: { code: product.code, version, interestRatePercent: payload.settings.interestRatePercent },
    };
  },
};
