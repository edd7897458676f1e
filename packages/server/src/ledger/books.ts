/** Books and their charts of accounts, made from a template and editable after. */
import type { Tx } from "@moldir/db";
import { assert, type BookTemplate, chartTemplates } from "@moldir/domain";
import { newId } from "../identity/secrets";

export interface NewBook {
  readonly orgId: string;
  readonly template: BookTemplate;
  readonly ownerKind: "organization" | "group" | "federation_node";
  readonly groupId: string | null;
  /** The federation node that owns the book, when ownerKind is `federation_node`. */
  readonly federationNodeId?: string;
  readonly names: { readonly kk: string; readonly ru: string; readonly en: string };
  readonly currency: string;
}

/** Creates a book with every account of its template; returns the book's id. */
export async function createBook(trx: Tx, book: NewBook): Promise<string> {
  const bookId = newId();
  await trx
    .insertInto("books")
    .values({
      org_id: book.orgId,
      id: bookId,
      owner_kind: book.ownerKind,
      group_id: book.groupId,
      federation_node_id: book.federationNodeId ?? null,
      template: book.template,
      name_kk: book.names.kk,
      name_ru: book.names.ru,
      name_en: book.names.en,
      currency: book.currency,
      closed_through: null,
    })
    .execute();
  const template = chartTemplates[book.template];
  const idsByCode = new Map(template.map((a) => [a.code, newId()]));
  await trx
    .insertInto("accounts")
    .values(
      template.map((account) => {
        const id = idsByCode.get(account.code);
        assert(id !== undefined, "every template account has an id");
        return {
          org_id: book.orgId,
          id,
          book_id: bookId,
          parent_id: account.parentCode === null ? null : (idsByCode.get(account.parentCode) ?? null),
          code: account.code,
          type: account.type,
          name_kk: account.names.kk,
          name_ru: account.names.ru,
          name_en: account.names.en,
          is_header: account.isHeader ?? false,
          purpose: account.purpose ?? null,
        };
      }),
    )
    .execute();
  return bookId;
}

/** The account of a book that serves a purpose (`cash`, `member_savings`…), or undefined. */
export async function accountForPurpose(
  trx: Tx,
  orgId: string,
  bookId: string,
  purpose: string,
): Promise<string | undefined> {
  const row = await trx
    .selectFrom("accounts")
    .select("id")
    .where("org_id", "=", orgId)
    .where("book_id", "=", bookId)
    .where("purpose", "=", purpose)
    .executeTakeFirst();
  return row?.id;
}
